import { CfnTemplateError } from '../cfn';
import { EngineCaches } from '../engine/enforcer';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { applyConfig, blameConfig, originText } from './config/apply';
import { chooseTemplateSource } from './config/template-source';
import { formatRun } from './format';
import { type FileOutcome, exitCodeOf, type ValidateRun } from './format/validate-run';
import { expandInputs } from './inputs/expand';
import { progress } from './runs/progress';
import { STACK_EXTENSIONS, validateFile } from './runs/validate-files';
import { TemplateStoreUnavailableError } from './validate/check';
import { VALIDATE_USAGE } from './validate/help';
import { DEFAULTS, FORMATS, type OutputFormat, readValidateOptions, type ValidateOptions } from './validate/options';
import { templateProvider } from './validate/provider';

const FLAGS = {
  templates: { type: 'string' },
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  'bucket-region': { type: 'string' },
  account: { type: 'string' },
  region: { type: 'string' },
  partition: { type: 'string' },
  'stack-name': { type: 'string' },
  param: { type: 'string', multiple: true },
  'params-file': { type: 'string' },
  'parameter-overrides': { type: 'string', multiple: true },
  operation: { type: 'string' },
  format: { type: 'string' },
  'missing-template': { type: 'string' },
  'skip-non-templates': { type: 'boolean' },
} as const;

export const VALIDATE_FLAGS = Object.keys(FLAGS);

const OVERRIDE_PAIR = /^[A-Za-z0-9]+=/;

/**
 * `--parameter-overrides A=1 B=2`, as \`aws cloudformation deploy\` takes it: every NAME=VALUE
 * that follows belongs to the flag (parameter names are alphanumeric, so no stack file is taken).
 */
export function spreadOverrides(args: readonly string[]): string[] {
  const out: string[] = [];
  let taking = false;
  for (const [i, arg] of args.entries()) {
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (taking && OVERRIDE_PAIR.test(arg)) {
      out.push('--parameter-overrides', arg);
      continue;
    }
    taking = arg.startsWith('--parameter-overrides=') || (args[i - 1] === '--parameter-overrides' && OVERRIDE_PAIR.test(arg));
    out.push(arg);
  }
  return out;
}

/** The format asked for, known before anything else can fail, so that a broken input still gives a document of that format. */
function formatOf(value: string | undefined): OutputFormat | undefined {
  const lower = (value ?? DEFAULTS.format).toLowerCase();
  return (FORMATS as readonly string[]).includes(lower) ? (lower as OutputFormat) : undefined;
}

/** In a run of several stacks each takes the overrides it declares; a name none of them declares is a typo. */
function undeclaredOverrides(names: readonly string[], declared: ReadonlySet<string>, outcomes: readonly FileOutcome[]): string | undefined {
  const unknown = names.filter((name) => !declared.has(name));
  if (unknown.length === 0 || !outcomes.some((o) => o.kind === 'report')) return undefined;
  const known = declared.size ? `they declare ${[...declared].sort().join(', ')}` : 'they declare none';
  const what = unknown.length === 1 ? `a parameter ${unknown[0]}` : `parameters ${unknown.join(', ')}`;
  return `--parameter-overrides ${unknown.join(', ')}: no stack template of this run declares ${what} (${known})`;
}

