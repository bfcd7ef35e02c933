import type { ValidateFunction } from 'ajv';
import { SchemaCompiler } from './compiler';
import { MAX_PROPERTY_DEPTH, nestingExceeds } from './depth';
import { PlaceholderUsageError, TemplateError, UnknownPlaceholderError } from './errors';
import { isTypeName, templateFileName } from './file-name';
import { engineFinding, type Finding, toFindings, underRule } from './findings';
import { validateJudgingJsonText } from './json-strings';
import { CatalogueError, IAM_CATALOGUE_FILE, type IamCatalogue, parseCatalogue } from './iam/catalogue';
import type { ValidationContext } from './keywords/policy-statement';
import { LruCache } from './lru';
import { violationMessage } from './message';
import { type PlaceholderContext, placeholderKey, substitutePlaceholders, unknownPlaceholders } from './placeholders';
import { defaultRule } from './rules/defaults';
import { ruleOf } from './rules/rule';
import { type PreparedTemplate, prepareTemplate } from './template';
import { containsJudgedAnyway } from './unresolved-contains';
import { type TemplateObject, type TemplateProvider, TemplateNotFoundError, TemplateStoreError } from './template-provider';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Target {
  readonly typeName: string;
  readonly logicalId: string;
  readonly operation: Operation;
  readonly properties: unknown;
  /** JSON Pointers of values unknown until deploy time (rcfge validate); never judged. */
  readonly unresolved?: readonly string[];
  /**
   * The caller hands the properties over (a Lambda event nobody else reads): ajv may coerce
   * them in place ("true" -> true) instead of a copy. Otherwise they are left as sent.
   */
  readonly owned?: boolean;
}

export type VerdictKind =
  | 'compliant'
  | 'noncompliant'
  | 'not-approved'
  | 'missing-allowed'
  | 'delete-allowed'
  | 'delete-unrestricted'
  | 'delete-denied'
  | 'template-error'
  | 'store-error'
  /** The template's checks use a value the caller does not know (`rcfge validate`: `$<stackName>`). */
  | 'not-judged';

export interface Verdict {
  readonly status: 'PASS' | 'FAIL';
  readonly kind: VerdictKind;
  /** Where the deciding template is (or was looked for). */
  readonly template: string;
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly message: string;
  /** The deciding template's `x-rcfge.remediation`, when it failed the resource. */
  readonly remediation?: string;
  /** For store errors: the hook error code that describes the failure. */
  readonly errorCode?: string;
  readonly cause?: unknown;
  /** Delete verdicts: the template's createOnlyProperties as pointers (a change to one replaces the resource). */
  readonly createOnly?: readonly string[];
}

export interface EnforcerOptions {
  readonly missingTemplateAction: 'FAIL' | 'ALLOW';
}

/** Parsed templates and compiled validators, shared by every request of a warm runtime. */
export class EngineCaches {
  readonly compiler = new SchemaCompiler();
  readonly prepared = new LruCache<string, PreparedTemplate>(256);
  readonly validators = new LruCache<string, ValidateFunction>(512);
  /** Parsed IAM catalogues by location and version (one in practice). */
  readonly catalogues = new LruCache<string, IamCatalogue>(4);
}

interface Decided {
  readonly template: PreparedTemplate;
  readonly validate: ValidateFunction;
}

/**
 * The one engine behind the Hook, `rcfge validate` and `rcfge invoke`: template ->
 * placeholders -> compiled schema -> findings -> verdict. It never throws: every
 * failure is a FAIL verdict whose message says what to fix.
 */
export class Enforcer {
  constructor(
    private readonly provider: TemplateProvider,
    private readonly options: EnforcerOptions,
    private readonly caches: EngineCaches = new EngineCaches(),
  ) {}

  async check(target: Target, ctx: PlaceholderContext): Promise<Verdict> {
    if (!isTypeName(target.typeName)) return invalidTypeName(target);
    const file = templateFileName(target.typeName);
    const location = this.provider.locationOf(file);
    let object: TemplateObject;
    try {
      object = await this.provider.get(file);
    } catch (error) {
      return this.unavailable(target, file, location, error);
    }
    let catalogue: TemplateObject | undefined;
    if (this.needsCatalogue(target, object)) {
      try {
        catalogue = await this.provider.get(IAM_CATALOGUE_FILE);
      } catch (error) {
        return this.catalogueUnavailable(target, object, error);
      }
    }
    return this.decide(target, ctx, file, object, catalogue);
  }

