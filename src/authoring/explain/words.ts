import { isRecord } from '../../engine/schema-walk';
import { typesOf } from '../openness';

const MAX_LISTED = 12;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function list(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map(show).join(', ');
  return values.length > MAX_LISTED ? `${shown}, … (${values.length} in all)` : shown;
}

function range(min: unknown, max: unknown, unit: string): string | undefined {
  if (min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined) return min === max ? `${unit} exactly ${String(min)}` : `${unit} ${String(min)} to ${String(max)}`;
  return min !== undefined ? `${unit} at least ${String(min)}` : `${unit} at most ${String(max)}`;
}

/** What a value schema allows, in words: `must be true`, `one of "a", "b"`, `matches ^arn:...`. */
export function constraintWords(node: Record<string, unknown>): string[] {
  const words: string[] = [];
  if ('const' in node) words.push(`must be ${show(node.const)}`);
  if (Array.isArray(node.enum)) words.push(node.enum.length === 1 ? `must be ${show(node.enum[0])}` : `one of ${list(node.enum)}`);
  if (Array.isArray(node.enumCaseInsensitive)) words.push(`one of ${list(node.enumCaseInsensitive)} (any case)`);
  if (typeof node.pattern === 'string') words.push(`matches ${node.pattern}`);
  if (typeof node.format === 'string') words.push(`format ${node.format}`);
  const numbers = range(node.minimum ?? node.exclusiveMinimum, node.maximum ?? node.exclusiveMaximum, 'from');
  if (numbers) words.push(numbers.replace(/^from at/, 'at'));
  const length = range(node.minLength, node.maxLength, 'length');
  if (length) words.push(length);
  const items = range(node.minItems, node.maxItems, 'items:');
  if (items) words.push(items);
  if (isRecord(node.contains)) {
    const ref = typeof node.contains.$ref === 'string' ? node.contains.$ref.replace(/^#\//, '') : undefined;
    words.push(ref ? `at least one item as ${ref}` : 'at least one item with the required configuration');
  }
  if (node.uniqueItems === true) words.push('no duplicate items');
  if (Array.isArray(node.uniqueKeys)) words.push(`no two items with the same ${node.uniqueKeys.join(', ')}`);
  if (isRecord(node.not)) {
    const inner = constraintWords(node.not);
    words.push(inner.length > 0 ? `not (${inner.join('; ')})` : 'with exceptions (a "not" rule)');
  }
  for (const [keyword, words2] of [['requiredXor', 'exactly one of'], ['requiredOr', 'at least one of']] as const) {
    if (Array.isArray(node[keyword])) words.push(`${words2} ${(node[keyword] as unknown[]).join(', ')}`);
  }
  for (const [keyword, verb] of [['dependentRequired', 'needs'], ['dependentExcluded', 'excludes']] as const) {
    const map = node[keyword];
    if (isRecord(map)) for (const [name, others] of Object.entries(map)) words.push(`${name} ${verb} ${Array.isArray(others) ? others.join(', ') : ''}`);
  }
  if (node.policyStatement !== undefined && node.policyStatement !== false) {
    const explicit = isRecord(node.policyStatement) && node.policyStatement.wildcards === 'explicit';
    words.push(`IAM statement judged by RCFGE-IAM-1 to RCFGE-IAM-6${explicit ? ' and RCFGE-IAM-8' : ''}: actions written service:Action from the approved IAM catalogue; Allow without "*", "service:*", NotAction${explicit ? ', any wildcard' : ''} or privileged actions on every resource; policy variables as IAM spells them`);
  }
  if (node.maxPolicyLength !== undefined) words.push(`at most ${String(node.maxPolicyLength)} characters (without whitespace) [RCFGE-IAM-7]`);
  if (isRecord(node.dependencies)) {
    for (const [name, others] of Object.entries(node.dependencies)) if (Array.isArray(others)) words.push(`${name} needs ${others.join(', ')}`);
  }
  return words;
}

/** `string`, `integer`, `list`, `object`, or the JSON types joined with `or`. */
export function typeWords(node: Record<string, unknown>): string | undefined {
  const types = typesOf(node);
  if (!types || types.length === 0) return undefined;
  return types.map((t) => (t === 'array' ? 'list' : t)).join(' or ');
}
