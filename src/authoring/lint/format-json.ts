import { isError } from './finding';
import type { LintReport } from './lint-directory';

/** `{"clean", "templates", "errors", "warnings", "findings": [{file, path, rule, message, severity}]}`. */
export function formatJson(report: LintReport): string {
  const errors = report.findings.filter(isError).length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  return JSON.stringify({ clean: errors === 0, templates: report.templates, errors, warnings, findings: report.findings }, null, 2);
}
