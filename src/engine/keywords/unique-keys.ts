import type { ErrorObject } from 'ajv';
import { joinPointer } from '../pointer';
import { type EngineKeyword, isPlainObject, NAME_LIST_SCHEMA, quoted, reject } from './keyword';
import { canonical } from './unique-items';

/** cfn-lint's `uniqueKeys: [K, ...]`: no two items of the array have the same values at these keys. */
export type UniqueKeysError = ErrorObject<'uniqueKeys', { keys: string[]; i: number; j: number }, string[]>;

/** Items that lack one of the keys are not compared: `required` says whether they must have it. */
function identity(item: unknown, keys: readonly string[]): string | undefined {
  if (!isPlainObject(item) || !keys.every((k) => Object.hasOwn(item, k))) return undefined;
  // Scalars as CloudFormation sends them: "1" and 1 are the same key.
  return canonical(keys.map((k) => (item[k] !== null && typeof item[k] !== 'object' ? String(item[k]) : item[k])));
}

function validate(schema: string[], data: unknown, parentSchema?: unknown): boolean {
  if (!Array.isArray(data)) return true;
  const seen = new Map<string, number>();
  for (let j = 0; j < data.length; j++) {
    const key = identity(data[j], schema);
    if (key === undefined) continue;
    const i = seen.get(key);
    if (i !== undefined) return reject<UniqueKeysError>(validate, parentSchema, [{ keyword: 'uniqueKeys', params: { keys: schema, i, j }, message: `must not have items with the same ${schema.join(', ')}` }]);
    seen.set(key, j);
  }
  return true;
}

export const uniqueKeys: EngineKeyword<UniqueKeysError> = {
  definition: { keyword: 'uniqueKeys', type: 'array', schemaType: 'array', metaSchema: NAME_LIST_SCHEMA, validate, errors: true },
  title: 'Items must be distinct',
  structural: false,
  describe: (error) => {
    const { keys, i, j } = error.params;
    return { path: joinPointer(error.instancePath, j), message: `items ${i} and ${j} have the same ${quoted(keys)}; each item needs its own` };
  },
};
