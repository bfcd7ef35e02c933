/** Exit codes shared by every command (DESIGN.md). */
export enum ExitCode {
  Ok = 0,
  Findings = 1,
  Usage = 2,
}

/** A user mistake (bad flag, missing file): printed as one line on stderr, exit 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Colours only when a person is watching. */
  readonly isTTY: boolean;
  /** A progress line that overwrites itself (stderr on a terminal only); "" clears it. */
  progress?(text: string): void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
