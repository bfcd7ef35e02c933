import { type ResourceResult, summarize } from '../validate/model';
import { exitCodeOf, summarizeRun, type ValidateRun } from './validate-run';

function resourceJson(r: ResourceResult, file: string) {
  return {
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
    file,
    line: r.line,
    kind: r.kind,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
    ...(r.remediation !== undefined ? { remediation: r.remediation } : {}),
  };
}

/**
 * One JSON document for the whole run: the contract of DESIGN.md (`compliant`, `resources[]`
 * with logicalId, type, status, template, findings, unresolved) over every file, each
 * resource naming its `file`, plus `files[]` (status of each file: compliant, non-compliant,
 * error, skipped), the deployment context and where each value came from, and summaries.
 * `file` at the top level is kept when the run has one file.
 */
export function formatJson(run: ValidateRun): string {
  const files = run.outcomes.map((o) => {
    if (o.kind === 'error') return { file: o.file, status: 'error', error: o.message, ...(o.line !== undefined ? { line: o.line } : {}), ...(o.column !== undefined ? { column: o.column } : {}) };
    if (o.kind === 'skipped') return { file: o.file, status: 'skipped', reason: o.reason };
    return { file: o.file, status: o.report.compliant ? 'compliant' : 'non-compliant', summary: summarize(o.report), notes: o.report.notes };
  });
  const reports = run.outcomes.flatMap((o) => (o.kind === 'report' ? [o.report] : []));
  const single = run.outcomes.length === 1;
  const notes = reports.flatMap((r) => r.notes.map((n) => (single ? n : `${r.file}: ${n}`)));
  const summary = summarizeRun(run);
  return JSON.stringify(
    {
      compliant: exitCodeOf(run) === 0,
      resources: reports.flatMap((r) => r.resources.map((resource) => resourceJson(resource, r.file))),
      ...(single ? { file: run.outcomes[0].file } : {}),
      files,
      operation: run.operation,
      context: run.context,
      summary: summary.resources,
      fileSummary: { files: summary.files, compliant: summary.compliant, nonCompliant: summary.nonCompliant, nothingJudged: summary.nothingJudged, errors: summary.errors, skipped: summary.skipped },
      notes,
      ...(run.fatal ? { error: run.fatal } : {}),
    },
    null,
    2,
  );
}
