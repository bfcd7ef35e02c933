import { childPointer } from '../cfn/pointer';
import { intrinsicName } from '../cfn/values';
import type { Enforcer, Target, Verdict } from '../engine/enforcer';
import { isTypeName } from '../engine/file-name';
import { engineFinding } from '../engine/findings';
import type { PlaceholderContext } from '../engine/placeholders';
import type { ChangedResource, ChangeSetPayload } from './change-set';
import { mapLimit } from './limit';
import { outcomeOf, type ResourceOutcome, skippedOutcome } from './outcome';
import { canonical, type Difference, replacementCause, replacementVerdict, valueAt } from './replacement';
import { skipReason } from './skip';

/**
 * Values a change set does not know yet: DescribeChangeSet shows them as
 * `{{changeSet:KNOWN_AFTER_APPLY}}`; dynamic references (`{{resolve:...}}`) are resolved
 * at deploy time; an intrinsic left in long form was not evaluated.
 */
function isUnknownValue(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{changeSet:KNOWN_AFTER_APPLY}}') || value.includes('{{resolve:');
  return intrinsicName(value) !== undefined;
}

/** Pointers of the unknown values in a context's properties, without recursion (hostile depth cannot overflow). */
export function unknownPointers(properties: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[properties, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string];
    if (isUnknownValue(node)) {
      found.push(pointer);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], childPointer(pointer, entries[i][0])]);
  }
  return found;
}

export interface ChangeSetRun {
  readonly enforcer: Enforcer;
  readonly placeholders: (resource: { logicalId: string; type: string }) => PlaceholderContext;
  readonly concurrency?: number;
}

async function verdictOf(run: ChangeSetRun, change: ChangedResource, target: Target): Promise<Verdict> {
  const ctx = run.placeholders({ logicalId: change.logicalId, type: change.type });
  return run.enforcer.checkCached(target, ctx) ?? (await run.enforcer.check(target, ctx));
}

/** A create-only property of a change: compared as CloudFormation knows the values; unknown after the change, it may change. */
function compareContexts(change: ChangedResource, unknownAfter: readonly string[]) {
  return (pointer: string): Difference => {
    if (unknownAfter.some((u) => u === pointer || u.startsWith(`${pointer}/`) || pointer.startsWith(`${u}/`))) return 'unknown';
    return canonical(valueAt(change.before, pointer)) === canonical(valueAt(change.after, pointer)) ? 'same' : 'changed';
  };
}

async function judgeChange(run: ChangeSetRun, change: ChangedResource): Promise<ResourceOutcome[]> {
  const where = { logicalId: change.logicalId, type: change.type, ...(change.line !== undefined ? { line: change.line } : {}) };
  const op = change.action;
  const skip = skipReason({ type: change.type, conditionFalse: false, deletionPolicy: change.deletionPolicy }, undefined, op);
  if (skip !== undefined) return [skippedOutcome(where, op, skip)];
  if (!isTypeName(change.type)) {
    const message = `${change.type} ${change.logicalId}: ${JSON.stringify(change.type)} is not a resource type name the Hook can look up`;
    return [{ ...where, change: op, status: 'FAIL', kind: 'template-error', findings: [engineFinding('input', message)], message, errorCode: 'InvalidRequest' }];
  }
  if (op === 'DELETE') {
    const verdict = await verdictOf(run, change, { typeName: change.type, logicalId: change.logicalId, operation: 'DELETE', properties: {} });
    const outcome = outcomeOf(where, 'DELETE', verdict);
    // "DeletionPolicy: Retain" (the engine's advice) does not help here: say what does.
    if (verdict.kind !== 'delete-denied' || change.deletionPolicy !== undefined) return [outcome];
    return [{ ...outcome, message: `${change.type} ${change.logicalId} is deleted by this change set, which does not show DeletionPolicy (to remove a resource the stack retains, update the stack directly: the STACK check reads the old template): ${outcome.message}` }];
  }
  const unknown = unknownPointers(change.after);
  const verdict = await verdictOf(run, change, { typeName: change.type, logicalId: change.logicalId, operation: op, properties: change.after ?? {}, unresolved: unknown });
  const outcomes = [outcomeOf(where, op, verdict)];
  if (op === 'UPDATE' && change.before && change.updateReplacePolicy !== 'Retain') {
    const deletion = await verdictOf(run, change, { typeName: change.type, logicalId: change.logicalId, operation: 'DELETE', properties: {} });
    const cause = deletion.kind === 'delete-denied' ? replacementCause(deletion.createOnly ?? [], compareContexts(change, unknown)) : undefined;
    if (cause) outcomes.push(outcomeOf(where, 'REPLACE', replacementVerdict(deletion, cause.pointer, cause.difference)));
  }
  return outcomes;
}

/**
 * A CHANGE_SET target: every changed resource judged with the values CloudFormation
 * already knows (its afterContext), values it does not know yet left unjudged; removals
 * and replacements of resources whose template denies deletion refused.
 */
export async function judgeChangeSet(payload: ChangeSetPayload, run: ChangeSetRun): Promise<ResourceOutcome[]> {
  const outcomes = await mapLimit(payload.changes, run.concurrency ?? 8, (change) => judgeChange(run, change));
  return outcomes.flat();
}
