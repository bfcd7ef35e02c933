import { holdsData, SCHEMA_MAP_KEYWORDS } from './vocabulary';

/**
 * `contains` reports the errors of every item it tried; with `$ref`s they cannot be told
 * apart from real findings. `{"not": {"items": {"not": S}}}` means the same in draft-07
 * (some item matches S) and reports one error, so the engine compiles `contains` as a
 * macro keyword of that shape.
 */
export const CONTAINS_KEYWORD = 'rcfgeContains';

/** The JSON type all of `values` share, when it is boolean or number; otherwise undefined. */
function sharedPrimitiveType(values: readonly unknown[]): 'boolean' | 'number' | undefined {
  if (values.length === 0) return undefined;
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number')) return 'number';
  return undefined;
}

/**
 * CloudFormation sends "true" and "5" as strings; ajv coerces them only where a `type`
 * says what they should be. `{"not": {"const": true}}` without a type would let "true"
 * through, so a `const`/`enum` of booleans or numbers gets its implied `type`.
 */
function impliedType(record: Record<string, unknown>): 'boolean' | 'number' | undefined {
  if ('type' in record) return undefined;
  if ('const' in record) return sharedPrimitiveType([record.const]);
  if (Array.isArray(record.enum)) return sharedPrimitiveType(record.enum);
  return undefined;
}

/**
 * Prepares a schema for ajv without changing what it accepts from CloudFormation:
 * removes no-ops that strict mode reports as mistakes in registry schemas (an `if`
 * without `then`/`else`), adds the `type` a typeless boolean/number `const` or `enum`
 * implies, so string-typed values are compared as CloudFormation means them, and
 * compiles `contains` as CONTAINS_KEYWORD.
 */
export function normalizeSchema(node: unknown, isMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => normalizeSchema(item));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const record = node as Record<string, unknown>;
  const loneIf = !isMap && 'if' in record && !('then' in record) && !('else' in record);
  for (const [key, child] of Object.entries(record)) {
    if (key === 'if' && loneIf) continue;
    const value = holdsData(key, isMap) ? child : normalizeSchema(child, !isMap && SCHEMA_MAP_KEYWORDS.has(key));
    // See CONTAINS_KEYWORD: same meaning, but the items it tried do not report errors of their own.
    out[!isMap && key === 'contains' ? CONTAINS_KEYWORD : key] = value;
  }
  const implied = isMap ? undefined : impliedType(record);
  if (implied) out.type = implied;
  return out;
}