/** One line per file that could not be checked, on stderr whatever the format: CI logs show it next to the exit code. */
function reportErrors(outcomes: readonly FileOutcome[], io: CliIO): void {
  for (const o of outcomes) if (o.kind === 'error') io.stderr(`rcfge validate: ${o.message}`);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs('validate', spreadOverrides(args), FLAGS);
  if (parsed.values.help) {
    io.stdout(VALIDATE_USAGE);
    return ExitCode.Ok;
  }
  const configured = applyConfig('validate', parsed.values, FLAGS, io);
  const { origin } = configured;
  const values = chooseTemplateSource(configured.values, origin);
  const inputs = parsed.positionals;
  if (inputs.length === 0) throw new UsageError('validate: expected at least one stack template, folder or glob (rcfge validate <stack-template.yaml>... [options]; --help for more)');
  const format = formatOf(values.format);
  const contextOf = (account: string | undefined, region: string | undefined, stackName: string | undefined) => ({
    account: { value: account, from: originText(origin('account')) },
    region: { value: region, from: originText(origin('region')) },
    stackName: { value: stackName, from: originText(origin('stack-name')) },
  });
  let base: ValidateOptions;
  try {
    base = readValidateOptions(values, [inputs[0]], io.cwd, io.env);
  } catch (caught) {
    const error = blameConfig(caught, origin);
    // A machine reader (code scanning, a test report) still gets a document that says why.
    if (!(error instanceof UsageError) || format === undefined || format === 'text') throw error;
    const message = error.message.replace(/^validate: /, '');
    const failed: ValidateRun = { outcomes: [], operation: 'CREATE', context: contextOf(values.account, values.region, values['stack-name']), fatal: message };
    io.stderr(`rcfge validate: ${message}`);
    io.stdout(formatRun(failed, format, { colour: false, cwd: io.cwd }));
    return ExitCode.Usage;
  }
  // Without a stack name, AWS::StackName is never judged (values unknown before deployment).
  const context = contextOf(base.accountId, base.region, base.stackName);
  const { files, problems } = expandInputs(inputs, io.cwd, { extensions: STACK_EXTENSIONS });
  const outcomes: FileOutcome[] = problems.map((p) => ({ kind: 'error', file: p.input, message: p.message }));
  const { provider, close } = templateProvider(base.source, io.env);
  const declaredParameters = new Set<string>();
  const skipNonTemplates = values['skip-non-templates'] === true;
  const stackRun = { base: { ...base, undeclaredOverrides: files.length > 1 ? ('ignore' as const) : ('refuse' as const) }, provider, caches: new EngineCaches(), cwd: io.cwd, declaredParameters, skipNonTemplates };
  const shown = progress(io, files.length);
  let fatal: string | undefined;
  try {
    for (const [index, input] of files.entries()) {
      shown.step(index, input.display);
      outcomes.push(await validateFile(stackRun, input));
    }
  } catch (error) {
    if (error instanceof TemplateStoreUnavailableError) {
      fatal = `${error.message}. Nothing was judged; check the bucket name, prefix, region, credentials and network (AWS_ENDPOINT_URL_S3 for a local server).`;
    } else if (error instanceof CfnTemplateError) {
      fatal = error.message;
    } else throw error;
  } finally {
    shown.done();
    close();
  }
  if (!fatal && files.length > 1) fatal = undeclaredOverrides(Object.keys(base.parameterOverrides), declaredParameters, outcomes);
  if (!fatal && !skipNonTemplates && outcomes.every((o) => o.kind === 'skipped')) {
    fatal = `no CloudFormation templates in ${inputs.join(', ')} (files ending ${STACK_EXTENSIONS.join(', ')} with a Resources section)`;
  }
  const result: ValidateRun = { outcomes, operation: base.operation, context, ...(fatal ? { fatal } : {}) };
  reportErrors(outcomes, io);
  if (fatal) io.stderr(`rcfge validate: ${fatal}`);
  const several = outcomes.length > 1;
  for (const o of outcomes) if (o.kind === 'skipped') io.stderr(`rcfge validate: note: skipped ${o.file}: ${o.reason}`);
  if (format !== 'text') for (const o of outcomes) if (o.kind === 'report') for (const note of o.report.notes) io.stderr(`rcfge validate: note: ${several ? `${o.file}: ` : ''}${note}`);
  const nothingToShow = format === 'text' && outcomes.every((o) => o.kind !== 'report');
  if (!nothingToShow) io.stdout(formatRun(result, format ?? 'text', { colour: io.isTTY && !io.env.NO_COLOR, cwd: io.cwd }));
  return exitCodeOf(result);
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check stack templates with the Hook engine (text, json, sarif, junit, github)',
  usage: VALIDATE_USAGE,
  run,
};
