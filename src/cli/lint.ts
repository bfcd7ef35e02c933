import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isError } from '../authoring/lint/finding';
import { formatJson } from '../authoring/lint/format-json';
import { formatSarif } from '../authoring/lint/format-sarif';
import { formatText } from '../authoring/lint/format-text';
import { type LintReport, lintDirectory } from '../authoring/lint/lint-directory';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { registryFor } from './registry-option';

const usage = `Usage: rcfge lint <templates-dir> [--schemas DIR] [--format text|json|sarif]

Checks every template (*.json except parameters*.json) of a folder before it is published:
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

Exit 0 when there is no error (warnings allowed), 1 on any error, 2 on usage errors.

Options:
  --schemas DIR   folder of registry schemas (aws-s3-bucket.json, ...) instead of the
                  snapshot in use (built in, or installed by rcfge schemas update)
  --format F      text (default), json or sarif
  -h, --help      show this help`;

const FORMATS: Record<string, (report: LintReport) => string> = { text: formatText, json: formatJson, sarif: formatSarif };

async function requireDirectory(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`lint: ${what} ${path} is not a directory`);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('lint', args, { schemas: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('lint: expected exactly one templates directory (rcfge lint <templates-dir>)');
  const format = values.format ?? 'text';
  const formatter = FORMATS[format];
  if (!formatter) throw new UsageError(`lint: --format must be text, json or sarif, not ${JSON.stringify(format)}`);
  const dir = resolve(io.cwd, positionals[0]);
  await requireDirectory(dir, 'templates directory');
  const registry = registryFor('lint', values.schemas, io);
  const report = await lintDirectory(dir, { registry, displayDir: positionals[0] });
  if (report.templates.length === 0) throw new UsageError(`lint: no templates (*.json) in ${positionals[0]}`);
  io.stdout(formatter(report));
  return report.findings.some(isError) ? ExitCode.Findings : ExitCode.Ok;
}

export const lintCommand: Command = { name: 'lint', summary: 'lint restricted templates (gating coverage, typos, unsafe regexes)', usage, run };
