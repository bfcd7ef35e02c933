import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isError } from '../authoring/lint/finding';
import { formatText } from '../authoring/lint/format-text';
import { formatPublish } from '../authoring/publish/format';
import { PublishError, publishTemplates } from '../authoring/publish/publish';
import { createS3Client } from '../store/s3-store';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { applyConfig, blamingConfig } from './config/apply';
import { expandInputs } from './inputs/expand';
import { registryFor } from './registry-option';
import { isTemplateFileName, lintFiles, paramsFileOf } from './runs/lint-files';

const usage = `Usage: rcfge publish <templates-dir> --bucket B [--prefix P] [--dry-run] [--delete] [--region R] [--schemas DIR] [--params-file FILE]

Lints the templates (as rcfge lint; shows warnings; refuses to publish on any error, exit 1), then uploads
to s3://B/<P><file> only the templates whose content changed. Each upload stores the
content's SHA-256 as object metadata (x-amz-meta-sha256) that the next publish compares;
objects without it are compared by ETag (the MD5 of a single-part upload).
Only templates are uploaded (*.json except parameters*.json). Objects under the prefix
that are not in the folder are listed, and deleted only with --delete.
Credentials: the AWS SDK default chain. Endpoint: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL
(path-style addressing then), for S3-compatible servers.

Options:
  --bucket B      template bucket (TemplateBucket of the Hook configuration)
  --prefix P      key prefix, like TemplatePrefix (e.g. "templates/"; a missing trailing / is added, with a note)
  --dry-run       show what would change; write nothing
  --delete        delete *.json objects under the prefix that are not in the folder
  --region R      bucket region (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1)
  --schemas DIR   lint against this folder of registry schemas instead of the snapshot in use
  --params-file FILE  also check every $<param:NAME> against these TemplateParameters
  -h, --help      show this help
Options may also come from .rcfge.yaml (see README).`;

export const PUBLISH_FLAGS = {
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  'dry-run': { type: 'boolean' },
  delete: { type: 'boolean' },
  region: { type: 'string' },
  schemas: { type: 'string' },
  'params-file': { type: 'string' },
} as const;

/** \`--prefix templates\` would upload templatesaws-s3-bucket.json, which no Hook configuration reads as meant. */
function withSlash(prefix: string, io: CliIO): string {
  if (prefix === '' || prefix.endsWith('/')) return prefix;
  io.stderr(`rcfge publish: note: --prefix ${prefix} has no trailing /: using ${prefix}/ (keys ${prefix}/aws-...json); set the Hook's TemplatePrefix to ${prefix}/ too`);
  return `${prefix}/`;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs('publish', args, PUBLISH_FLAGS);
  const { positionals } = parsed;
  const { values, origin } = applyConfig('publish', parsed.values, PUBLISH_FLAGS, io);
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('publish: expected exactly one templates directory (rcfge publish <templates-dir> --bucket B)');
  if (!values.bucket) throw new UsageError('publish: --bucket B is required');
  const dir = resolve(io.cwd, positionals[0]);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`publish: templates directory ${positionals[0]} is not a directory`);
  // Only what publish uploads: the folder's own files, not its subfolders.
  const files = expandInputs([dir], io.cwd, { extensions: ['.json'], accept: isTemplateFileName }).files.filter((f) => dirname(f.path) === dir);
  if (files.length === 0) throw new UsageError(`publish: no templates (*.json) in ${positionals[0]}`);
  const { params, registry } = blamingConfig(origin, () => ({ params: paramsFileOf('publish', values['params-file'], io), registry: registryFor('publish', values.schemas, io) }));
  const report = await lintFiles(files, registry, params, io);
  const errors = report.findings.filter(isError);
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0 || warnings.length > 0) io.stderr(formatText({ templates: report.templates, findings: [...errors, ...warnings] }));
  if (errors.length > 0) {
    io.stderr(`rcfge publish: refused: lint found ${errors.length} error(s); nothing was uploaded`);
    return ExitCode.Findings;
  }
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const client = createS3Client({ region, env: io.env });
  try {
    const actions = await publishTemplates(client, dir, { bucket: values.bucket, prefix: withSlash(values.prefix ?? '', io), dryRun: Boolean(values['dry-run']), delete: Boolean(values.delete) });
    io.stdout(formatPublish(actions, values.bucket, Boolean(values['dry-run'])));
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof PublishError) throw new UsageError(`publish: ${error.message}`);
    throw error;
  } finally {
    client.destroy();
  }
}

export const publishCommand: Command = { name: 'publish', summary: 'lint, then upload changed templates to S3', usage, run };
