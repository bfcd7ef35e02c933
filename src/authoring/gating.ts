import { type Openness, classify, excludesObjects } from './openness';
import { resolveRef, subSchemas } from './schema-walk';

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
    const openness = visit({ node, pointer, openness: classify(node), gated }) ?? classify(node);
    const selfGated = gated || openness.kind === 'closed' || openness.kind === 'declared' || excludesObjects(node);
    const target = resolveRef(root, node);
    if (target) walk(target.node, target.pointer, gated);
    for (const sub of subSchemas(node, pointer)) {
      // Under a branch that another schema gates, a child value is that schema's child too, checked there.
      if (sub.position === 'child') walk(sub.node, sub.pointer, gated);
      else if (sub.position === 'same') walk(sub.node, sub.pointer, selfGated);
    }
  };
  walk(root, '', false);
}
