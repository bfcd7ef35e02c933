import type { CiRun } from './ci-model';

/** Workflow-command escaping (the runner's own rules): data escapes %, CR, LF; properties also : and ,. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

function annotation(level: keyof typeof COMMAND, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${property(String(v))}`)
    .join(',');
  return `::${COMMAND[level]}${list ? ` ${list}` : ''}::${data(message)}`;
}

/**
 * GitHub Actions workflow commands: one annotation per finding on its file and line (shown
 * on the pull request's diff), one per file that could not be checked, and a plain summary
 * line for the log.
 */
export function formatGithub(run: CiRun, titleOf: (ruleId: string) => string): string {
  const lines: string[] = [];
  let findings = 0;
  for (const file of run.files) {
    if (file.kind === 'error') lines.push(annotation('error', { file: file.file, line: file.line, col: file.column, title: `${run.command}: cannot check` }, file.message));
    else if (file.kind === 'checked') {
      for (const c of file.cases) {
        for (const f of c.findings) {
          findings++;
          lines.push(annotation(f.level, { file: file.file, line: f.line, col: f.column, title: `[${f.ruleId}] ${titleOf(f.ruleId)}` }, f.message));
        }
      }
    }
  }
  if (run.fatal) lines.push(annotation('error', { title: run.command }, run.fatal));
  const checked = run.files.filter((f) => f.kind === 'checked').length;
  const errors = run.files.filter((f) => f.kind === 'error').length;
  const skipped = run.files.filter((f) => f.kind === 'skipped').length;
  lines.push(`${run.command}: ${checked} file(s) checked, ${findings} finding(s), ${errors} file(s) with errors, ${skipped} skipped`);
  return lines.join('\n');
}
