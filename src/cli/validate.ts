import { CfnTemplateError } from '../cfn';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { formatReport } from './format';
import { TemplateStoreUnavailableError, validateStack } from './validate/check';
import { VALIDATE_USAGE } from './validate/help';
import { readValidateOptions } from './validate/options';
import { templateProvider } from './validate/provider';
import { readStack } from './validate/stack';

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
    // A function whose inputs are known but whose result does not exist (FindInMap, Select).
    if (error instanceof CfnTemplateError) throw new UsageError(`validate: ${error.message}`);
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
