/**
 * Top-level keywords a template keeps. Everything else at the top of a registry schema
 * describes the provider (handlers, identifiers, read-only lists, tagging, URLs,
 * replacement strategy, `$schema`, the cfn-lint-only requiredXor, ...) rather than the
 * properties the Hook validates.
 */
const KEEP = new Set([
  'typeName',
  'description',
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'definitions',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependencies',
  'minProperties',
  'maxProperties',
  '$comment',
]);

export function stripRegistrySections(registry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(registry)) {
    if (KEEP.has(key)) out[key] = structuredClone(value);
  }
  return out;
}
