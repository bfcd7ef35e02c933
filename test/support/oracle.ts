import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { coversArnsKeyword } from '../../src/engine/keywords/covers-arns';
import { type PlaceholderContext, substitutePlaceholders } from '../../src/engine/placeholders';
import { REGISTRY_KEYWORDS } from '../../src/engine/vocabulary';
import { templateFileName } from '../../src/engine/file-name';

/**
 * A differential oracle for the engine: plain ajv, constructed here with the engine's
 * documented options, on the same instantiated template. It shares the placeholder
 * substitution (under test elsewhere), the list of annotation keywords (data) and the
 * `coversArns` keyword the baseline bucket policy uses (tested on its own in
 * test/engine/glob-cover and test/templates), and nothing else: no Enforcer, no SchemaCompiler, no custom regex engine, no normalisation.
 */
export class AjvOracle {
  private readonly ajv = new Ajv({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    allowMatchingProperties: true,
    allErrors: true,
    coerceTypes: true,
    useDefaults: false,
    unicodeRegExp: false,
    addUsedSchema: false,
  });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly templatesDir: string) {
    addFormats(this.ajv);
    this.ajv.addVocabulary([...REGISTRY_KEYWORDS]);
    this.ajv.addKeyword(coversArnsKeyword);
  }

  private validator(typeName: string, ctx: PlaceholderContext): ValidateFunction {
    const key = JSON.stringify([typeName, ctx]);
    let validate = this.validators.get(key);
    if (!validate) {
      const template = JSON.parse(readFileSync(join(this.templatesDir, templateFileName(typeName)), 'utf8'));
      validate = this.ajv.compile(substitutePlaceholders(template, ctx) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Valid or not, on a copy coerced the way the engine coerces (ajv coerceTypes, in place). */
  valid(typeName: string, properties: unknown, ctx: PlaceholderContext): boolean {
    const data = structuredClone(properties ?? {});
    return this.validator(typeName, ctx)(data) === true;
  }
}
