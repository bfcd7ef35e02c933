import { booleanSpelling, isJsonType, type JsonType, numberSpelling, TYPE_KEYWORD } from './keywords/cfn-type';
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

/** The declared types, when `type` is well formed (otherwise ajv's meta-schema check reports it). */
function declaredTypes(type: unknown): readonly JsonType[] | undefined {
  if (isJsonType(type)) return [type];
  if (Array.isArray(type) && type.length > 0 && type.every(isJsonType)) return type;
  return undefined;
}

/**
 * A member of an `enum`/`const` written in another JSON type than the schema declares (the
 * registry types EC2 DHCP options' NetbiosNodeType `integer` with the enum "1", "2", "4",
 * "8"): the value CloudFormation's reading of it gives, so that a value equal to the member
 * in either form is that member.
 */
function memberAs(member: unknown, types: readonly JsonType[]): unknown {
  const numeric = types.includes('number') || types.includes('integer');
  if (typeof member === 'string' && !types.includes('string')) {
    const n = numeric ? numberSpelling(member) : undefined;
    if (n !== undefined && (types.includes('number') || Number.isInteger(n))) return n;
    const b = types.includes('boolean') ? booleanSpelling(member) : undefined;
    if (b !== undefined) return b;
  }
  if ((typeof member === 'number' || typeof member === 'boolean') && types.length === 1 && types[0] === 'string') return String(member);
  return member;
}

/**
 * `type` becomes the engine's TYPE_KEYWORD (CloudFormation's reading of values, see
 * keywords/cfn-type.ts), and `enum`/`const` members are read as the declared type.
 */
function retype(out: Record<string, unknown>, type: unknown): void {
  const types = declaredTypes(type);
  if (!types) return;
  delete out.type;
  out[TYPE_KEYWORD] = type;
  if (Array.isArray(out.enum)) out.enum = out.enum.map((member) => memberAs(member, types));
  if ('const' in out) out.const = memberAs(out.const, types);
}

/**
 * Prepares a schema for ajv without changing what it accepts from CloudFormation:
 * removes no-ops that strict mode reports as mistakes in registry schemas (an `if`
 * without `then`/`else`), adds the `type` a typeless boolean/number `const` or `enum`
 * implies, so string-typed values are compared as CloudFormation means them, compiles
 * `type` as TYPE_KEYWORD and `contains` as CONTAINS_KEYWORD.
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
  if (!isMap) retype(out, out.type ?? impliedType(record));
  return out;
}
