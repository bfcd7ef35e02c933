import Ajv, { type ValidateFunction } from 'ajv';
import { PatternError, TemplateError } from './errors';
import { registerFormats, registerReferenceFormats } from './formats';
import { cfnTypeKeyword } from './keywords/cfn-type';
import { coversArnsKeyword } from './keywords/covers-arns';
import { markJsonObjectUnions } from './json-strings';
import { ENGINE_KEYWORDS } from './keywords';
import { uniqueItemsKeyword } from './keywords/unique-items';
import { CONTAINS_KEYWORD, normalizeSchema } from './normalize';
import { findRefCycle, findRemoteRef } from './ref-checks';
import { ajvRegExpEngine } from './regex-engine';
import { REFUSED_KEYWORDS, REGISTRY_KEYWORDS } from './vocabulary';

/**
 * ajv keeps every compiled schema and pattern in its own caches; starting a fresh
 * instance now and then keeps a long-lived runtime's memory flat.
 */
const RENEW_AJV_AFTER = 500;

export function createAjv(): Ajv {
  const ajv = new Ajv({
    // strictSchema (unknown keywords and formats are errors) is what catches a misspelt gate.
    // Registry schemas routinely list `required` names outside `properties`, omit `type`
    // beside `properties` and use union types, so those three checks cannot be errors here.
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    // Registry schemas pair `properties` with a catch-all `patternProperties`; harmless, not a typo.
    allowMatchingProperties: true,
    allErrors: true,
    // Errors carry the subschema that failed (`parentSchema`), so a finding is filed under the nearest x-rcfge rule.
    verbose: true,
    // CloudFormation's reading of values ("True" is a boolean, 1 and null are not) is the
    // engine's own `type` keyword (keywords/cfn-type.ts); ajv's coercion reads differently.
    coerceTypes: false,
    useDefaults: false,
    unicodeRegExp: false,
    addUsedSchema: false,
    code: { regExp: ajvRegExpEngine },
    // Keywords get the validation context (the IAM catalogue): validate.call(context, data).
    passContext: true,
  });
  registerFormats(ajv);
  ajv.addVocabulary([...REGISTRY_KEYWORDS]);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(uniqueItemsKeyword);
  ajv.addKeyword(coversArnsKeyword);
  for (const keyword of ENGINE_KEYWORDS.values()) ajv.addKeyword(keyword.definition);
  ajv.addKeyword(cfnTypeKeyword);
  ajv.addKeyword({ keyword: CONTAINS_KEYWORD, type: 'array', macro: (schema: unknown) => ({ not: { items: { not: schema } } }) });
  // cfn-lint's schema copies use the 2020-12 tuple keyword; draft-07 spells it `items: [...]`.
  ajv.addKeyword({ keyword: 'prefixItems', type: 'array', macro: (schemas: unknown) => ({ items: schemas }) });
  return ajv;
}

function describeCompileError(error: unknown): string {
  if (error instanceof PatternError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) return `schema is too deeply nested or self-referential (${message})`;
  const unknown = /^strict mode: unknown keyword: "([^"]*)"/.exec(message);
  const refused = unknown ? REFUSED_KEYWORDS.get(unknown[1]) : undefined;
  if (refused) return `keyword "${unknown?.[1]}" is not enforced by the engine: ${refused}`;
  if (unknown) return `${message} (a misspelt keyword would silently disable a check)`;
  return message;
}

/** Refusals that ajv would not make on its own but the Hook must. */
function preflight(schema: Record<string, unknown>, location: string): void {
  const remote = findRemoteRef(schema);
  if (remote) {
    throw new TemplateError(location, `$ref ${JSON.stringify(remote.ref)} at ${remote.pointer || '/'} points outside the template; remote references are never fetched`);
  }
  const cycle = findRefCycle(schema);
  if (cycle) {
    throw new TemplateError(location, `$ref cycle without progress (${cycle.map((p) => p || '/').join(' -> ')}) would recurse forever`);
  }
}

export class SchemaCompiler {
  private ajv = createAjv();
  private compiled = 0;

  /** Compiles an instantiated template; every failure becomes a TemplateError naming the location. */
  compile(schema: unknown, location: string): ValidateFunction {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      throw new TemplateError(location, 'the template must be a JSON object (a JSON Schema)');
    }
    // The registry's meta-schema URL and any $id are identification, not validation; ajv would try to resolve them.
    const { $schema: _metaSchema, $id: _id, ...raw } = schema as Record<string, unknown>;
    const body = normalizeSchema(raw) as Record<string, unknown>;
    markJsonObjectUnions(body);
    preflight(body, location);
    if (++this.compiled > RENEW_AJV_AFTER) {
      this.ajv = createAjv();
      this.compiled = 1;
    }
    try {
      registerReferenceFormats(this.ajv, body);
      return this.ajv.compile(body);
    } catch (error) {
      throw new TemplateError(location, describeCompileError(error), { cause: error });
    }
  }
}
