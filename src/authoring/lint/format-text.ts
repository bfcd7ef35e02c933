import type { LintReport } from './lint-directory';

/** One line per finding (`file: severity [rule] /pointer: message`), then a summary line. */
export function formatText(report: LintReport): string {
  const lines = report.findings.map((f) => `${f.file}${f.line === undefined ? '' : `:${f.line}${f.column === undefined ? '' : `:${f.column}`}`}: ${f.severity} [${f.rule}] ${f.path || '/'}: ${f.message}`);
  const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
  lines.push(`${report.templates.length} template(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} declared open`);
  return lines.join('\n');
}
