import type { DataValidationCxt, ErrorObject, FuncKeywordDefinition } from 'ajv/dist/types';

/**
 * `type` as CloudFormation reads values. CloudFormation sends every scalar as a string
 * ("true", "5"); local tools send real booleans and numbers. ajv's own `coerceTypes` reads
 * more than CloudFormation does (0, 1 and null become booleans, null becomes 0 or "",
 * "0x10" and " 5" become numbers) and less ("True" is not a boolean), so the engine
 * compiles every `type` as this keyword instead (see normalize.ts):
 *
 * - boolean: true/false, or the strings true True TRUE false False FALSE; nothing else;
 * - number/integer: a number, or a string in JSON number syntax (leading zeros allowed);
 * - string: a string, or a number or boolean (CloudFormation would send its text);
 * - object, array, null: only themselves.
 *
 * A value that needs converting is converted in place, before any other keyword of its
 * schema runs (ajv then re-reads it), so `enum`, `minimum`, `pattern` see the typed value.
 */
export const TYPE_KEYWORD = 'rcfgeType';

export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** The typed error of this keyword: reported as ajv reports `type`, so findings read the same. */
export type CfnTypeError = ErrorObject<'type', { type: JsonType | readonly JsonType[] }, JsonType | readonly JsonType[]>;

const BOOLEAN_SPELLINGS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);

/** JSON's number syntax, with leading zeros (an account ID or port written "080" is still 80). */
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function isJsonType(name: unknown): name is JsonType {
  return typeof name === 'string' && (JSON_TYPES as readonly string[]).includes(name);
}

export function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/** A string CloudFormation reads as a boolean, or undefined. */
export function booleanSpelling(text: string): boolean | undefined {
  return BOOLEAN_SPELLINGS.get(text);
}

/** A string CloudFormation reads as a number, or undefined. */
export function numberSpelling(text: string): number | undefined {
  if (!NUMBER_TEXT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const NOT_CONVERTIBLE = Symbol('not convertible');

/** The value as `type` reads it, or NOT_CONVERTIBLE. */
function convert(value: unknown, type: JsonType): unknown {
  if (type === 'boolean' && typeof value === 'string') return booleanSpelling(value) ?? NOT_CONVERTIBLE;
  if ((type === 'number' || type === 'integer') && typeof value === 'string') {
    const n = numberSpelling(value);
    return n !== undefined && hasType(n, type) ? n : NOT_CONVERTIBLE;
  }
  if (type === 'string' && ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')) return String(value);
  return NOT_CONVERTIBLE;
}

/** The value read for the first of `types` that accepts it (unchanged if one already does), or NOT_CONVERTIBLE. */
export function readAs(value: unknown, types: readonly JsonType[]): unknown {
  if (types.some((type) => hasType(value, type))) return value;
  for (const type of types) {
    const converted = convert(value, type);
    if (converted !== NOT_CONVERTIBLE) return converted;
  }
  return NOT_CONVERTIBLE;
}

function validate(schema: JsonType | readonly JsonType[], data: unknown, parentSchema?: unknown, cxt?: DataValidationCxt): boolean {
  const types = typeof schema === 'string' ? [schema] : schema;
  const read = readAs(data, types);
  if (read === NOT_CONVERTIBLE) {
    // parentSchema, as ajv's verbose errors carry it: the finding is filed under the enclosing x-rcfge rule.
    const error: Partial<CfnTypeError> = { keyword: 'type', params: { type: schema }, message: `must be ${types.join(',')}`, parentSchema: parentSchema as CfnTypeError['parentSchema'] };
    validate.errors = [error];
    return false;
  }
  if (read !== data && cxt !== undefined) (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = read;
  return true;
}
validate.errors = undefined as Array<Partial<CfnTypeError>> | undefined;

export const cfnTypeKeyword: FuncKeywordDefinition = {
  keyword: TYPE_KEYWORD,
  schemaType: ['string', 'array'],
  metaSchema: { anyOf: [{ enum: [...JSON_TYPES] }, { type: 'array', items: { enum: [...JSON_TYPES] }, minItems: 1, uniqueItems: true }] },
  modifying: true,
  errors: true,
  // Before every other keyword of the schema (enum, const, $ref, combinators), as ajv's own type coercion.
  before: '$comment',
  validate,
};
