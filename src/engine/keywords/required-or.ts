import type { ErrorObject } from 'ajv';
import { type EngineKeyword, isPlainObject, NAME_LIST_SCHEMA, quoted, reject } from './keyword';

/** cfn-lint's `requiredOr: [A, B, ...]`: at least one of the listed properties is set. */
export type RequiredOrError = ErrorObject<'requiredOr', { names: string[] }, string[]>;

function validate(schema: string[], data: unknown, parentSchema?: unknown): boolean {
  if (!isPlainObject(data) || schema.some((name) => Object.hasOwn(data, name))) return true;
  return reject<RequiredOrError>(validate, parentSchema, [{ keyword: 'requiredOr', params: { names: schema }, message: 'must have at least one of the properties' }]);
}

export const requiredOr: EngineKeyword<RequiredOrError> = {
  definition: { keyword: 'requiredOr', type: 'object', schemaType: 'array', metaSchema: NAME_LIST_SCHEMA, validate, errors: true },
  title: 'At least one of the alternative properties',
  structural: true,
  describe: (error) => ({ path: error.instancePath, message: `at least one of ${quoted(error.params.names)} is required; none is set` }),
};
