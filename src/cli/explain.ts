import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { explainTemplate } from '../authoring/explain/explain';
import { explainText } from '../authoring/explain/format';
import { checkCompiles } from '../authoring/lint/compile';
import { parseTemplate } from '../authoring/lint/lint-template';
import { SchemaCompiler } from '../engine/compiler';
import { isTypeName, templateFileName } from '../engine/file-name';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { stackTemplateMisuse } from './inputs/stack-template';

const usage = `Usage: rcfge explain <TypeName | template.json> [--templates DIR] [--format text|json]

Says what a restricted template approves, in words: the approved properties (with
their types and constraints, and which are required), each rule with its id and title
(x-rcfge), the placeholders it uses, its delete policy and its declared-open paths.
Everything it does not list is refused as "not approved".

  rcfge explain AWS::S3::Bucket                 templates/aws-s3-bucket.json
  rcfge explain my-templates/aws-sqs-queue.json
  rcfge explain AWS::S3::Bucket --format json

Exit 0 when explained; 2 when there is no such template or it is invalid (the Hook
would refuse every resource of the type: run rcfge lint).

Options:
  --templates DIR   where to find the template of a TypeName (default: templates)
  --format F        text (default) or json
  -h, --help        show this help`;

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The template file a TypeName or a path names, as shown to the user and as read. */
async function locate(target: string, templatesDir: string, io: CliIO): Promise<{ shown: string; path: string }> {
  const direct = resolve(io.cwd, target);
  if (target.endsWith('.json') || (await isFile(direct))) {
    if (!(await isFile(direct))) throw new UsageError(`explain: no such file ${target}`);
    return { shown: target, path: direct };
  }
  if (!isTypeName(target)) throw new UsageError(`explain: ${JSON.stringify(target)} is neither a resource type (AWS::Service::Resource) nor a template file (.json)`);
  // Else the user would read "not approved" for every type, which hides the real mistake.
  if (await isFile(resolve(io.cwd, templatesDir))) throw new UsageError(`explain: --templates ${templatesDir} is a file: give the folder that holds the templates (${dirname(templatesDir)})`);
  const shown = join(templatesDir, templateFileName(target));
  const path = resolve(io.cwd, shown);
  if (!(await isFile(path))) {
    throw new UsageError(`explain: no template for ${target} at ${shown}: the Hook refuses this type ("not approved"). Start one with rcfge init ${target}, or give --templates DIR`);
  }
  const rel = relative(io.cwd, path);
  return { shown: rel && !rel.startsWith('..') ? rel : path, path };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('explain', args, { templates: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('explain: expected one TypeName or template file (rcfge explain AWS::S3::Bucket)');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`explain: --format must be text or json, not ${JSON.stringify(format)}`);
  const { shown, path } = await locate(positionals[0], values.templates ?? 'templates', io);
  const text = await readFile(path, 'utf8');
  const misuse = stackTemplateMisuse(shown, text);
  if (misuse) throw new UsageError(`explain: ${misuse}`);
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new UsageError(`explain: ${shown}: ${parsed.finding.message}`);
  // An invalid template makes the Hook refuse every resource of its type: explaining it as if it applied would mislead.
  const problems = checkCompiles({ file: shown, text, template: parsed.template, compiler: new SchemaCompiler(), keywordsReported: false });
  if (problems.length > 0) throw new UsageError(`explain: ${shown}: ${problems[0].message} (run rcfge lint)`);
  const explanation = explainTemplate(parsed.template, shown);
  io.stdout(format === 'json' ? JSON.stringify(explanation, null, 2) : explainText(explanation));
  return ExitCode.Ok;
}

export const explainCommand: Command = { name: 'explain', summary: 'say in words what a template approves (properties, rules, placeholders)', usage, run };
