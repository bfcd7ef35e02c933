import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseCatalogue } from '../../src/engine/iam/catalogue';
import { coversArnsKeyword } from '../../src/engine/keywords/covers-arns';
import { enumCaseInsensitive } from '../../src/engine/keywords/enum-case-insensitive';
import { maxPolicyLength } from '../../src/engine/keywords/max-policy-length';
import { policyStatement } from '../../src/engine/keywords/policy-statement';
import { type PlaceholderContext, substitutePlaceholders } from '../../src/engine/placeholders';
import { REGISTRY_KEYWORDS } from '../../src/engine/vocabulary';
import { templateFileName } from '../../src/engine/file-name';
import { javaWayRegExp } from './java-pattern';

/**
 * A differential oracle for the engine: plain ajv, constructed here with the engine's
 * documented options, on the same instantiated template. It shares the placeholder
 * substitution (under test elsewhere), the list of annotation keywords (data) and the
 * `coversArns` keyword the baseline bucket policy uses (tested on its own in
 * test/engine/glob-cover and test/templates), the policy keywords with the folder's IAM
 * catalogue (tested on their own in test/engine/iam and test/templates), `enumCaseInsensitive`
 * (the role's trust actions; tested in test/rules/keywords.test.ts), and nothing else:
 * no Enforcer, no SchemaCompiler, no engine regex code, no normalisation. Patterns are
 * java.util.regex (what CloudFormation and the engine mean by them), so the oracle reads them
 * through its own small Java translator (test/support/java-pattern.ts, checked against real
 * Java verdicts): with plain JS regexes it judged `\s`, `.` and `$` otherwise than Java and
 * failed the fuzz tests on values such as "\uFEFF" or "name\n".
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
    passContext: true,
    code: { regExp: javaWayRegExp },
  });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly templatesDir: string) {
    addFormats(this.ajv);
    this.ajv.addVocabulary([...REGISTRY_KEYWORDS]);
    this.ajv.addKeyword(coversArnsKeyword);
    this.ajv.addKeyword(policyStatement.definition);
    this.ajv.addKeyword(maxPolicyLength.definition);
    this.ajv.addKeyword(enumCaseInsensitive.definition);
  }

  private catalogue?: ReturnType<typeof parseCatalogue>;

  private context(): { iam: ReturnType<typeof parseCatalogue> } {
    const file = join(this.templatesDir, 'iam-actions.json');
    this.catalogue ??= parseCatalogue(readFileSync(file, 'utf8'), file);
    return { iam: this.catalogue };
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
    return this.validator(typeName, ctx).call(this.context(), data) === true;
  }
}

/** JSON's number syntax with leading zeros: what CloudFormation (and the engine) read as a number. */
const CLOUDFORMATION_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The oracle's coercion is ajv's (coerceTypes), which reads some scalars otherwise than
 * CloudFormation, whose reading the engine implements (test/engine/values.test.ts): ajv
 * makes booleans of 0, 1 and null, numbers of booleans, null, " 5", "0x10" and "1e400",
 * and does not read "True"/"TRUE"/"False"/"FALSE" as booleans. This maps a value to one
 * both read alike, so the differential tests compare everything else: scalars become the
 * strings CloudFormation sends (null as "null"), the four capitalised boolean spellings
 * become lower case, and a string ajv would read as a number but CloudFormation would not
 * gets a trailing "_".
 */
export function inAgreementDomain(value: unknown): unknown {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (['True', 'TRUE', 'False', 'FALSE'].includes(value)) return value.toLowerCase();
    const ajvReadsNumber = value !== '' && !Number.isNaN(Number(value));
    const cloudFormationReadsNumber = CLOUDFORMATION_NUMBER.test(value) && Number.isFinite(Number(value));
    return ajvReadsNumber && !cloudFormationReadsNumber ? `${value}_` : value;
  }
  if (Array.isArray(value)) return value.map(inAgreementDomain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key stays an own key, as JSON.parse made it.
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) Object.defineProperty(out, k, { value: inAgreementDomain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
