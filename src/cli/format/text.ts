import type { Operation } from '../../engine/enforcer';
import { describeFinding } from '../../engine/message';
import { type LocatedFinding, type ResourceResult, summarize, type ValidationReport } from '../validate/model';
import { summarizeRun, type ContextValue, type ValidateRun } from './validate-run';

const COLOURS = { PASS: 32, FAIL: 31, SKIP: 33 } as const;

type Paint = (code: number, text: string) => string;

function painter(colour: boolean): Paint {
  return colour ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_, text) => text;
}

/** The whole Properties object has the empty pointer; say so in words. */
export function showPointer(path: string): string {
  return path === '' ? '(resource)' : path;
}

/** The rule, then where: nothing more when it is about the resource as a whole (its line is in the heading). */
function findingLine(r: ResourceResult, f: LocatedFinding): string {
  if (f.path !== '') return describeFinding(f, f.line);
  return `[${f.rule}] ${f.title}: ${f.line === r.line ? '' : `Properties (line ${f.line}) `}${f.message}`;
}

function resourceLines(file: string, r: ResourceResult, paint: Paint, operation: Operation): string[] {
  const head = `${paint(COLOURS[r.status], r.status)}  ${r.logicalId} (${r.type}) at ${file}:${r.line}`;
  if (r.status === 'SKIP') return [`${head}: ${r.reason ?? 'skipped'}`];
  const lines = [r.template && r.status === 'FAIL' ? `${head}, template ${r.template}` : head];
  for (const f of r.findings) lines.push(`  ${findingLine(r, f)}`);
  // A pass that is not a plain "complies" (no template but allowed, a delete) says why it passed.
  if (r.status === 'PASS' && r.kind !== 'compliant' && r.message) lines.push(`  note: ${r.message}`);
  // A delete judges no property, so values unknown until deploy time do not matter.
  if (r.unresolved.length > 0 && operation !== 'DELETE') lines.push(`  not checked (known only at deploy time): ${r.unresolved.map(showPointer).join(', ')}`);
  return lines;
}

/**
 * Once per template rather than under every resource: a stack often breaks one template
 * many times. Each broken rule's own remediation first (`[ID] text`), then the template's.
 */
function remediations(resources: readonly ResourceResult[]): string[] {
  const byTemplate = new Map<string, string[]>();
  for (const r of resources) {
    if (!r.template || r.status !== 'FAIL') continue;
    const lines = byTemplate.get(r.template) ?? [];
    for (const f of r.findings) {
      const line = f.remediation === undefined || f.remediation === r.remediation ? undefined : `[${f.rule}] ${f.remediation}`;
      if (line !== undefined && !lines.includes(line)) lines.push(line);
    }
    byTemplate.set(r.template, lines);
  }
  for (const r of resources) {
    const lines = r.template ? byTemplate.get(r.template) : undefined;
    if (lines && r.remediation && !lines.includes(r.remediation)) lines.push(r.remediation);
  }
  return [...byTemplate].filter(([, lines]) => lines.length > 0).flatMap(([template, lines]) => ['', `How to comply with ${template}:`, ...lines.map((l) => `  ${l}`)]);
}

/** Readable report, one block per resource in template order, and a summary line last. */
export function formatReportText(report: ValidationReport, colour: boolean): string {
  const paint = painter(colour);
  const lines = report.notes.map((note) => `note: ${note}`);
  for (const r of report.resources) lines.push(...resourceLines(report.file, r, paint, report.operation));
  lines.push(...remediations(report.resources));
  const s = summarize(report);
  const operation = report.operation === 'DELETE' ? ' (delete)' : '';
  // "Compliant" is a claim about judged resources: with none judged, say so instead.
  const verdict = s.passed + s.failed === 0 ? `: ${paint(33, 'nothing was judged')}` : ` is ${report.compliant ? paint(32, 'compliant') : paint(31, 'NOT compliant')}`;
  const notJudged = s.notJudged > 0 ? ` (${s.notJudged} not judged)` : '';
  lines.push('', `${report.file}${operation}${verdict}`, `${s.total} resource${s.total === 1 ? '' : 's'}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${notJudged}`);
  return lines.join('\n');
}

function contextLine(run: ValidateRun): string {
  const part = (name: string, v: ContextValue) => `${name} ${v.value ?? 'not given'} (${v.from})`;
  // A stack name that was not given leaves AWS::StackName unknown: say what that means.
  const { account, region, stackName } = run.context;
  const stack = stackName.value === undefined ? 'stack name not given (AWS::StackName unknown until deploy)' : part('stack name', stackName);
  return `context: ${part('account', account)}, ${part('region', region)}, ${stack}`;
}

/**
 * The run for people: the deployment context it assumed (and where each value came from),
 * each file's report, and with several files, a line per file that could not be checked and
 * a summary of the run.
 */
export function formatText(run: ValidateRun, colour: boolean): string {
  const several = run.outcomes.length > 1;
  const blocks: string[] = [contextLine(run)];
  for (const outcome of run.outcomes) {
    if (outcome.kind === 'report') blocks.push(formatReportText(outcome.report, colour));
    else if (outcome.kind === 'error' && several) blocks.push(`${painter(colour)(31, 'ERROR')}  ${outcome.message}`);
  }
  if (several) {
    const s = summarizeRun(run);
    const skipped = s.skipped ? `; ${s.skipped} skipped (not CloudFormation templates)` : '';
    const nothing = s.nothingJudged ? `, ${s.nothingJudged} with nothing judged` : '';
    blocks.push(`${s.files - s.skipped} file(s): ${s.compliant} compliant, ${s.nonCompliant} NOT compliant${nothing}, ${s.errors} could not be checked${skipped}`);
  }
  return blocks.join('\n\n');
}
