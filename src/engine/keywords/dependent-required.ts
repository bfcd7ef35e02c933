import type { ErrorObject } from 'ajv';
import { joinPointer } from '../pointer';
import { type EngineKeyword, isPlainObject, NAME_MAP_SCHEMA, reject } from './keyword';

/** JSON Schema 2019-09 `dependentRequired: {A: [B, ...]}`: when A is set, B ... are set too. */
export type DependentRequiredError = ErrorObject<'dependentRequired', { property: string; missingProperty: string }, Record<string, string[]>>;

function validate(schema: Record<string, string[]>, data: unknown, parentSchema?: unknown): boolean {
  if (!isPlainObject(data)) return true;
  const errors = Object.entries(schema)
    .filter(([property]) => Object.hasOwn(data, property))
    .flatMap(([property, needed]) => needed.filter((name) => !Object.hasOwn(data, name)).map((missingProperty) => ({ property, missingProperty })))
    .map((params) => ({ keyword: 'dependentRequired' as const, params, message: `must have property ${params.missingProperty} when property ${params.property} is present` }));
  return errors.length === 0 || reject<DependentRequiredError>(validate, parentSchema, errors);
}

export const dependentRequired: EngineKeyword<DependentRequiredError> = {
  definition: { keyword: 'dependentRequired', type: 'object', schemaType: 'object', metaSchema: NAME_MAP_SCHEMA, validate, errors: true },
  title: 'Property needs another property',
  structural: true,
  describe: (error) => ({ path: joinPointer(error.instancePath, error.params.missingProperty), message: `required property "${error.params.missingProperty}" is missing: "${error.params.property}" needs it` }),
};
