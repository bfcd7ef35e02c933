import type { ErrorObject, ValidateFunction } from 'ajv';
import { MAX_PROPERTY_DEPTH, nestingExceeds } from './depth';
import { TYPE_KEYWORD } from './keywords/cfn-type';
import { isPlainObject } from './keywords/keyword';
import { JSON_OBJECT_KEYWORD, parsesAsObject } from './keywords/json-object';
import { holdsData, SCHEMA_MAP_KEYWORDS } from './vocabulary';
import { unescapeToken } from './pointer';

/** Nested JSON texts (a policy inside a string inside a string) are rare; each round parses one level. */
const MAX_ROUNDS = 8;

/** Errors that say "an object was expected here and a string came". */
function wantsObject(error: ErrorObject): boolean {
  if (error.keyword === JSON_OBJECT_KEYWORD) return true;
  if (error.keyword !== 'type') return false;
  const expected = (error.params as { type?: unknown }).type;
  return (Array.isArray(expected) ? expected.map(String) : String(expected).split(',')).includes('object');
}

/** Replaces each string the errors point at by the object its JSON text holds; returns how many. */
function parseAt(errors: readonly ErrorObject[], data: unknown): number {
  let replaced = 0;
  for (const error of errors) {
    if (!wantsObject(error) || error.instancePath === '') continue;
    const tokens = error.instancePath.split('/').slice(1).map(unescapeToken);
    const key = tokens.pop() as string;
    let parent: unknown = data;
    for (const token of tokens) parent = isPlainObject(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[token] : undefined;
    if (!isPlainObject(parent) && !Array.isArray(parent)) continue;
    const container = parent as Record<string, unknown>;
    const text = container[key];
    if (typeof text !== 'string') continue;
    const parsed = parsesAsObject(text);
    // The parsed object must stay within the depth every other value is held to.
    if (parsed === undefined || nestingExceeds(parsed, MAX_PROPERTY_DEPTH - tokens.length - 1)) continue;
    container[key] = parsed;
    replaced++;
  }
  return replaced;
}

/**
 * Validates, and where the template approves an object but the value is its JSON text
 * (as CloudFormation accepts for `RedrivePolicy`, policy documents, ...), judges the
 * parsed object instead: a string must not carry what the object form would be refused
 * for. A string that is not the JSON text of an object stays what it was, and is refused
 * where only the object form is approved. `data` is changed in place (it is the engine's copy).
 */
export function validateJudgingJsonText(validate: ValidateFunction, data: unknown, context: object = {}): boolean {
  // `context` reaches the keywords as `this` (ajv passContext): the IAM catalogue.
  let valid = validate.call(context, data) as boolean;
  for (let round = 0; !valid && round < MAX_ROUNDS; round++) {
    if (parseAt(validate.errors ?? [], data) === 0) break;
    valid = validate.call(context, data) as boolean;
  }
  return valid;
}

/** Conditions (`not`, `if`, `contains`, `propertyNames`) never report their inner errors: a mark there could only flip their verdict. */
const CONDITIONS = new Set(['not', 'if', 'contains', 'propertyNames']);

/** The schema's types; after normalisation `type` is spelt TYPE_KEYWORD (CloudFormation's reading of values). */
function typesOf(node: Record<string, unknown>): string[] {
  const type = node.type ?? node[TYPE_KEYWORD];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** Keywords that describe an object's properties; without a `type`, JSON Schema lets every string pass them. */
const OBJECT_SHAPE = ['properties', 'patternProperties', 'additionalProperties'];

function describesObject(node: Record<string, unknown>): boolean {
  return OBJECT_SHAPE.some((k) => k in node) && !('$ref' in node);
}

/**
 * Marks every schema typed both "object" and "string", and every untyped schema that
 * describes an object's properties (a closed object without `"type": "object"` would let its
 * JSON text through unjudged), with JSON_OBJECT_KEYWORD (in place, on the engine's
 * normalised copy), so that the JSON text of an object is judged as that object.
 */
export function markJsonObjectUnions(node: unknown, isMap = false): void {
  if (Array.isArray(node)) return node.forEach((item) => markJsonObjectUnions(item));
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (!isMap) {
    const types = typesOf(record);
    if ((types.includes('object') && types.includes('string')) || (types.length === 0 && describesObject(record))) record[JSON_OBJECT_KEYWORD] = true;
  }
  for (const [key, child] of Object.entries(record)) {
    if (holdsData(key, isMap) || (!isMap && (CONDITIONS.has(key) || key === 'x-rcfge'))) continue;
    markJsonObjectUnions(child, !isMap && SCHEMA_MAP_KEYWORDS.has(key));
  }
}
