import type { SchemaCompiler } from '../../engine/compiler';
import { TemplateError } from '../../engine/errors';
import { isRecord } from '../../engine/schema-walk';
import { keepOnly } from './allow';
import { closeEverything } from './close';
import { dropCombinatorsNaming } from './combinators';
import { approveObjectFormOnly } from './object-form';
import { DerivationError } from './errors';
import { pruneDefinitions } from './prune';
import { removeReadOnly } from './read-only';
import { keepCreateOnlyOfApproved, stripRegistrySections } from './registry-sections';
import type { Repair } from './repair';
import { repairRefCycles } from './repair-cycles';
import { repairPatterns } from './repair-patterns';

export interface DeriveOptions {
  /** Top-level properties to keep (`--allow`); all of them when absent. */
  readonly allow?: readonly string[];
  /** Checks the result compiles; share one across many derivations. */
  readonly compiler?: SchemaCompiler;
}

export interface Derived {
  readonly template: Record<string, unknown>;
  /** Registry warts that were changed (each also noted in the template). */
  readonly repairs: readonly Repair[];
  /** Pointers of schemas declared open because the registry leaves them free-form. */
  readonly declaredOpen: readonly string[];
}

function remediation(typeName: string, allow: readonly string[] | undefined): string {
  const scope = allow ? `Only ${allow.join(', ')} ${allow.length === 1 ? 'is' : 'are'} approved` : 'Every writable property of the registry schema is approved';
  return `${scope} for ${typeName}, and only in the shapes the registry defines. Remove other properties, or ask the security team to approve them in this template.`;
}

/** Puts the keys people read first at the top of the file. */
function ordered(template: Record<string, unknown>, typeName: string, allow?: readonly string[]): Record<string, unknown> {
  const { typeName: _t, description, type: _type, additionalProperties, required, properties, definitions, ...rest } = template;
  const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  return {
    typeName,
    ...optional('description', description),
    'x-rcfge': { remediation: remediation(typeName, allow) },
    type: 'object',
    ...optional('additionalProperties', additionalProperties),
    ...optional('required', required),
    ...optional('properties', properties),
    ...rest,
    ...optional('definitions', definitions),
  };
}

/**
 * A restricted template from an official registry schema: provider-only sections and
 * read-only properties removed, optionally only some top-level properties kept, every
 * object closed or declared open, and the warts the engine refuses repaired.
 */
export function deriveTemplate(registry: Record<string, unknown>, options: DeriveOptions = {}): Derived {
  const typeName = String(registry.typeName);
  const template = stripRegistrySections(registry);
  const removed = removeReadOnly(template, registry.readOnlyProperties);
  const dropped = options.allow ? keepOnly(template, options.allow) : [];
  const repairs: Repair[] = [...dropCombinatorsNaming(template, [...removed, ...dropped])];
  keepCreateOnlyOfApproved(template);
  pruneDefinitions(template);
  repairs.push(...repairPatterns(template), ...repairRefCycles(template));
  approveObjectFormOnly(template);
  const declaredOpen = closeEverything(template);
  const result = ordered(template, typeName, options.allow);
  if (options.compiler) {
    try {
      options.compiler.compile(result, templateName(typeName));
    } catch (error) {
      throw new DerivationError(typeName, error instanceof TemplateError ? error.reason : String(error), { cause: error });
    }
  }
  return { template: result, repairs, declaredOpen };
}

function templateName(typeName: string): string {
  return `${typeName} (derived)`;
}

export function isRegistrySchema(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.typeName === 'string';
}
