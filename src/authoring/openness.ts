import { compilePattern } from '../engine/regex-engine';
import { isRecord } from '../engine/schema-walk';
import { admitsPropertyNames } from './property-names';

/**
 * Whether a schema gates the value it applies to: the single rule shared by `rcfge lint`
 * (which reports what is open) and `rcfge init` (which closes or declares it).
 *
 * - An object schema is closed by `"additionalProperties": false` (with or without
 *   `properties` / `patternProperties`).
 * - `"additionalProperties": <schema>` next to `properties` admits every unlisted
 *   property whose value fits: open.
 * - `"additionalProperties": <schema>` without `properties` is a map whose keys are data
 *   (tag keys, variable names) rather than resource features: it gates as well as its
 *   value schema does, and that value schema is checked in turn.
 * - A bare object (`{"type": "object"}`, `additionalProperties: true`), an untyped schema
 *   (`{}`, `{"format": "json"}`) and an array without `items` admit anything: open.
 * - `patternProperties` whose pattern admits a name CloudFormation could give a property
 *   (letters and digits: `.*`, `^[A-Za-z]+$`, `Configuration$`) beside listed `properties`
 *   admits tomorrow's property under that pattern: open, however closed.
 * - A tuple (`items: [...]`, `prefixItems`) without `"additionalItems": false` admits any
 *   further item: open.
 * - An untyped schema whose only restriction is a `not`, or an `if` with only one of
 *   `then`/`else`, admits any value the condition lets by, objects included: open.
 * - `"x-rcfge": {"open": "why"}` declares an open schema intentional.
 */
export type Openness =
  | { readonly kind: 'closed' }
  | { readonly kind: 'not-object' }
  | { readonly kind: 'declared'; readonly why: string }
  | { readonly kind: 'open'; readonly reason: string; readonly closable: boolean; readonly fix?: Fix };

/** How `rcfge init` closes an open schema: the keyword to set, or the catch-all patterns to drop. */
export type Fix = { readonly set: 'additionalProperties' | 'additionalItems' } | { readonly dropPatterns: readonly string[] };

/** Keywords that restrict a value by themselves; a schema with none of them admits any JSON value. */
const RESTRICTING = ['type', 'const', 'enum', '$ref', 'properties', 'patternProperties', 'additionalProperties', 'items', 'prefixItems', 'allOf', 'anyOf', 'oneOf', 'required', 'minProperties', 'maxProperties'];

/** Names AWS could give a new property tomorrow: a pattern matching one admits any property. */
const PROBE_NAMES = ['NewFeature', 'newFeature', 'RcfgeProbe2'];

function admitsProbe(pattern: string): boolean {
  try {
    const re = compilePattern(pattern);
    return PROBE_NAMES.some((name) => re.test(name));
  } catch {
    return false; // an invalid pattern is the pattern rule's finding
  }
}

/** The patternProperties keys that admit property names (letters and digits) beside the listed ones. */
export function anyNamePatterns(node: Record<string, unknown>): string[] {
  if (!isRecord(node.patternProperties)) return [];
  return Object.keys(node.patternProperties).filter((pattern) => admitsProbe(pattern) || admitsPropertyNames(pattern));
}

/** `not: {}` (nothing approved) or `not: {"type": "object"}`: no object gets through. */
function forbidsEveryObject(schema: unknown): boolean {
  if (schema === true) return true;
  if (!isRecord(schema)) return false;
  const types = typesOf(schema);
  return Object.keys(schema).every((k) => k === 'type' || k === 'description' || k === '$comment') && (types === undefined || types.includes('object'));
}

function isTuple(node: Record<string, unknown>): boolean {
  const tuple = Array.isArray(node.items) || (Array.isArray(node.prefixItems) && !('items' in node));
  return tuple && node.additionalItems !== false;
}

/** An untyped schema's restrictions that hold whatever the value: a lone `not` or a one-sided `if` restricts nothing for sure. */
function restrictsUnconditionally(node: Record<string, unknown>): boolean {
  return RESTRICTING.some((k) => k in node) || ('then' in node && 'else' in node);
}

