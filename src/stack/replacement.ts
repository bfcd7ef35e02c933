import { pointerTokens } from '../cfn/pointer';
import type { Verdict } from '../engine/enforcer';

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
