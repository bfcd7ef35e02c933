import type { Verdict, VerdictKind } from '../engine/enforcer';
import type { Finding } from '../engine/findings';

/**
 * What the operation does to a resource, as judged: created or updated (properties judged),
 * deleted (stack or change set deletion), removed from the template or replaced (both delete
 * the old resource in CloudFormation's cleanup, which no resource-level hook sees).
 */
export type ResourceChange = 'CREATE' | 'UPDATE' | 'DELETE' | 'REMOVE' | 'REPLACE';

/** A finding, with the line of its value when the stack template is at hand. */
export type StackFinding = Finding & { readonly line?: number };

/** One resource's part in a stack-level verdict. */
export interface ResourceOutcome {
  readonly logicalId: string;
  readonly type: string;
  /** Line of the resource in the template, when known. */
  readonly line?: number;
  readonly change: ResourceChange;
  /** SKIP: the Hook does not judge it here (custom resource, retained, depends on values the payload lacks). */
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  readonly kind: VerdictKind | 'skipped';
  readonly template?: string;
  readonly findings: readonly StackFinding[];
  /** The engine's message for this resource (or why it was skipped). */
  readonly message: string;
  readonly remediation?: string;
  /** For store errors: the error code that describes the failure. */
  readonly errorCode?: string;
}

/** `Key (AWS::KMS::Key)` is removed from the template, which deletes it. */
const CHANGE_WORDS: Record<ResourceChange, string> = {
  CREATE: '',
  UPDATE: '',
  DELETE: '',
  REMOVE: 'is removed from the stack by this update, which deletes it: ',
  REPLACE: 'is replaced by this update, which deletes the existing one: ',
};

/** An outcome from the engine's verdict on one resource. */
export function outcomeOf(resource: { logicalId: string; type: string; line?: number }, change: ResourceChange, verdict: Verdict, findings?: readonly StackFinding[]): ResourceOutcome {
  const lead = CHANGE_WORDS[change] && verdict.status === 'FAIL' ? `${resource.type} ${resource.logicalId} ${CHANGE_WORDS[change]}` : '';
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    ...(resource.line !== undefined ? { line: resource.line } : {}),
    change,
    status: verdict.status,
    kind: verdict.kind,
    template: verdict.template,
    findings: findings ?? verdict.findings,
    message: `${lead}${verdict.message}`,
    ...(verdict.remediation ? { remediation: verdict.remediation } : {}),
    ...(verdict.errorCode ? { errorCode: verdict.errorCode } : {}),
  };
}

export function skippedOutcome(resource: { logicalId: string; type: string; line?: number }, change: ResourceChange, reason: string): ResourceOutcome {
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    ...(resource.line !== undefined ? { line: resource.line } : {}),
    change,
    status: 'SKIP',
    kind: 'skipped',
    findings: [],
    message: `${resource.type} ${resource.logicalId}: ${reason}`,
  };
}
