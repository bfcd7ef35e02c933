import { walkGates } from '../gating';
import type { Openness } from '../openness';
import { isRecord, nodeAt, setAt, subSchemas } from '../../engine/schema-walk';

export const FREE_FORM = 'free-form in the registry schema';

/** `true` as a subschema cannot carry x-rcfge; `{}` means the same and can. */
function replaceTrueSchemas(root: unknown): void {
  const visit = (node: unknown, pointer: string): void => {
    for (const sub of subSchemas(node, pointer)) {
      if (sub.node === true) setAt(root, sub.pointer, {});
      visit(nodeAt(root, sub.pointer), sub.pointer);
    }
  };
  visit(root, '');
}

/**
 * Closes every object schema that can admit a value (`additionalProperties: false` where
 * the registry lists properties) and declares the registry's free-form ones open, by the
 * same rule and walk as the lint gating check, so a derived template always passes it.
 * Returns the pointers declared open.
 */
export function closeEverything(template: Record<string, unknown>): string[] {
  replaceTrueSchemas(template);
  const declared: string[] = [];
  walkGates(template, ({ node, pointer, openness, gated }): Openness | void => {
    if (openness.kind !== 'open' || gated || !isRecord(node)) return;
    if (openness.closable) {
      node.additionalProperties = false;
      return { kind: 'closed' };
    }
    node['x-rcfge'] = { ...(isRecord(node['x-rcfge']) ? node['x-rcfge'] : {}), open: FREE_FORM };
    declared.push(pointer);
    return { kind: 'declared', why: FREE_FORM };
  });
  return declared;
}
