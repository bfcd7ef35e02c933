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
  // How the Hook tells an update that replaces (deletes) the resource; needed once a template denies deletion.
  'createOnlyProperties',
]);

/** Create-only pointers whose property the template still has (after read-only and --allow removals). */
export function keepCreateOnlyOfApproved(template: Record<string, unknown>): void {
  if (!Array.isArray(template.createOnlyProperties)) return;
  const properties = template.properties !== null && typeof template.properties === 'object' ? (template.properties as Record<string, unknown>) : {};
  const kept = template.createOnlyProperties.filter((p): p is string => typeof p === 'string' && p.startsWith('/properties/') && Object.hasOwn(properties, p.split('/')[2].replace(/~1/g, '/').replace(/~0/g, '~')));
  if (kept.length > 0) template.createOnlyProperties = kept;
  else delete template.createOnlyProperties;
}

export function stripRegistrySections(registry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(registry)) {
    if (KEEP.has(key)) out[key] = structuredClone(value);
  }
  return out;
}
