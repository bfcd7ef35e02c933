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

export type JsonObjectError = ErrorObject<typeof JSON_OBJECT_KEYWORD, Record<string, never>, boolean>;

export function parsesAsObject(text: string): Record<string, unknown> | undefined {
  const start = text.trimStart()[0];
  if (start !== '{') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function validate(_schema: boolean, data: unknown, parentSchema?: unknown): boolean {
  if (typeof data !== 'string' || parsesAsObject(data) === undefined) return true;
  return reject<JsonObjectError>(validate, parentSchema, [{ keyword: JSON_OBJECT_KEYWORD, params: {}, message: 'is the JSON text of an object' }]);
}

export const jsonObject: EngineKeyword<JsonObjectError> = {
  definition: { keyword: JSON_OBJECT_KEYWORD, type: 'string', schemaType: 'boolean', validate, errors: true },
  title: 'Object given as JSON text that cannot be judged',
  structural: false,
  // Only reported when the parsed object could not take the string's place (nested too deeply).
  describe: (error) => ({ path: error.instancePath, message: 'the JSON text of this object could not be judged as an object (nested too deeply)' }),
};
