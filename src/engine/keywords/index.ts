import { dependentExcluded } from './dependent-excluded';
import { dependentRequired } from './dependent-required';
import { enumCaseInsensitive } from './enum-case-insensitive';
import { jsonObject } from './json-object';
import type { EngineKeyword } from './keyword';
import { maxPolicyLength } from './max-policy-length';
import { policyStatement } from './policy-statement';
import { requiredOr } from './required-or';
import { requiredXor } from './required-xor';
import { uniqueKeys } from './unique-keys';

/**
 * Registry and cfn-lint keywords that read like constraints, enforced with their
 * documented meaning rather than tolerated as annotations (a template author who writes
 * `requiredXor` expects it to hold), the engine's mark for object-or-string unions, and the
 * IAM policy keywords (statements judged against the approved catalogue, policy size).
 */
export const ENGINE_KEYWORDS: ReadonlyMap<string, EngineKeyword> = new Map(
  ([requiredXor, requiredOr, dependentRequired, dependentExcluded, enumCaseInsensitive, uniqueKeys, jsonObject, policyStatement, maxPolicyLength] as EngineKeyword[]).map((k) => [k.definition.keyword as string, k]),
);
