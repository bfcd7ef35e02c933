import type { ErrorObject } from 'ajv';
import { joinPointer } from '../pointer';
import { type EngineKeyword, isPlainObject, NAME_LIST_SCHEMA, quoted, reject } from './keyword';

/** cfn-lint's `requiredXor: [A, B, ...]`: exactly one of the listed properties is set. */
export type RequiredXorError = ErrorObject<'requiredXor', { names: string[]; present: string[] }, string[]>;

function validate(schema: string[], data: unknown, parentSchema?: unknown): boolean {
  if (!isPlainObject(data)) return true;
  const present = schema.filter((name) => Object.hasOwn(data, name));
  if (present.length === 1) return true;
  return reject<RequiredXorError>(validate, parentSchema, [{ keyword: 'requiredXor', params: { names: schema, present }, message: 'must have exactly one of the properties' }]);
}

export const requiredXor: EngineKeyword<RequiredXorError> = {
  definition: { keyword: 'requiredXor', type: 'object', schemaType: 'array', metaSchema: NAME_LIST_SCHEMA, validate, errors: true },
  title: 'Exactly one of the alternative properties',
  structural: true,
  describe: (error) => {
    const { names, present } = error.params;
    if (present.length === 0) return { path: error.instancePath, message: `exactly one of ${quoted(names)} is required; none is set` };
    return { path: joinPointer(error.instancePath, present[1]), message: `only one of ${quoted(names)} may be set; ${quoted(present)} are` };
  },
};
