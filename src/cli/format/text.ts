import type { Operation } from '../../engine/enforcer';
import { type LocatedFinding, type ResourceResult, summarize, type ValidationReport } from '../validate/model';

const COLOURS = { PASS: 32, FAIL: 31, SKIP: 33 } as const;

type Paint = (code: number, text: string) => string;

function painter(colour: boolean): Paint {
  return colour ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_, text) => text;
}

/** The whole Properties object has the empty pointer; say so in words. */
export function showPointer(path: string): string {
  return path === '' ? '(resource)' : path;
}

/** Where a finding is: nothing more when it is about the resource as a whole (its line is in the heading). */
function findingLead(r: ResourceResult, f: LocatedFinding): string {
  if (f.path === '') return f.line === r.line ? '' : `Properties (line ${f.line}): `;
  return `${f.path} (line ${f.line}): `;
}

function resourceLines(file: string, r: ResourceResult, paint: Paint, operation: Operation): string[] {
  const head = `${paint(COLOURS[r.status], r.status)}  ${r.logicalId} (${r.type}) at ${file}:${r.line}`;
  if (r.status === 'SKIP') return [`${head}: ${r.reason ?? 'skipped'}`];
  const lines = [r.template && r.status === 'FAIL' ? `${head}, template ${r.template}` : head];
  for (const f of r.findings) lines.push(`  ${findingLead(r, f)}${f.message}`);
  // A pass that is not a plain "complies" (no template but allowed, a delete) says why it passed.
  if (r.status === 'PASS' && r.kind !== 'compliant' && r.message) lines.push(`  note: ${r.message}`);
  // A delete judges no property, so values unknown until deploy time do not matter.
  if (r.unresolved.length > 0 && operation !== 'DELETE') lines.push(`  not checked (known only at deploy time): ${r.unresolved.map(showPointer).join(', ')}`);
  return lines;
}

/** Once per template rather than under every resource: a stack often breaks one template many times. */
function remediations(resources: readonly ResourceResult[]): string[] {
  const byTemplate = new Map<string, string>();
  for (const r of resources) if (r.remediation && r.template && !byTemplate.has(r.template)) byTemplate.set(r.template, r.remediation);
  return [...byTemplate].flatMap(([template, text]) => ['', `How to comply with ${template}:`, `  ${text}`]);
}

/** Readable report, one block per resource in template order, and a summary line last. */
export function formatText(report: ValidationReport, colour: boolean): string {
  const paint = painter(colour);
  const lines = report.notes.map((note) => `note: ${note}`);
  for (const r of report.resources) lines.push(...resourceLines(report.file, r, paint, report.operation));
  lines.push(...remediations(report.resources));
  const s = summarize(report);
  const verdict = report.compliant ? paint(32, 'compliant') : paint(31, 'NOT compliant');
  const operation = report.operation === 'DELETE' ? ' (delete)' : '';
  lines.push('', `${report.file}${operation} is ${verdict}`, `${s.total} resource${s.total === 1 ? '' : 's'}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  return lines.join('\n');
}
