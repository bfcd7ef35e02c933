import { type ResolvedResource, resolveResource, type StackResource, type StackTemplate } from '../cfn';
import { isAtOrBelow } from '../engine/pointer';
import type { TemplateRun } from './judge-template';
import { mapLimit } from './limit';
import { outcomeOf, type ResourceOutcome } from './outcome';
import { canonical, type Difference, replacementCause, replacementVerdict, valueAt } from './replacement';
import { skipReason } from './skip';

/** Whether any value at or around `pointer` is known only at deploy time. */
function touchesUnknown(pointer: string, unresolved: readonly string[]): boolean {
  return unresolved.some((u) => isAtOrBelow(u, pointer) || isAtOrBelow(pointer, u));
}

/**
 * Compares a create-only property across two resolutions. Known on both sides: by value.
 * Unknown on either side: by the expressions as written (the same expression may still
 * yield another value when a parameter changes, which no stack-level payload shows).
 */
function difference(pointer: string, before: ResolvedResource, after: ResolvedResource, rawBefore: unknown, rawAfter: unknown): Difference {
  if (touchesUnknown(pointer, before.unresolved) || touchesUnknown(pointer, after.unresolved)) {
    return canonical(valueAt(rawBefore, pointer)) === canonical(valueAt(rawAfter, pointer)) ? 'same' : 'unknown';
  }
  return canonical(valueAt(before.properties, pointer)) === canonical(valueAt(after.properties, pointer)) ? 'same' : 'changed';
}

/** `Retain` keeps the old resource when it is replaced (a Ref to a parameter is not known to). */
function retainsOnReplace(resource: StackResource): boolean {
  return resource.updateReplacePolicy === 'Retain';
}

interface Pair {
  readonly before: StackResource;
  readonly after?: StackResource;
}

/**
 * Resources an update deletes without any resource-level hook seeing it (CloudFormation's
 * cleanup phase): those the new template no longer has (or only under a false condition,
 * or under another type), judged with the old template's DeletionPolicy; and those the
 * update replaces, because a create-only property changes, unless UpdateReplacePolicy is
 * Retain. Only failing deletions become outcomes.
 */
export async function judgeRemovals(previous: StackTemplate, current: StackTemplate, run: TemplateRun): Promise<ResourceOutcome[]> {
  const byId = new Map(current.resources.map((r) => [r.logicalId, r]));
  const pairs: Pair[] = previous.resources.map((before) => ({ before, after: byId.get(before.logicalId) }));
  const outcomes = await mapLimit(pairs, run.concurrency ?? 8, async ({ before, after }): Promise<ResourceOutcome | undefined> => {
    const was = resolveResource(previous, before, run.resolve);
    const is = after && after.type === before.type ? resolveResource(current, after, run.resolve) : undefined;
    const removed = !is || is.conditionFalse;
    // A resource that did not exist, or that CloudFormation keeps, is not deleted.
    if (skipReason(was, before.condition, removed ? 'DELETE' : 'CREATE') !== undefined) return undefined;
    const target = { typeName: before.type, logicalId: before.logicalId, operation: 'DELETE' as const, properties: {} };
    const ctx = run.placeholders(before);
    const verdict = run.enforcer.checkCached(target, ctx) ?? (await run.enforcer.check(target, ctx));
    const where = { logicalId: before.logicalId, type: before.type, line: before.line };
    if (removed) return verdict.status === 'FAIL' ? outcomeOf(where, 'REMOVE', verdict) : undefined;
    if (verdict.kind !== 'delete-denied' || !after || retainsOnReplace(after)) return undefined;
    const cause = replacementCause(verdict.createOnly ?? [], (pointer) => difference(pointer, was, is, before.properties, after.properties));
    return cause ? outcomeOf({ ...where, line: after.line }, 'REPLACE', replacementVerdict(verdict, cause.pointer, cause.difference)) : undefined;
  });
  return outcomes.filter((o): o is ResourceOutcome => o !== undefined);
}
