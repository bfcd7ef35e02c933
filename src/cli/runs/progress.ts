import type { CliIO } from '../command';

export interface Progress {
  step(index: number, file: string): void;
  done(): void;
}

/** `[12/416] path/to/file.yaml` on a terminal's stderr for runs of several files, at most ten times a second. */
export function progress(io: CliIO, total: number, clock: () => number = Date.now): Progress {
  const show = io.progress;
  if (!show || total < 2) return { step: () => undefined, done: () => undefined };
  let last = -Infinity;
  let shown = false;
  return {
    step(index, file) {
      const now = clock();
      if (now - last < 100) return;
      last = now;
      shown = true;
      show(`[${index + 1}/${total}] ${file}`);
    },
    done() {
      if (shown) show('');
    },
  };
}
