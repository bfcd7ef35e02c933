import { DATA_KEYWORDS } from './vocabulary';

/**
 * Removes constructs that validate nothing but that ajv's strict mode reports as
 * mistakes in registry schemas (an `if` without `then`/`else`). Only no-ops are removed,
 * so the verdict is the same as with the original schema.
 */
export function dropNoOps(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropNoOps);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const record = node as Record<string, unknown>;
  const loneIf = 'if' in record && !('then' in record) && !('else' in record);
  for (const [key, child] of Object.entries(record)) {
    if (key === 'if' && loneIf) continue;
    out[key] = DATA_KEYWORDS.has(key) ? child : dropNoOps(child);
  }
  return out;
}
