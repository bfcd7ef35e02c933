import { joinPointer, unescapeToken } from './pointer';
import { holdsData, SCHEMA_MAP_KEYWORDS } from './vocabulary';

/** Keywords whose subschemas apply to the same instance location as their parent. */
const SAME_INSTANCE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_INSTANCE_SINGLES = ['not', 'if', 'then', 'else'] as const;

/** A `$ref` fragment is URI-encoded before it is a JSON Pointer. */
function fragmentToken(token: string): string {
  return unescapeToken(decodeURIComponent(token));
}

function resolveLocal(root: unknown, ref: string): { node: unknown; pointer: string } | undefined {
  if (!ref.startsWith('#')) return undefined;
  const fragment = ref.slice(1);
  if (fragment !== '' && !fragment.startsWith('/')) return undefined; // plain-name anchor: ajv resolves it
  let node: unknown = root;
  for (const token of fragment.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[fragmentToken(token)];
  }
  return { node, pointer: fragment };
}

/** Every `$ref` value in the schema with its location. */
export function collectRefs(schema: unknown): { ref: string; pointer: string }[] {
  const refs: { ref: string; pointer: string }[] = [];
  const visit = (node: unknown, pointer: string, isMap = false): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, joinPointer(pointer, i)));
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (!isMap && key === '$ref' && typeof child === 'string') refs.push({ ref: child, pointer });
      else if (!holdsData(key, isMap)) visit(child, joinPointer(pointer, key), !isMap && SCHEMA_MAP_KEYWORDS.has(key));
    }
  };
  visit(schema, '');
  return refs;
}

/** A `$ref` that would have to be fetched: the Hook never fetches anything but its template. */
export function findRemoteRef(schema: unknown): { ref: string; pointer: string } | undefined {
  return collectRefs(schema).find(({ ref }) => !ref.startsWith('#'));
}

/**
 * A `$ref` chain that comes back to itself without descending into the instance
 * (`a -> b -> a`) loops forever at validation time. Recursion through `properties` or
 * `items` is fine (registry types such as WAFv2 rule statements rely on it).
 */
export function findRefCycle(root: unknown): string[] | undefined {
  const onPath = new Map<unknown, string>();
  const done = new Set<unknown>();
  const visit = (node: unknown, pointer: string, trail: string[]): string[] | undefined => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    if (onPath.has(node)) return [...trail, pointer];
    if (done.has(node)) return undefined;
    onPath.set(node, pointer);
    const record = node as Record<string, unknown>;
    const next: { node: unknown; pointer: string }[] = [];
    if (typeof record.$ref === 'string') {
      const target = resolveLocal(root, record.$ref);
      if (target) next.push(target);
    }
    for (const key of SAME_INSTANCE_LISTS) {
      const list = record[key];
      if (Array.isArray(list)) list.forEach((item, i) => next.push({ node: item, pointer: joinPointer(joinPointer(pointer, key), i) }));
    }
    for (const key of SAME_INSTANCE_SINGLES) {
      if (key in record) next.push({ node: record[key], pointer: joinPointer(pointer, key) });
    }
    for (const child of next) {
      const cycle = visit(child.node, child.pointer, [...trail, pointer]);
      if (cycle) return cycle;
    }
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  const starts: { node: unknown; pointer: string }[] = [];
  const gather = (node: unknown, pointer: string, isMap = false): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => gather(item, joinPointer(pointer, i)));
    if (node === null || typeof node !== 'object') return;
    if (!isMap) starts.push({ node, pointer });
    for (const [key, child] of Object.entries(node)) {
      if (!holdsData(key, isMap)) gather(child, joinPointer(pointer, key), !isMap && SCHEMA_MAP_KEYWORDS.has(key));
    }
  };
  gather(root, '');
  for (const start of starts) {
    const cycle = visit(start.node, start.pointer, []);
    if (cycle) return cycle;
  }
  return undefined;
}
