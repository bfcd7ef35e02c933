import { isRecord } from '../engine/schema-walk';

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
 * - `"x-rcfge": {"open": "why"}` declares an open schema intentional.
 */
export type Openness =
  | { readonly kind: 'closed' }
  | { readonly kind: 'not-object' }
  | { readonly kind: 'declared'; readonly why: string }
  | { readonly kind: 'open'; readonly reason: string; readonly closable: boolean };

/** Keywords that restrict a value by themselves; a schema with none of them admits any JSON value. */
const RESTRICTING = ['type', 'const', 'enum', '$ref', 'properties', 'patternProperties', 'additionalProperties', 'items', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'required', 'minProperties', 'maxProperties'];

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

function open(node: Record<string, unknown>, reason: string, closable: boolean): Openness {
  const why = declaredOpen(node);
  return why === undefined ? { kind: 'open', reason, closable } : { kind: 'declared', why };
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
    if (additional === false) return { kind: 'closed' };
    if (isRecord(additional)) {
      if (!hasProperties) return { kind: 'closed' };
      return open(node, '"additionalProperties" is a schema, so properties the template does not list are admitted', true);
    }
    if (hasProperties) return open(node, 'no "additionalProperties": false, so properties the template does not list are admitted', true);
    return open(node, 'a free-form object (no properties and no "additionalProperties": false)', false);
  }
  if (types?.includes('array') && !('items' in node) && !('prefixItems' in node)) {
    return open(node, 'an array whose items are not constrained (no "items")', false);
  }
  if (types === undefined && !RESTRICTING.some((k) => k in node)) {
    return open(node, 'an untyped schema: it admits any value, objects included', false);
  }
  return { kind: 'not-object' };
}
