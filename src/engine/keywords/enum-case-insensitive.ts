import type { ErrorObject } from 'ajv';
import { type EngineKeyword, reject } from './keyword';

/** cfn-lint's `enumCaseInsensitive: [...]`: the value is one of these, in any letter case. */
export type EnumCaseInsensitiveError = ErrorObject<'enumCaseInsensitive', { allowedValues: unknown[] }, unknown[]>;

/** CloudFormation sends every scalar as a string: "5" and 5, "TRUE" and true compare alike. */
function folded(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
  return undefined;
}

function validate(schema: unknown[], data: unknown, parentSchema?: unknown): boolean {
  const value = folded(data);
  if (value !== undefined && schema.some((allowed) => folded(allowed) === value)) return true;
  return reject<EnumCaseInsensitiveError>(validate, parentSchema, [{ keyword: 'enumCaseInsensitive', params: { allowedValues: schema }, message: 'must be equal to one of the allowed values (any case)' }]);
}

export const enumCaseInsensitive: EngineKeyword<EnumCaseInsensitiveError> = {
  definition: { keyword: 'enumCaseInsensitive', schemaType: 'array', metaSchema: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1 }, validate, errors: true },
  title: 'Value not among the approved values',
  structural: false,
  describe: (error, show) => ({ path: error.instancePath, message: `value ${show(error.data)} is not one of the approved values (in any case): ${error.params.allowedValues.map((v) => show(v)).join(', ')}` }),
};
