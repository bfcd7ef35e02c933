import { isRecord, resolveRef } from '../engine/schema-walk';

export interface Located {
  readonly node: unknown;
  readonly pointer: string;
}

const BRANCHES = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * A registry schema at one place, as the set of schemas that describe the value there:
 * the node, its `$ref` target and the branches of its combinators (registry schemas put
 * alternative property sets in `oneOf`). Bounded, so a recursive type ends.
 */
export function expand(root: unknown, start: Located, depth = 6): Located[] {
  const out: Located[] = [];
  const seen = new Set<string>();
  const visit = (at: Located, left: number): void => {
    if (left < 0 || seen.has(at.pointer) || !isRecord(at.node)) return;
    seen.add(at.pointer);
    out.push(at);
    const target = resolveRef(root, at.node);
    if (target) visit(target, left - 1);
    for (const key of BRANCHES) {
      const list = at.node[key];
      if (Array.isArray(list)) list.forEach((branch, i) => visit({ node: branch, pointer: `${at.pointer}/${key}/${i}` }, left - 1));
    }
  };
  visit(start, depth);
  return out;
}

/** Properties the registry describes here, or undefined when it leaves the object free-form (any name may be right). */
export function describedProperties(root: unknown, views: readonly Located[]): Map<string, Located> | undefined {
  const names = new Map<string, Located>();
  let freeForm = true;
  for (const view of views) {
    const node = view.node as Record<string, unknown>;
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) return undefined;
    if (isRecord(node.patternProperties)) return undefined;
    if (isRecord(node.properties)) {
      freeForm = false;
      for (const [name, child] of Object.entries(node.properties)) {
        if (!names.has(name)) names.set(name, { node: child, pointer: `${view.pointer}/properties/${name}` });
      }
    }
  }
  return freeForm ? undefined : names;
}

/** The registry's schema for array items here. */
export function describedItems(views: readonly Located[]): Located | undefined {
  for (const view of views) {
    const node = view.node as Record<string, unknown>;
    if (isRecord(node.items)) return { node: node.items, pointer: `${view.pointer}/items` };
  }
  return undefined;
}