  /**
   * The verdict without waiting, when the provider holds a fresh template for the type:
   * the warm path of a Hook runtime, which then needs no promise or deadline timer.
   * Undefined when the template must be fetched (use `check`).
   */
  checkCached(target: Target, ctx: PlaceholderContext): Verdict | undefined {
    if (!isTypeName(target.typeName)) return invalidTypeName(target);
    const file = templateFileName(target.typeName);
    const object = this.provider.peek?.(file);
    if (!object) return undefined;
    const catalogue = this.needsCatalogue(target, object) ? this.provider.peek?.(IAM_CATALOGUE_FILE) : undefined;
    if (this.needsCatalogue(target, object) && !catalogue) return undefined;
    return this.decide(target, ctx, file, object, catalogue);
  }

  /** Only templates that judge policy statements need the IAM catalogue, and never for a delete. */
  private needsCatalogue(target: Target, object: TemplateObject): boolean {
    if (target.operation === 'DELETE') return false;
    try {
      return this.prepare(object, target.typeName).usesIamCatalogue;
    } catch {
      return false; // decide() reports the template error
    }
  }

  private decide(target: Target, ctx: PlaceholderContext, file: string, object: TemplateObject, catalogue?: TemplateObject): Verdict {
    let context: ValidationContext = {};
    try {
      // A delete reads only the template's policy; properties are judged only with every value the checks use.
      const unknown = target.operation === 'DELETE' ? [] : unknownPlaceholders(this.prepare(object, target.typeName).judging, ctx);
      if (unknown.length > 0) return notJudged(target, this.prepare(object, target.typeName), unknown);
      const { template, validate } = this.instantiate(object, target.typeName, ctx);
      const remediation = remediationFor(template, ctx);
      if (target.operation === 'DELETE') return this.judgeDelete(target, template, remediation);
      if (catalogue) context = { iam: this.catalogue(catalogue) };
      return this.judge(target, template, validate, remediation, context);
    } catch (error) {
      if (error instanceof CatalogueError) return this.catalogueInvalid(target, object, error);
      return this.templateFailure(target, file, object.location, error);
    }
  }

  private prepare(object: TemplateObject, typeName: string): PreparedTemplate {
    const preparedKey = `${object.location}\u0000${object.etag}`;
    let template = this.caches.prepared.get(preparedKey);
    if (!template) {
      template = prepareTemplate(object, typeName);
      this.caches.prepared.set(preparedKey, template);
    } else if (template.typeName !== typeName) {
      template = prepareTemplate(object, typeName); // throws the mismatch
    }
    return template;
  }

  private catalogue(object: TemplateObject): IamCatalogue {
    const key = `${object.location}\u0000${object.etag}`;
    let catalogue = this.caches.catalogues.get(key);
    if (!catalogue) {
      catalogue = parseCatalogue(object.body, object.location);
      this.caches.catalogues.set(key, catalogue);
    }
    return catalogue;
  }

  private instantiate(object: TemplateObject, typeName: string, ctx: PlaceholderContext): Decided {
    const template = this.prepare(object, typeName);
    const key = `${object.location}\u0000${object.etag}\u0000${placeholderKeyOrThrow(template, ctx)}`;
    let validate = this.caches.validators.get(key);
    if (!validate) {
      const schema = substituteOrThrow(template, ctx);
      validate = this.caches.compiler.compile(schema, template.location);
      this.caches.validators.set(key, validate);
    }
    return { template, validate };
  }

  private judge(target: Target, template: PreparedTemplate, validate: ValidateFunction, remediation: string | undefined, context: ValidationContext): Verdict {
    const findings = findingsOf(target, template, validate, this.caches.compiler, context);
    if (findings.length === 0) {
      return { status: 'PASS', kind: 'compliant', template: template.location, file: template.file, findings, message: `${target.typeName} ${target.logicalId} complies with template ${template.location}` };
    }
    const message = violationMessage({ typeName: target.typeName, logicalId: target.logicalId, template: template.location, findings, remediation });
    return { status: 'FAIL', kind: 'noncompliant', template: template.location, file: template.file, findings, message, remediation };
  }

  private judgeDelete(target: Target, template: PreparedTemplate, remediation: string | undefined): Verdict {
    if (template.policy.delete === 'allow') {
      return { status: 'PASS', kind: 'delete-allowed', template: template.location, file: template.file, findings: [], message: `deleting ${target.typeName} ${target.logicalId} is allowed by template ${template.location}`, createOnly: template.createOnly };
    }
    const tail = remediation ? ` Remediation: ${remediation}` : '';
    const message = `${target.typeName} ${target.logicalId} may not be deleted: template ${template.location} sets "x-rcfge": {"delete": "deny"}. Ask the security team to approve the deletion (change the template) or keep the resource (DeletionPolicy: Retain).${tail}`;
    return { status: 'FAIL', kind: 'delete-denied', template: template.location, file: template.file, findings: [underRule({ path: '', keyword: 'x-rcfge', message: 'deletion denied by template' }, ruleOf(template.schema) ?? defaultRule('delete-denied'))], message, remediation, createOnly: template.createOnly };
  }

