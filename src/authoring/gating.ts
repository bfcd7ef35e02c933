import { type Openness, classify, excludesObjects } from './openness';
import { isRecord, resolveRef, subSchemas } from '../engine/schema-walk';

/**
 * Whether a schema, with everything applied to the same value through `$ref` and
 * combinators, refuses every property it does not list. `{"$ref": X, "type": "object"}`
 * gates as X does (the siblings only add constraints); `{"type": "object", "oneOf": [A, B]}`
 * gates when every branch that admits an object does; `allOf` when one branch does.
 */
export function gatesSameValue(root: unknown, node: unknown, seen: ReadonlySet<unknown> = new Set()): boolean {
  const openness = classify(node);
  // A string never carries a property; an array without "items" carries anything in its items.
  if (excludesObjects(node) && openness.kind !== 'open') return true;
  if (!isRecord(node) || seen.has(node)) return false;
  if (openness.kind === 'closed' || openness.kind === 'declared') return true;
  const inner = new Set(seen).add(node);
  const gates = (branch: unknown): boolean => gatesSameValue(root, branch, inner);
  const target = resolveRef(root, node);
  if (target && gates(target.node)) return true;
  if (Array.isArray(node.allOf) && node.allOf.some(gates)) return true;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (Array.isArray(branches) && branches.length > 0 && branches.every(gates)) return true;
  }
  return 'then' in node && 'else' in node && gates(node.then) && gates(node.else);
}

export interface GateVisit {
  readonly node: unknown;
  readonly pointer: string;
  readonly openness: Openness;
  /** Another schema applied to the same value (a closed parent of an allOf/then branch) already gates it. */
  readonly gated: boolean;
}

/**
 * Visits every schema that can admit a value, from the root through every local `$ref`
 * (each target once per gating state, so recursive types end). Conditions (`if`, `not`,
 * `contains`, `propertyNames`) are skipped: they decide or forbid, never admit, and
 * `contains` always sits next to an `items` that gates every element.
 *
 * A branch applied to a value that a closed schema already gates (`then` of a closed
 * object) only adds constraints: a property it names is either listed by the closed
 * schema, whose own subschema is checked, or refused by it. So the branch and everything
 * below it count as gated.
 */
/** The visitor may change the schema (rcfge init closes it) and return its new openness. */
export function walkGates(root: unknown, visit: (v: GateVisit) => Openness | void): void {
  const seen = new Set<string>();
  const walk = (node: unknown, pointer: string, gated: boolean): void => {
    const key = `${gated ? 'g' : 'u'}${pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    // The $ref target first: once a visitor has closed it (rcfge init), it gates this schema too.
    const target = resolveRef(root, node);
    if (target) walk(target.node, target.pointer, gated);
    // A $ref target or combinator branches that gate the same value make this schema gated too.
    const gatedHere = gated || (classify(node).kind === 'open' && gatesSameValue(root, node));
    const openness = visit({ node, pointer, openness: classify(node), gated: gatedHere }) ?? classify(node);
    const selfGated = gatedHere || openness.kind === 'closed' || openness.kind === 'declared' || excludesObjects(node);
    for (const sub of subSchemas(node, pointer)) {
      // Under a branch that another schema gates, a child value is that schema's child too, checked there.
      if (sub.position === 'child') walk(sub.node, sub.pointer, gated);
      else if (sub.position === 'same') walk(sub.node, sub.pointer, selfGated);
    }
  };
  walk(root, '', false);
}
