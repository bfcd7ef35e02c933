import { TemplateError } from './errors';
import { usesIamCatalogue } from './iam/uses-catalogue';
import { findPlaceholders, isKnownPlaceholderName, judgingPlaceholders } from './placeholders';
import { MAX_TEMPLATE_BYTES, type TemplateObject } from './template-provider';
import { extensionProblem } from './rules/rule';
import { everySchema, isRecord } from './schema-walk';

export interface TemplatePolicy {
  readonly delete: 'allow' | 'deny';
  readonly remediation?: string;
}

/** A parsed template, checked for what does not depend on the request context. */
export interface PreparedTemplate {
  readonly file: string;
  readonly location: string;
  readonly etag: string;
  readonly typeName: string;
  readonly schema: Record<string, unknown>;
  readonly placeholders: readonly string[];
  /** Those of `placeholders` whose values can change a verdict (not only words in annotations). */
  readonly judging: readonly string[];
  readonly policy: TemplatePolicy;
  /**
   * Pointers into the properties (`/BucketName`) whose change makes CloudFormation replace
   * the resource, from the registry keyword `createOnlyProperties` (`/properties/BucketName`).
   * A replacement deletes the old resource, so `delete: deny` must see it.
   */
  readonly createOnly: readonly string[];
  /** The template judges policy statements: validating needs the IAM catalogue. */
  readonly usesIamCatalogue: boolean;
}

/**
 * Every `x-rcfge` must be well formed: a misspelt key (`titel`, `remediaton`) would
 * silently drop what the author wrote from every finding, like a misspelt keyword.
 */
function checkExtensions(schema: Record<string, unknown>, location: string): void {
  everySchema(schema, (node, pointer) => {
    if (!isRecord(node) || !('x-rcfge' in node)) return;
    const problem = extensionProblem(node['x-rcfge'], pointer === '');
    if (problem) throw new TemplateError(location, `"x-rcfge" at ${pointer || '/'} ${problem}`);
  });
}

function readPolicy(raw: unknown, location: string): TemplatePolicy {
  if (raw === undefined) return { delete: 'allow' };
  const record = raw as Record<string, unknown>;
  const del = record.delete ?? 'allow';
  if (del !== 'allow' && del !== 'deny') throw new TemplateError(location, `"x-rcfge".delete must be "allow" or "deny", not ${JSON.stringify(del)}`);
  return { delete: del, remediation: record.remediation as string | undefined };
}

function readCreateOnly(raw: unknown, location: string): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((p) => typeof p === 'string' && p.startsWith('/properties/'))) {
    throw new TemplateError(location, '"createOnlyProperties" must list pointers such as "/properties/BucketName"');
  }
  return raw.map((p: string) => p.slice('/properties'.length));
}

/**
 * Parses and checks a template once per version: size cap, JSON, an object schema,
 * `typeName` equal to the type it is used for, a valid `x-rcfge` policy, and only
 * placeholders that exist.
 */
export function prepareTemplate(object: TemplateObject, expectedTypeName?: string): PreparedTemplate {
  const { location } = object;
  const bytes = Buffer.byteLength(object.body, 'utf8');
  if (bytes > MAX_TEMPLATE_BYTES) throw new TemplateError(location, `it is ${bytes} bytes; the limit is ${MAX_TEMPLATE_BYTES}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(object.body);
  } catch (cause) {
    throw new TemplateError(location, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TemplateError(location, 'the template must be a JSON object (a JSON Schema for the resource properties)');
  }
  const schema = parsed as Record<string, unknown>;
  if (typeof schema.typeName !== 'string') throw new TemplateError(location, 'it has no "typeName"; templates name the resource type they restrict');
  if (expectedTypeName !== undefined && schema.typeName !== expectedTypeName) {
    throw new TemplateError(location, `its typeName is ${JSON.stringify(schema.typeName)} but it is used for ${expectedTypeName}`);
  }
  checkExtensions(schema, location);
  const placeholders = findPlaceholders(schema);
  const bad = placeholders.find((name) => !isKnownPlaceholderName(name));
  if (bad !== undefined) throw new TemplateError(location, `unknown placeholder $<${bad}>`);
  return {
    file: object.file,
    location,
    etag: object.etag,
    typeName: schema.typeName,
    schema,
    placeholders,
    judging: judgingPlaceholders(schema),
    policy: readPolicy(schema['x-rcfge'], location),
    createOnly: readCreateOnly(schema.createOnlyProperties, location),
    usesIamCatalogue: usesIamCatalogue(schema),
  };
}
