/**
 * configuration-schema.json, as the CloudFormation CLI writes it into a hook's submission
 * package (cloudformation-cli, src/rpdk/core/project.py: `load_configuration_schema` takes
 * schema.json's `typeConfiguration`, sets `definitions` to the schema's `definitions` (or {})
 * and `typeName` to the type name; `submit` writes it with `json.dumps(..., indent=4)`, no
 * trailing newline). Reproduced byte for byte for ASCII content, Python's default
 * `ensure_ascii` included, so a package built here and one built by `cfn submit --dry-run`
 * carry the same file.
 */
import { ProjectFileError } from './errors';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function configurationSchema(hookSchema: Record<string, unknown>): Record<string, unknown> {
  const typeConfiguration = hookSchema.typeConfiguration;
  if (typeConfiguration === null || typeof typeConfiguration !== 'object' || Array.isArray(typeConfiguration)) {
    throw new ProjectFileError('schema.json has no typeConfiguration object: a hook without a type configuration cannot be configured');
  }
  if (typeof hookSchema.typeName !== 'string') throw new ProjectFileError('schema.json has no typeName');
  // Spreading keeps the position of a key that already exists, exactly as Python's dict assignment does.
  return { ...(typeConfiguration as Record<string, Json>), definitions: (hookSchema.definitions as Json) ?? {}, typeName: hookSchema.typeName };
}

/** Python's `json.dumps(value, indent=4)`: 4-space indent, `": "`, non-ASCII as lowercase \u escapes. */
export function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function configurationSchemaJson(hookSchema: Record<string, unknown>): string {
  return pythonJsonDumps(configurationSchema(hookSchema));
}
