import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Operation } from '../../engine/enforcer';
import { partitionOfRegion } from '../../hook/context';
import { keyValues } from '../args';
import { UsageError } from '../command';
import { type TemplateParameters, templateParameters } from './params';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const DEFAULTS = {
  templates: 'templates',
  account: '123456789012',
  region: 'us-east-1',
  operation: 'create',
  format: 'text',
  missingTemplate: 'fail',
} as const;

/** `--templates @registry`: the official registry schemas (the snapshot in use) as templates. */
export const REGISTRY_TEMPLATES = '@registry';

export type TemplateSource =
  | { readonly kind: 'registry' }
  | { readonly kind: 'directory'; readonly directory: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string; readonly region: string };

export interface ValidateOptions {
  /** Absolute path of the stack template. */
  readonly stackFile: string;
  /** The same path as the user sees it (relative to the working directory): used in output and SARIF. */
  readonly displayFile: string;
  readonly source: TemplateSource;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /**
   * `--stack-name`: `AWS::StackName` and `$<stackName>`. Without it the name is unknown, as
   * before deployment: values using it are not checked and templates using it judge nothing.
   * (The stack ID is never known before deployment: it holds a UUID made at creation.)
   */
  readonly stackName: string | undefined;
  readonly params: TemplateParameters;
  readonly parameterOverrides: Record<string, string>;
  /**
   * An override the stack does not declare: refused (one stack: a typo), or ignored in a run
   * of several stacks, where each takes the names it declares (as aws cloudformation deploy).
   */
  readonly undeclaredOverrides?: 'refuse' | 'ignore';
  readonly operation: Operation;
  readonly format: OutputFormat;
  readonly missingTemplateAction: 'FAIL' | 'ALLOW';
}

/** The flags as node:util parseArgs returns them. */
export interface ValidateFlags {
  templates?: string;
  bucket?: string;
  prefix?: string;
  'bucket-region'?: string;
  account?: string;
  region?: string;
  partition?: string;
  'stack-name'?: string;
  param?: string[];
  'params-file'?: string;
  'parameter-overrides'?: string[];
  operation?: string;
  format?: string;
  'missing-template'?: string;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  throw new UsageError(`validate: --${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}

function matching(flag: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new UsageError(`validate: --${flag} must be ${what}, not ${JSON.stringify(value)}`);
  return value;
}

/** Path relative to the working directory with forward slashes, as SARIF and editors expect. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === '' || rel.startsWith('..') ? path : rel).split('\\').join('/');
}

function templateSource(flags: ValidateFlags, cwd: string, env: NodeJS.ProcessEnv): TemplateSource {
  if (flags.bucket !== undefined) {
    if (flags.templates !== undefined) throw new UsageError('validate: use either --templates DIR or --bucket B [--prefix P], not both');
    const bucket = matching('bucket', flags.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');
    // The bucket's region, not the stack's: they differ when templates live in a central region.
    const region = flags['bucket-region'] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? flags.region ?? DEFAULTS.region;
    return { kind: 's3', bucket, prefix: flags.prefix ?? '', region };
  }
  if (flags.prefix !== undefined || flags['bucket-region'] !== undefined) throw new UsageError('validate: --prefix and --bucket-region need --bucket');
  if (flags.templates === REGISTRY_TEMPLATES) return { kind: 'registry' };
  const directory = resolve(cwd, flags.templates ?? DEFAULTS.templates);
  // Without this check every type would be reported "not approved", which hides the real mistake.
  if (existsSync(directory) && statSync(directory).isFile()) {
    throw new UsageError(`validate: --templates ${flags.templates} is a file: give the folder that holds the templates (${displayPath(dirname(directory), cwd) || '.'})`);
  }
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    if (flags.templates?.startsWith('@')) throw new UsageError(`validate: --templates ${flags.templates}: no such folder; the registry schemas are --templates ${REGISTRY_TEMPLATES}`);
    throw new UsageError(`validate: templates directory ${flags.templates ?? DEFAULTS.templates} not found (give --templates DIR, --templates @registry to check against the registry schemas, or --bucket B)`);
  }
  return { kind: 'directory', directory };
}

export function readValidateOptions(flags: ValidateFlags, positionals: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ValidateOptions {
  if (positionals.length !== 1) throw new UsageError('validate: expected exactly one stack template (rcfge validate <stack-template.yaml> [options]; --help for more)');
  const stackFile = resolve(cwd, positionals[0]);
  const region = matching('region', flags.region ?? DEFAULTS.region, /^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as eu-west-1');
  const accountId = matching('account', flags.account ?? DEFAULTS.account, /^\d{12}$/, 'a 12-digit account ID');
  const partition = matching('partition', flags.partition ?? partitionOfRegion(region), /^aws(-[a-z]+)*$/, 'an AWS partition such as aws, aws-cn or aws-us-gov');
  const given = flags['stack-name'];
  const stackName = given === undefined ? undefined : matching('stack-name', given, /^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'a stack name (letters, digits, hyphens; starting with a letter)');
  const operation = oneOf('operation', flags.operation ?? DEFAULTS.operation, ['create', 'update', 'delete'] as const);
  return {
    stackFile,
    displayFile: displayPath(stackFile, cwd),
    source: templateSource(flags, cwd, env),
    accountId,
    region,
    partition,
    stackName,
    params: templateParameters(flags['params-file'], flags.param, cwd),
    parameterOverrides: keyValues('validate: --parameter-overrides', flags['parameter-overrides']),
    operation: operation.toUpperCase() as Operation,
    format: oneOf('format', flags.format ?? DEFAULTS.format, FORMATS),
    missingTemplateAction: oneOf('missing-template', flags['missing-template'] ?? DEFAULTS.missingTemplate, ['fail', 'allow'] as const).toUpperCase() as 'FAIL' | 'ALLOW',
  };
}