  private unavailable(target: Target, file: string, location: string, error: unknown): Verdict {
    if (error instanceof TemplateNotFoundError) {
      if (target.operation === 'DELETE' && (error.definitive || this.options.missingTemplateAction === 'ALLOW')) {
        return { status: 'PASS', kind: 'delete-unrestricted', template: location, file, findings: [], message: `deleting ${target.typeName} ${target.logicalId} is allowed: no template restricts it` };
      }
      if (target.operation === 'DELETE') {
        // AccessDenied may hide a template that denies deletion: do not guess.
        const message = `${target.typeName} ${target.logicalId}: cannot tell whether a template restricts deleting it: ${location} answered ${error.reason}. Grant the Hook role s3:ListBucket on the template prefix (a missing template then answers NoSuchKey), or publish ${file}.`;
        return { status: 'FAIL', kind: 'not-approved', template: location, file, findings: [engineFinding('template-not-approved', `template unreadable: ${error.reason}`, 'template')], message, cause: error };
      }
      if (this.options.missingTemplateAction === 'ALLOW') {
        return { status: 'PASS', kind: 'missing-allowed', template: location, file, findings: [], message: `${target.typeName} has no template at ${location}; allowed by MissingTemplateAction ALLOW` };
      }
      const message = `${target.typeName} ${target.logicalId}: resource type ${target.typeName} is not approved: no readable template at ${location} (${error.reason}). Ask the security team to publish ${file}, or remove the resource.`;
      return { status: 'FAIL', kind: 'not-approved', template: location, file, findings: [engineFinding('template-not-approved', `type not approved: no template ${file}`, 'template')], message, cause: error };
    }
    const reason = error instanceof TemplateStoreError ? error.reason : error instanceof Error ? error.message : String(error);
    const errorCode = error instanceof TemplateStoreError ? error.errorCode : 'InternalFailure';
    const message = `${target.typeName} ${target.logicalId}: could not read template ${location}: ${reason}. The Hook fails closed; retry, or check the template bucket, its policy and the Hook's network access.`;
    return { status: 'FAIL', kind: 'store-error', template: location, file, findings: [engineFinding('template-unavailable', reason, 'template')], message, errorCode, cause: error };
  }

  /** The template judges policies but the catalogue cannot be read: nothing can be judged, fail closed. */
  private catalogueUnavailable(target: Target, object: TemplateObject, error: unknown): Verdict {
    const location = this.provider.locationOf(IAM_CATALOGUE_FILE);
    const need = `template ${object.location} judges policy statements against the approved IAM catalogue`;
    if (error instanceof TemplateNotFoundError) {
      const message = `${target.typeName} ${target.logicalId}: ${need}, but there is no readable catalogue at ${location} (${error.reason}). The Hook fails closed; the security team publishes ${IAM_CATALOGUE_FILE} beside the templates (rcfge publish).`;
      return { status: 'FAIL', kind: 'template-error', template: object.location, file: object.file, findings: [engineFinding('template-invalid', `no IAM catalogue at ${location} (${error.reason})`, 'template')], message, cause: error };
    }
    const reason = error instanceof TemplateStoreError ? error.reason : error instanceof Error ? error.message : String(error);
    const errorCode = error instanceof TemplateStoreError ? error.errorCode : 'InternalFailure';
    const message = `${target.typeName} ${target.logicalId}: ${need}, but ${location} could not be read: ${reason}. The Hook fails closed; retry, or check the template bucket, its policy and the Hook's network access.`;
    return { status: 'FAIL', kind: 'store-error', template: location, file: IAM_CATALOGUE_FILE, findings: [engineFinding('template-unavailable', reason, 'template')], message, errorCode, cause: error };
  }

  private catalogueInvalid(target: Target, object: TemplateObject, error: CatalogueError): Verdict {
    const message = `${target.typeName} ${target.logicalId}: template ${object.location} judges policy statements, but the ${error.message}. The Hook fails closed; rebuild it (rcfge iam-catalogue update) and publish it again.`;
    return { status: 'FAIL', kind: 'template-error', template: object.location, file: object.file, findings: [engineFinding('template-invalid', error.message, 'template')], message, cause: error };
  }

