import { summarize, type ValidationReport } from '../validate/model';

/**
 * The JSON contract of DESIGN.md (`compliant`, `resources[]` with logicalId, type, status,
 * template, findings, unresolved), plus fields a tool may use (line, kind, message, reason).
 */
export function formatJson(report: ValidationReport): string {
  const resources = report.resources.map((r) => ({
    logicalId: r.logicalId,
    type: r.type,
    status: r.status,
    template: r.template,
    findings: r.findings.map((f) => ({
      path: f.path,
      keyword: f.keyword,
      rule: f.rule,
      title: f.title,
      message: f.message,
      line: f.line,
      ...(f.remediation !== undefined ? { remediation: f.remediation } : {}),
      ...(f.controls !== undefined ? { controls: f.controls } : {}),
    })),
    unresolved: r.unresolved,
    line: r.line,
    kind: r.kind,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
    ...(r.remediation !== undefined ? { remediation: r.remediation } : {}),
  }));
  return JSON.stringify({ compliant: report.compliant, resources, file: report.file, operation: report.operation, summary: summarize(report), notes: report.notes }, null, 2);
}
