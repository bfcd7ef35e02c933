import { InvalidTypeConfigurationError } from './errors';

/** The Hook's type configuration (schema.json typeConfiguration), after defaults and coercion. */
export interface TypeConfiguration {
  readonly templateBucket: string;
  readonly templatePrefix: string;
  readonly templateBucketRegion?: string;
  readonly templateBucketOwner?: string;
  readonly cacheTtlSeconds: number;
  readonly maxStaleSeconds: number;
  readonly missingTemplateAction: 'FAIL' | 'ALLOW';
  readonly templateParameters: Readonly<Record<string, string | readonly string[]>>;
  /** Stacks whose names start with one of these are not judged (the Hook's own deployment). */
  readonly exemptStackNamePrefixes: readonly string[];
}

const PROPERTIES = [
  'TemplateBucket',
  'TemplatePrefix',
  'TemplateBucketRegion',
  'TemplateBucketOwner',
  'CacheTtlSeconds',
  'MaxStaleSeconds',
  'MissingTemplateAction',
  'TemplateParameters',
  'ExemptStackNamePrefixes',
] as const;
type Property = (typeof PROPERTIES)[number];

/** Keys CloudFormation puts in the hookModel of an AWS-managed Lambda Hook. */
const LAMBDA_HOOK_KEYS = new Set(['LambdaFunction']);

/** `TemplateBucketRegion` -> `RCFGE_TEMPLATE_BUCKET_REGION`: the Lambda Hook reads its configuration from the environment. */
export function envName(property: string): string {
  return `RCFGE_${property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function text(property: Property, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new InvalidTypeConfigurationError(property, `must be a string, not ${JSON.stringify(value)}`);
}

function integer(property: Property, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const raw = typeof value === 'number' ? String(value) : text(property, value).trim();
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN; // not Number(): it also reads "0x10" and "1e3"
  if (!Number.isInteger(n) || n < 0 || n > 86400) {
    throw new InvalidTypeConfigurationError(property, `must be a whole number of seconds between 0 and 86400, not ${JSON.stringify(value)}`);
  }
  return n;
}

function matching(property: Property, value: unknown, pattern: RegExp, what: string): string | undefined {
  if (value === undefined) return undefined;
  const s = text(property, value);
  if (!pattern.test(s)) throw new InvalidTypeConfigurationError(property, `must be ${what}, not ${JSON.stringify(s)}`);
  return s;
}

function templateParameters(value: unknown): Record<string, string | string[]> {
  if (value === undefined) return {};
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (cause) {
      throw new InvalidTypeConfigurationError('TemplateParameters', `is not valid JSON (${(cause as Error).message})`, { cause });
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidTypeConfigurationError('TemplateParameters', 'must be a JSON object whose values are strings or arrays of strings');
  }
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, v] of Object.entries(parsed)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new InvalidTypeConfigurationError('TemplateParameters', `has an invalid parameter name ${JSON.stringify(name)} (letters, digits, _ . - only)`);
    if (typeof v === 'string' || (Array.isArray(v) && v.every((item) => typeof item === 'string'))) out[name] = v;
    else throw new InvalidTypeConfigurationError('TemplateParameters', `value of ${name} must be a string or an array of strings`);
  }
  return out;
}

/** Stack names are letters, digits and hyphens, starting with a letter (CloudFormation rule). */
function stackNamePrefixes(value: unknown): string[] {
  if (value === undefined) return [];
  const prefixes = text('ExemptStackNamePrefixes', value)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = prefixes.find((p) => !/^[A-Za-z][A-Za-z0-9-]*$/.test(p));
  if (bad !== undefined) {
    throw new InvalidTypeConfigurationError('ExemptStackNamePrefixes', `has ${JSON.stringify(bad)}, which no stack name can start with (letters, digits and hyphens, starting with a letter)`);
  }
  return prefixes;
}

/** hookModel wins where a property is in both; the environment fills the rest (Lambda Hook). */
function merged(hookModel: Record<string, unknown>, env: NodeJS.ProcessEnv): Partial<Record<Property, unknown>> {
  const unknown = Object.keys(hookModel).filter((k) => !(PROPERTIES as readonly string[]).includes(k) && !LAMBDA_HOOK_KEYS.has(k));
  if (unknown.length > 0) {
    throw new InvalidTypeConfigurationError(unknown[0], `is not a known property; known: ${PROPERTIES.join(', ')}`);
  }
  const out: Partial<Record<Property, unknown>> = {};
  for (const property of PROPERTIES) {
    const fromModel = hookModel[property];
    const fromEnv = env[envName(property)];
    const value = fromModel !== undefined && fromModel !== null && fromModel !== '' ? fromModel : fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
    if (value !== undefined) out[property] = value;
  }
  return out;
}

/** Reads, coerces ("60" -> 60) and checks the configuration; names the property that is wrong. */
export function readTypeConfiguration(hookModel: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): TypeConfiguration {
  const m = merged(hookModel, env);
  if (m.TemplateBucket === undefined) {
    throw new InvalidTypeConfigurationError('TemplateBucket', `is required (set it in the Hook type configuration, or ${envName('TemplateBucket')} for a Lambda Hook)`);
  }
  const action = m.MissingTemplateAction === undefined ? 'FAIL' : text('MissingTemplateAction', m.MissingTemplateAction).toUpperCase();
  if (action !== 'FAIL' && action !== 'ALLOW') {
    throw new InvalidTypeConfigurationError('MissingTemplateAction', `must be FAIL or ALLOW, not ${JSON.stringify(m.MissingTemplateAction)}`);
  }
  const prefix = m.TemplatePrefix === undefined ? '' : text('TemplatePrefix', m.TemplatePrefix);
  if (prefix.length > 512) throw new InvalidTypeConfigurationError('TemplatePrefix', 'must be at most 512 characters');
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(prefix)) throw new InvalidTypeConfigurationError('TemplatePrefix', 'must be valid Unicode text (it holds a lone surrogate)');
  return {
    templateBucket: matching('TemplateBucket', m.TemplateBucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name') as string,
    templatePrefix: prefix,
    templateBucketRegion: matching('TemplateBucketRegion', m.TemplateBucketRegion, /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
    templateBucketOwner: matching('TemplateBucketOwner', m.TemplateBucketOwner, /^\d{12}$/, 'a 12-digit account ID'),
    cacheTtlSeconds: integer('CacheTtlSeconds', m.CacheTtlSeconds, 60),
    maxStaleSeconds: integer('MaxStaleSeconds', m.MaxStaleSeconds, 300),
    missingTemplateAction: action,
    templateParameters: templateParameters(m.TemplateParameters),
    exemptStackNamePrefixes: stackNamePrefixes(m.ExemptStackNamePrefixes),
  };
}
