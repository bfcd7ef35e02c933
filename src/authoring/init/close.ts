import { walkGates } from '../gating';
import { classify, type Fix, type Openness } from '../openness';
import { annotate } from './repair';
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

function applyFix(node: Record<string, unknown>, fix: Fix): void {
  if ('set' in fix) {
    // The engine speaks draft-07: a tuple is `items: [...]`, which additionalItems needs beside it.
    if (fix.set === 'additionalItems' && Array.isArray(node.prefixItems) && !('items' in node)) {
      node.items = node.prefixItems;
      delete node.prefixItems;
    }
    node[fix.set] = false;
    return;
  }
  const patterns = node.patternProperties as Record<string, unknown>;
  for (const pattern of fix.dropPatterns) delete patterns[pattern];
  annotate(node, `rcfge init dropped "patternProperties" ${fix.dropPatterns.map((p) => JSON.stringify(p)).join(', ')}: ${fix.dropPatterns.length === 1 ? 'it admits' : 'they admit'} any property name; approve names in "properties".`);
  if (Object.keys(patterns).length === 0) delete node.patternProperties;
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
    let now: Openness = openness;
    // A schema may need several fixes (a catch-all pattern dropped, then additionalProperties: false).
    for (let i = 0; i < 3 && now.kind === 'open' && now.fix; i++) {
      applyFix(node, now.fix);
      now = classify(node);
    }
    if (now.kind !== 'open') return now;
    node['x-rcfge'] = { ...(isRecord(node['x-rcfge']) ? node['x-rcfge'] : {}), open: FREE_FORM };
    declared.push(pointer);
    return { kind: 'declared', why: FREE_FORM };
  });
  return declared;
}
