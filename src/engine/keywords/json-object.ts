import type { ErrorObject } from 'ajv';
import { type EngineKeyword, isPlainObject, reject } from './keyword';

/**
 * Marks a schema that approves an object and also strings (`"type": ["object",
 * "string"]`, as 163 registry schemas type policy documents and RedrivePolicy):
 * CloudFormation accepts the object's JSON text there, so a string that parses as a JSON
 * object fails this keyword and the engine judges the parsed object instead (see
 * json-strings.ts). Any other string is left to the string branch.
 */
export const JSON_OBJECT_KEYWORD = 'rcfgeJsonObject';

export type JsonObjectError = ErrorObject<typeof JSON_OBJECT_KEYWORD, { repeated?: string }, boolean>;

/** What a string holds: the JSON text of an object, such a text with a key repeated in one object, or neither. */
export type JsonObjectText = { readonly object: Record<string, unknown> } | { readonly repeated: string } | undefined;

/**
 * The first key that occurs twice in one object of a valid JSON text. JSON.parse keeps the
 * last; a service may read the first (JSON leaves it open), so the engine must not judge
 * one reading while AWS applies the other: such a text is refused.
 */
function repeatedKey(text: string): string | undefined {
  const objects: Array<{ keys?: Set<string>; expectKey: boolean }> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = objects[objects.length - 1];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{') objects.push({ keys: new Set(), expectKey: true });
    else if (c === '[') objects.push({ expectKey: false });
    else if (c === '}' || c === ']') objects.pop();
    else if (c === ',' && top?.keys) top.expectKey = true;
  }
  return undefined;
}

export function readJsonObject(text: string): JsonObjectText {
  const start = text.trimStart()[0];
  if (start !== '{') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed)) return undefined;
  const repeated = repeatedKey(text);
  return repeated === undefined ? { object: parsed } : { repeated };
}

/** The object a JSON text holds; undefined for anything else, a text with a repeated key included. */
export function parsesAsObject(text: string): Record<string, unknown> | undefined {
  const read = readJsonObject(text);
  return read && 'object' in read ? read.object : undefined;
}

function validate(_schema: boolean, data: unknown, parentSchema?: unknown): boolean {
  const read = typeof data === 'string' ? readJsonObject(data) : undefined;
  if (read === undefined) return true;
  const params = 'repeated' in read ? { repeated: read.repeated } : {};
  return reject<JsonObjectError>(validate, parentSchema, [{ keyword: JSON_OBJECT_KEYWORD, params, message: 'is the JSON text of an object' }]);
}

/** The words for a string that is the JSON text of an object with a key repeated in one object. */
export function repeatedKeyMessage(shown: string, key: string): string {
  return `value ${shown} is JSON text that repeats the key "${key}" in one object; AWS may read either value, so the text cannot be judged: write each key once`;
}

export const jsonObject: EngineKeyword<JsonObjectError> = {
  definition: { keyword: JSON_OBJECT_KEYWORD, type: 'string', schemaType: 'boolean', validate, errors: true },
  title: 'Object given as JSON text that cannot be judged',
  structural: false,
  // Only reported when the parsed object could not take the string's place (a repeated key, or nested too deeply).
  describe: (error, show) =>
    error.params.repeated !== undefined
      ? { path: error.instancePath, message: repeatedKeyMessage(show(error.data), error.params.repeated) }
      : { path: error.instancePath, message: 'the JSON text of this object could not be judged as an object (nested too deeply)' },
};
