import { pointerTokens, type ResolvedResource, resolveResource, type StackResource, type StackTemplate } from '../cfn';
import type { Verdict } from '../engine/enforcer';
import { isAtOrBelow } from '../engine/pointer';
import type { TemplateRun } from './judge-template';
import { mapLimit } from './limit';
import { outcomeOf, type ResourceOutcome } from './outcome';
import { skipReason } from './skip';

/** The value at a pointer into properties, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Canonical JSON with scalars as the strings CloudFormation compares. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
    .join(',')}}`;
}

/** What a comparison of two versions of a property can say. */
export type Difference = 'same' | 'changed' | 'unknown';

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

/** The first create-only property that changes (or may change), with how. */
export function replacementCause(createOnly: readonly string[], compare: (pointer: string) => Difference): { pointer: string; difference: Difference } | undefined {
  let unknown: string | undefined;
  for (const pointer of createOnly) {
    const d = compare(pointer);
    if (d === 'changed') return { pointer, difference: d };
    if (d === 'unknown') unknown ??= pointer;
  }
  return unknown === undefined ? undefined : { pointer: unknown, difference: 'unknown' };
}

/** `Retain` keeps the old resource when it is replaced (a Ref to a parameter is not known to). */
function retainsOnReplace(resource: StackResource): boolean {
  return resource.updateReplacePolicy === 'Retain';
}

/** A replacement of a resource whose template denies deletion: FAIL, saying which property replaces it. */
export function replacementVerdict(deleteVerdict: Verdict, pointer: string, difference: Difference): Verdict {
  const how = difference === 'changed' ? `its create-only property ${pointer} changes` : `its create-only property ${pointer} may change (a value known only at deploy time)`;
  return {
    ...deleteVerdict,
    message: `${how}, and ${deleteVerdict.message} Or keep ${pointer} unchanged, or set UpdateReplacePolicy: Retain.`,
    // Filed under the deletion's own rule (the template's root rule, or RCFGE.delete-denied).
    findings: deleteVerdict.findings.slice(0, 1).map((f) => ({ ...f, path: pointer, message: `${how}: the update replaces the resource, which deletes the existing one; its template denies deletion` })),
  };
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
