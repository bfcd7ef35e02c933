import type { ErrorObject } from 'ajv';
import { joinPointer } from '../pointer';
import { type EngineKeyword, isPlainObject, NAME_MAP_SCHEMA, reject } from './keyword';

/** cfn-lint's `dependentExcluded: {A: [B, ...]}`: when A is set, none of B ... may be set. */
export type DependentExcludedError = ErrorObject<'dependentExcluded', { property: string; excludedProperty: string }, Record<string, string[]>>;

function validate(schema: Record<string, string[]>, data: unknown, parentSchema?: unknown): boolean {
  if (!isPlainObject(data)) return true;
  const errors = Object.entries(schema)
    .filter(([property]) => Object.hasOwn(data, property))
    .flatMap(([property, excluded]) => excluded.filter((name) => Object.hasOwn(data, name)).map((excludedProperty) => ({ property, excludedProperty })))
    .map((params) => ({ keyword: 'dependentExcluded' as const, params, message: `must not have property ${params.excludedProperty} when property ${params.property} is present` }));
  return errors.length === 0 || reject<DependentExcludedError>(validate, parentSchema, errors);
}

export const dependentExcluded: EngineKeyword<DependentExcludedError> = {
  definition: { keyword: 'dependentExcluded', type: 'object', schemaType: 'object', metaSchema: NAME_MAP_SCHEMA, validate, errors: true },
  title: 'Properties that exclude each other',
  structural: true,
  describe: (error) => ({ path: joinPointer(error.instancePath, error.params.excludedProperty), message: `property "${error.params.excludedProperty}" may not be set together with "${error.params.property}"` }),
};