  private templateFailure(target: Target, file: string, location: string, error: unknown): Verdict {
    const reason = error instanceof TemplateError ? error.reason : error instanceof Error ? error.message : String(error);
    const message = `${target.typeName} ${target.logicalId}: template ${location} is invalid: ${reason}. The Hook fails closed; fix the template (run rcfge lint) and publish it again.`;
    return { status: 'FAIL', kind: 'template-error', template: location, file, findings: [engineFinding('template-invalid', reason, 'template')], message, cause: error };
  }
}

/**
 * The caller cannot know a value the template's checks use: nothing is judged, and nothing
 * made up. FAIL, so that a caller that does not expect it fails closed; `rcfge validate`
 * reports it as not judged.
 */
function notJudged(target: Target, template: PreparedTemplate, unknown: readonly string[]): Verdict {
  const names = unknown.map((name) => `$<${name}>`).join(' and ');
  const reason = `template ${template.location} uses ${names}, whose value is known only when the stack is deployed`;
  const message = `${target.typeName} ${target.logicalId} is not judged: ${reason}`;
  return { status: 'FAIL', kind: 'not-judged', template: template.location, file: template.file, findings: [engineFinding('template-value-unknown', reason, 'template')], message };
}

/** A name that is not `Org::Service::Resource` never becomes a file name (`AWS::S3::../../x`). */
function invalidTypeName(target: Target): Verdict {
  const message = `${JSON.stringify(target.typeName)} is not a resource type name (Org::Service::Resource, letters and digits only): no template is looked up for it`;
  return { status: 'FAIL', kind: 'not-approved', template: '', file: '', findings: [engineFinding('template-not-approved', message, 'template')], message: `${target.logicalId}: ${message}` };
}

/**
 * The findings of one resource. Nesting is checked first, without recursion, on every path
 * alike, so the verdict never depends on the stack size.
 */
function findingsOf(target: Target, template: PreparedTemplate, validate: ValidateFunction, compiler: SchemaCompiler, context: ValidationContext): Finding[] {
  if (nestingExceeds(target.properties, MAX_PROPERTY_DEPTH)) {
    return [engineFinding('input', `the properties are nested deeper than ${MAX_PROPERTY_DEPTH} levels and cannot be judged`)];
  }
  try {
    // ajv coerces in place ("true" -> true); unless the caller handed the properties over,
    // it gets a JSON copy, which also keeps the data in this realm for ajv's equality checks.
    const data: unknown = target.owned && target.properties != null ? target.properties : JSON.parse(JSON.stringify(target.properties ?? {}));
    // Keywords read the context (the IAM catalogue) as `this` (ajv passContext).
    const valid = validateJudgingJsonText(validate, data, context);
    const unresolved = target.unresolved ?? [];
    const anyway = unresolved.length > 0 ? containsJudgedAnyway(validate, data, unresolved, (schema) => compiler.compile(schema, template.location), context) : undefined;
    const findings = toFindings(validate.errors, template.file, data, unresolved, validate.schema as object, anyway);
    if (!valid && findings.length === 0 && !target.unresolved?.length) {
      // Nothing may turn an ajv failure into a pass: a filter that dropped every error is a bug.
      return [engineFinding('schema', `the properties do not match template ${template.file}`)];
    }
    return findings;
  } catch (error) {
    // The properties, not the template, could not be judged.
    return [engineFinding('input', `the properties could not be judged (${(error as Error).message})`)];
  }
}

/** The remediation text with its placeholders filled (it may name the account or region). */
function remediationFor(template: PreparedTemplate, ctx: PlaceholderContext): string | undefined {
  const text = template.policy.remediation;
  if (text === undefined || !text.includes('$<')) return text;
  try {
    return substitutePlaceholders(text, ctx) as string;
  } catch {
    return text;
  }
}

function placeholderKeyOrThrow(template: PreparedTemplate, ctx: PlaceholderContext): string {
  try {
    return placeholderKey(template.placeholders, ctx);
  } catch (error) {
    throw asTemplateError(template, error);
  }
}

function substituteOrThrow(template: PreparedTemplate, ctx: PlaceholderContext): unknown {
  try {
    return substitutePlaceholders(template.schema, ctx);
  } catch (error) {
    throw asTemplateError(template, error);
  }
}

function asTemplateError(template: PreparedTemplate, error: unknown): unknown {
  if (error instanceof UnknownPlaceholderError || error instanceof PlaceholderUsageError) {
    return new TemplateError(template.location, error.message, { cause: error });
  }
  return error;
}
