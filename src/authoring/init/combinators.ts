import { isRecord } from '../../engine/schema-walk';
import type { Repair } from './repair';

const COMBINATORS = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependencies'] as const;

/** Property names a top-level combinator speaks about (required lists, property keys, dependencies). */
function mentions(node: unknown, names: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((item) => mentions(item, names));
  if (!isRecord(node)) return false;
  if (Array.isArray(node.required) && node.required.some((r) => names.has(r as string))) return true;
  if (isRecord(node.properties) && Object.keys(node.properties).some((k) => names.has(k))) return true;
  if (isRecord(node.dependencies)) {
    for (const [key, value] of Object.entries(node.dependencies)) {
      if (names.has(key) || (Array.isArray(value) && value.some((v) => names.has(v as string)))) return true;
    }
  }
  return COMBINATORS.some((key) => key !== 'dependencies' && mentions(node[key], names));
}

/**
 * A top-level rule that names a removed property (`oneOf: [{required: [Removed]}, ...]`)
 * would now reject every resource or mean something else: it goes too, with a warning.
 */
export function dropCombinatorsNaming(template: Record<string, unknown>, removed: readonly string[]): Repair[] {
  if (removed.length === 0) return [];
  const names = new Set(removed);
  const repairs: Repair[] = [];
  for (const key of COMBINATORS) {
    if (!(key in template)) continue;
    const value = template[key];
    const hit = key === 'dependencies' ? mentions({ dependencies: value }, names) : mentions(value, names);
    if (!hit) continue;
    delete template[key];
    repairs.push({ pointer: `/${key}`, message: `removed the top-level "${key}": it names the removed propert${removed.length === 1 ? 'y' : 'ies'} ${removed.join(', ')}` });
  }
  return repairs;
}
