import type { ErrorObject, SchemaValidateFunction } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types';
import { IAM_RULES } from '../iam/rules';
import { policyLength } from '../iam/size';
import type { EngineKeyword } from './keyword';

export const MAX_POLICY_LENGTH_KEYWORD = 'maxPolicyLength';

/** The typed error of this keyword: the document's length and the quota, under RCFGE-IAM-7. */
export type MaxPolicyLengthError = ErrorObject<'maxPolicyLength', { rule: string; title: string; remediation: string; length: number; limit: number }, unknown>;

/** A number, or a string of digits (so a `$<param:...>` can set it). */
function limitOf(value: number | string): number {
  const limit = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`maxPolicyLength must be a positive integer, not ${JSON.stringify(value)}`);
  return limit;
}

/**
 * `"maxPolicyLength": 2048` on a policy document schema: the document, counted as IAM
 * counts it (without whitespace), fits the quota. IAM's default quota for role trust
 * policies is 2,048 characters; an account with a raised quota sets its own value.
 */
export const maxPolicyLength: EngineKeyword<MaxPolicyLengthError> = {
  title: IAM_RULES.size.title,
  structural: false,
  describe: (error) => ({ path: error.instancePath, message: error.message ?? 'the policy exceeds its size quota' }),
  definition: {
    keyword: MAX_POLICY_LENGTH_KEYWORD,
    type: 'object',
    schemaType: ['number', 'string'],
    errors: true,
    compile(value: number | string) {
      const limit = limitOf(value);
      const check = function (data: unknown, cxt?: DataValidationCxt): boolean {
        const length = policyLength(data);
        if (length <= limit) return true;
        const error: Partial<MaxPolicyLengthError> = {
          keyword: MAX_POLICY_LENGTH_KEYWORD,
          instancePath: cxt?.instancePath ?? '',
          message: `the policy is ${length} characters without whitespace; the IAM quota is ${limit}: shorten it (fewer statements, principals or conditions), or split the access across roles`,
          params: { ...IAM_RULES.size, length, limit },
        };
        (check as SchemaValidateFunction).errors = [error];
        return false;
      };
      return check as SchemaValidateFunction;
    },
  },
};
