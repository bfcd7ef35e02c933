import { isError } from '../authoring/lint/finding';
import { formatJson } from '../authoring/lint/format-json';
import { formatText } from '../authoring/lint/format-text';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { applyConfig, blamingConfig } from './config/apply';
import { OUTPUT_FORMATS, type OutputFormat, toolInfo } from './format';
import { formatGithub } from './format/github';
import { formatJunit } from './format/junit';
import { lintCiRun, lintRuleTitle } from './format/lint-ci';
import { formatSarifLog } from './format/sarif-log';
import { expandInputs } from './inputs/expand';
import { registryFor } from './registry-option';
import { isTemplateFileName, type LintRun, lintFiles, paramsFileOf } from './runs/lint-files';

const usage = `Usage: rcfge lint <templates-dir | file | glob>... [--schemas DIR] [--params-file FILE] [--format F]

Checks restricted templates before they are published. Folders are searched recursively for
*.json (except parameters*.json and iam-actions.json); files and globs ("templates/aws-s3-*.json")
are taken as given. Rules:
  json, file-name    a JSON object whose typeName matches its file name (aws-s3-bucket.json)
  placeholder        only known placeholders ($<accountID>, $<region>, $<param:NAME>, ...)
  keyword, compile   compiles under the Hook's strict settings (misspelt keywords named)
  gating             every object schema is closed ("additionalProperties": false) or
                     declared open with "x-rcfge": {"open": "why"} (listed as info)
  pattern            no invalid regex, none the Hook refuses, no (a+)+-style backtracking
                     (nested quantifiers the Hook routes to its linear-time engine: warning)
  string-form        no string branch around a closed object (["object","string"])
  rule-missing       in a template that names rules (x-rcfge id), every constraint is
                     under one (warning); rule-id: one id, one title (warning)
Against the official registry schemas (the snapshot in use, see rcfge schemas; or --schemas DIR):
  registry-property  every property named exists in the registry schema at the same place
  read-only          warns on read-only registry properties left in a template
With --params-file FILE (the TemplateParameters the Hook will be configured with):
  param-undefined    every $<param:NAME> has a value in the file
  param-unused       warns on values no template uses (a misspelt name)
  compile            each template also compiles with the file's values (a list where the
                     template needs one value is refused by the Hook)

Every finding has a file and a line. Exit 0 when there is no error (warnings allowed), 1 on
any error, 2 on usage errors or files that cannot be read. Options may also come from
.rcfge.yaml (see README).

Options:
  --schemas DIR       folder of registry schemas (aws-s3-bucket.json, ...) instead of the
                      snapshot in use (built in, or installed by rcfge schemas update)
  --params-file FILE  TemplateParameters as a JSON object (e.g. templates/parameters.example.json)
  --format F          text (default), json, sarif, junit or github
  -h, --help          show this help`;

export const LINT_FLAGS = { schemas: { type: 'string' }, format: { type: 'string' }, 'params-file': { type: 'string' } } as const;

function formatted(run: LintRun, format: OutputFormat, cwd: string): string {
  const report = { templates: run.templates, findings: run.findings };
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarifLog(lintCiRun(run), toolInfo(), cwd);
    case 'junit':
      return formatJunit(lintCiRun(run));
    case 'github':
      return formatGithub(lintCiRun(run), lintRuleTitle);
    default:
      return formatText(report);
  }
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs('lint', args, LINT_FLAGS);
  if (parsed.values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  const { values, origin } = applyConfig('lint', parsed.values, LINT_FLAGS, io);
  if (parsed.positionals.length === 0) throw new UsageError('lint: expected at least one templates folder, file or glob (rcfge lint <templates-dir>)');
  const format = (values.format ?? 'text').toLowerCase() as OutputFormat;
  const { registry, params } = blamingConfig(origin, () => {
    if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`lint: --format must be one of ${OUTPUT_FORMATS.join(', ')}, not ${JSON.stringify(values.format)}`);
    return { registry: registryFor('lint', values.schemas, io), params: paramsFileOf('lint', values['params-file'], io) };
  });
  const { files, problems } = expandInputs(parsed.positionals, io.cwd, { extensions: ['.json'], accept: isTemplateFileName });
  if (files.length === 0) {
    throw new UsageError(`lint: ${problems.map((p) => p.message.replace(/files in folder/, 'templates in')).join('; ') || 'no templates (*.json) given'}`);
  }
  const result = await lintFiles(files, registry, params, io);
  const errors = [...problems.map((p) => ({ file: p.input, message: p.message })), ...result.errors];
  const run: LintRun = { ...result, errors };
  for (const e of errors) io.stderr(`rcfge lint: ${e.message}`);
  io.stdout(formatted(run, format, io.cwd));
  if (errors.length > 0) return ExitCode.Usage;
  return run.findings.some(isError) ? ExitCode.Findings : ExitCode.Ok;
}

export const lintCommand: Command = { name: 'lint', summary: 'lint restricted templates (gating coverage, typos, unsafe regexes)', usage, run };
