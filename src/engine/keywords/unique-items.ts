import type { ErrorObject, FuncKeywordDefinition } from 'ajv';

/** The typed error of this keyword: which two items are the same. */
export type UniqueItemsError = ErrorObject<'uniqueItems', { i: number; j: number }, boolean>;

/** JSON with sorted keys: equal JSON values, equal text, whatever keys the items carry. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * ajv's own uniqueItems compares with fast-deep-equal, which trusts an item's
 * `constructor` and `valueOf`: an item carrying those keys can hide a duplicate or throw.
 * Comparing canonical JSON cannot be steered by the data.
 */
function validate(schema: unknown, data: unknown): boolean {
  if (schema !== true || !Array.isArray(data) || data.length < 2) return true;
  const seen = new Map<string, number>();
  for (let j = 0; j < data.length; j++) {
    const item: unknown = data[j];
    // Primitives need no canonical form; the type prefix keeps "1" and 1 apart.
    const key = item === null || typeof item !== 'object' ? `${typeof item}:${String(item)}` : canonical(item);
    const i = seen.get(key);
    if (i !== undefined) {
      (validate as { errors?: Partial<UniqueItemsError>[] }).errors = [{ keyword: 'uniqueItems', message: `must NOT have duplicate items (items ${i} and ${j} are identical)`, params: { i, j } }];
      return false;
    }
    seen.set(key, j);
  }
  return true;
}

export const uniqueItemsKeyword: FuncKeywordDefinition = {
  keyword: 'uniqueItems',
  type: 'array',
  schemaType: 'boolean',
  validate,
  errors: true,
};
