import type { Verdict } from '../engine/enforcer';
import { clip } from '../engine/message';
import type { ResourceOutcome, StackFinding } from '../stack/outcome';
import { findingText } from '../stack/stack-verdict';
import { type HookAnnotation, HookAnnotationSeverityLevel as Severity, HookAnnotationStatus as Status } from './types';

/**
 * Limits kept well inside what the Hooks API stores (names 1,024, messages 16,384
 * characters): short enough to read in the console. The count has no documented limit;
 * past MAX_ANNOTATIONS one more says how many were left out.
 */
export const MAX_ANNOTATION_NAME_CHARS = 256;
export const MAX_ANNOTATION_TEXT_CHARS = 1024;
export const MAX_ANNOTATIONS = 100;

/** Summary annotations (a pass, a skip, a cut list) are named after the Hook. */
const SUMMARY_NAME = 'RCFGE';

type Kind = Verdict['kind'] | 'skipped';

/** Deleting a protected resource loses data; a violation lets an unapproved configuration in; an error only blocks. */
function severityOf(kind: Kind): Severity {
  if (kind === 'delete-denied') return Severity.HIGH;
  if (kind === 'noncompliant' || kind === 'not-approved') return Severity.MEDIUM;
  return Severity.LOW;
}

function annotation(name: string, status: Status, message: string, extra: { remediation?: string; severity?: Severity } = {}): HookAnnotation {
  return {
    annotationName: clip(name, MAX_ANNOTATION_NAME_CHARS),
    status,
    statusMessage: clip(message, MAX_ANNOTATION_TEXT_CHARS),
    ...(extra.remediation ? { remediationMessage: clip(extra.remediation, MAX_ANNOTATION_TEXT_CHARS) } : {}),
    ...(extra.severity ? { severityLevel: extra.severity } : {}),
  };
}


function bounded(list: HookAnnotation[]): HookAnnotation[] {
  if (list.length <= MAX_ANNOTATIONS) return list;
  const kept = list.slice(0, MAX_ANNOTATIONS - 1);
  const left = list.length - kept.length;
  return [...kept, annotation(SUMMARY_NAME, Status.FAILED, `${left} more finding${left === 1 ? '' : 's'} not listed here; run rcfge validate on the template for the full list`)];
}

/** One FAILED annotation per finding of a failing resource, named by the finding's rule. */
function failedAnnotations(subject: string, kind: Kind, findings: readonly StackFinding[], remediation: string | undefined, fallback: string): HookAnnotation[] {
  const severity = severityOf(kind);
  if (findings.length === 0) return [annotation(SUMMARY_NAME, Status.FAILED, fallback, { remediation, severity })];
  // A deletion refused, a type not approved, a template or store failure: the whole message is the finding.
  if (kind !== 'noncompliant') return [annotation(findings[0].rule, Status.FAILED, fallback, { remediation: findings[0].remediation ?? remediation, severity })];
  return findings.map((f) => annotation(f.rule, Status.FAILED, `${subject}: ${findingText(f)}`, { remediation: f.remediation ?? remediation, severity }));
}

/** A resource-level verdict: one annotation per finding, or one that says it passed. */
export function resourceAnnotations(verdict: Verdict, typeName: string, logicalId: string): HookAnnotation[] {
  if (verdict.status === 'PASS') {
    const status = verdict.kind === 'compliant' || verdict.kind === 'delete-allowed' ? Status.PASSED : Status.SKIPPED;
    return [annotation(SUMMARY_NAME, status, verdict.message)];
  }
  return bounded(failedAnnotations(`${logicalId} (${typeName})`, verdict.kind, verdict.findings, verdict.remediation, verdict.message));
}

/** A stack-level verdict: one annotation per finding of every failing resource, most important first. */
export function stackAnnotations(status: 'PASS' | 'FAIL', message: string, outcomes: readonly ResourceOutcome[]): HookAnnotation[] {
  if (status === 'PASS') return [annotation(SUMMARY_NAME, Status.PASSED, message)];
  const list = outcomes
    .filter((o) => o.status === 'FAIL')
    .flatMap((o) => failedAnnotations(`${o.logicalId} (${o.type}${o.change === 'REMOVE' ? ', removed' : o.change === 'REPLACE' ? ', replaced' : ''})`, o.kind, o.findings, o.remediation, o.message));
  return bounded(list);
}

/** An answer that is not a verdict (bad request, exempt stack): one summary annotation. */
export function summaryAnnotation(passed: boolean, message: string, skipped = false): HookAnnotation[] {
  return [annotation(SUMMARY_NAME, skipped ? Status.SKIPPED : passed ? Status.PASSED : Status.FAILED, message)];
}
