import { readFileSync } from 'node:fs';
import { CfnTemplateError, parseStackTemplate, type StackTemplate } from '../cfn';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { formatReport } from './format';
import { TemplateStoreUnavailableError, validateStack } from './validate/check';
import { VALIDATE_USAGE } from './validate/help';
import { readValidateOptions, type ValidateOptions } from './validate/options';
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
} as const;

/** Reads and parses the stack template; every failure is an input error (exit 2) with file:line. */
function readStack(options: ValidateOptions): StackTemplate {
  let text: string;
  try {
    text = readFileSync(options.stackFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError(`validate: cannot read ${options.displayFile}: ${reason}`);
  }
  try {
    return parseStackTemplate(text, options.displayFile);
  } catch (error) {
    if (error instanceof CfnTemplateError) throw new UsageError(`validate: ${error.message}`);
    throw error;
  }
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, FLAGS);
  if (values.help) {
    io.stdout(VALIDATE_USAGE);
    return ExitCode.Ok;
  }
  const options = readValidateOptions(values, positionals, io.cwd, io.env);
  const template = readStack(options);
  const { provider, close } = templateProvider(options.source, io.env);
  try {
    const report = await validateStack(template, options, provider, io.cwd);
    for (const note of report.notes) if (options.format !== 'text') io.stderr(`rcfge validate: note: ${note}`);
    io.stdout(formatReport(report, options.format, io.isTTY && !io.env.NO_COLOR));
    return report.compliant ? ExitCode.Ok : ExitCode.Findings;
  } catch (error) {
    if (error instanceof TemplateStoreUnavailableError) {
      throw new UsageError(`validate: ${error.message}. Nothing was judged; check the bucket name, prefix, region, credentials and network (AWS_ENDPOINT_URL_S3 for a local server).`);
    }
    throw error;
  } finally {
    close();
  }
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a stack template with the Hook engine (text, json, sarif)',
  usage: VALIDATE_USAGE,
  run,
};
