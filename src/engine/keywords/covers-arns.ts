import type { ErrorObject, FuncKeywordDefinition } from 'ajv';
import { resourcePatternCovers } from '../glob-cover';
import { valueAt } from '../pointer';

/** The typed error of this keyword: the ARNs no entry covers. */
export type CoversArnsError = ErrorObject<'coversArns', { missing: string[] }, string[]>;

/** `${/Pointer}` in a required ARN: a value of the same resource's properties (e.g. the bucket name). */
const DATA_REFERENCE = /\$\{(\/[^}]*)\}/g;

/** The required ARN with its `${/Pointer}`s filled in; undefined when a referenced value is not a string (unknown yet, or judged elsewhere). */
function requiredArn(template: string, root: unknown): string | undefined {
  let unknown = false;
  const arn = template.replace(DATA_REFERENCE, (_whole, pointer: string) => {
    const value = valueAt(root, pointer, { arrays: false });
    if (typeof value !== 'string' || value === '') unknown = true;
    return typeof value === 'string' ? value : '';
  });
  return unknown ? undefined : arn;
}

/**
 * `"coversArns": ["arn:$<partition>:s3:::${/Bucket}", "arn:$<partition>:s3:::${/Bucket}/*"]`
 * on a policy statement's `Resource`: each listed ARN (a pattern: `/*` is every object)
 * must be covered by one of the statement's resource patterns, as IAM matches them.
 * This is what makes a Deny statement protect the resource the policy is attached to:
 * a `Resource` naming another bucket, or only the bucket and not its objects, protects
 * nothing. `${/Pointer}` reads a value of the resource's own properties; while that value
 * is not a string (unknown before deployment), the keyword cannot judge and passes.
 */
function validate(schema: unknown, data: unknown, _parent?: unknown, context?: { rootData?: unknown }): boolean {
  if (!Array.isArray(schema)) return true;
  const patterns = (Array.isArray(data) ? data : [data]).filter((p): p is string => typeof p === 'string');
  const missing: string[] = [];
  for (const template of schema as string[]) {
    const arn = requiredArn(template, context?.rootData);
    if (arn !== undefined && !patterns.some((pattern) => resourcePatternCovers(pattern, arn))) missing.push(arn);
  }
  if (missing.length === 0) return true;
  (validate as { errors?: Partial<CoversArnsError>[] }).errors = [
    { keyword: 'coversArns', message: `does not cover ${missing.join(' and ')}`, params: { missing } },
  ];
  return false;
}

export const coversArnsKeyword: FuncKeywordDefinition = {
  keyword: 'coversArns',
  type: ['string', 'array'],
  schemaType: 'array',
  metaSchema: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  validate,
  errors: true,
};