export function typesOf(node: Record<string, unknown>): string[] | undefined {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

export function declaredOpen(node: Record<string, unknown>): string | undefined {
  const policy = node['x-rcfge'];
  return isRecord(policy) && typeof policy.open === 'string' ? policy.open : undefined;
}

/** True when the schema can never accept an object (e.g. `{"type": "string"}`). */
export function excludesObjects(node: unknown): boolean {
  if (node === false) return true;
  if (!isRecord(node)) return false;
  const types = typesOf(node);
  return types !== undefined && !types.includes('object');
}

function open(node: Record<string, unknown>, reason: string, closable: boolean, fix?: Fix): Openness {
  const why = declaredOpen(node);
  if (why !== undefined) return { kind: 'declared', why };
  return fix === undefined ? { kind: 'open', reason, closable } : { kind: 'open', reason, closable, fix };
}

/**
 * A map: any key (an `additionalProperties` schema, or a pattern admitting property names)
 * and no listed properties. Gated when its values are where keys are data (tags); open where
 * the keys are properties (the resource itself, or where the registry lists properties).
 */
export function mapsAnyName(node: Record<string, unknown>): boolean {
  if (isRecord(node.properties) || declaredOpen(node) !== undefined) return false;
  if (isRecord(node.additionalProperties)) return true;
  return isRecord(node.patternProperties) && Object.keys(node.patternProperties).some(admitsPropertyNames);
}

export function classify(node: unknown): Openness {
  if (node === false) return { kind: 'not-object' };
  if (node === true) return { kind: 'open', reason: 'the schema `true` admits any value', closable: false };
  if (!isRecord(node)) return { kind: 'not-object' };
  const types = typesOf(node);
  const hasProperties = isRecord(node.properties) || isRecord(node.patternProperties);
  const additional = node.additionalProperties;
  const objectSchema = types?.includes('object') || hasProperties || 'additionalProperties' in node;
  if (objectSchema) {
    const anyName = isRecord(node.properties) ? anyNamePatterns(node) : [];
    if (anyName.length > 0) {
      const list = anyName.map((p) => JSON.stringify(p)).join(', ');
      const what = anyName.some(admitsProbe) ? 'any property name (e.g. "NewFeature")' : 'property names the template does not list (CloudFormation names properties with letters and digits)';
      return open(node, `"patternProperties" ${list} ${anyName.length === 1 ? 'admits' : 'admit'} ${what} beside the listed properties`, true, { dropPatterns: anyName });
    }
    if (additional === false) return { kind: 'closed' };
    if (isRecord(additional)) {
      if (!hasProperties) return { kind: 'closed' };
      return open(node, '"additionalProperties" is a schema, so properties the template does not list are admitted', true, { set: 'additionalProperties' });
    }
    if (hasProperties) return open(node, 'no "additionalProperties": false, so properties the template does not list are admitted', true, { set: 'additionalProperties' });
    return open(node, 'a free-form object (no properties and no "additionalProperties": false)', false);
  }
  const arraySchema = types?.includes('array') || (types === undefined && ('items' in node || 'prefixItems' in node));
  if (arraySchema && !('items' in node) && !('prefixItems' in node)) {
    const only = 'contains' in node ? ' ("contains" only requires some item to match; the others are free)' : '';
    return open(node, `an array whose items are not constrained (no "items")${only}`, false);
  }
  if (arraySchema && isTuple(node)) {
    return open(node, 'a tuple ("items" as a list) without "additionalItems": false, so items after the listed ones are admitted', true, { set: 'additionalItems' });
  }
  if (types === undefined && !restrictsUnconditionally(node)) {
    if ('not' in node && forbidsEveryObject(node.not)) return { kind: 'not-object' };
    if ('not' in node) return open(node, 'an untyped schema whose only restriction is a "not": it admits any value the "not" does not forbid, objects included', false);
    if ('if' in node) {
      const when = 'then' in node ? 'has no "else": when the condition does not hold' : 'has no "then": when the condition holds';
      return open(node, `an untyped schema whose "if" ${when}, any value is admitted, objects included`, false);
    }
    return open(node, 'an untyped schema: it admits any value, objects included', false);
  }
  return { kind: 'not-object' };
}
