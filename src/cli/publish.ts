import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isError } from '../authoring/lint/finding';
import { formatText } from '../authoring/lint/format-text';
import { lintDirectory } from '../authoring/lint/lint-directory';
import { formatPublish } from '../authoring/publish/format';
import { PublishError, publishTemplates } from '../authoring/publish/publish';
import { createS3Client } from '../store/s3-store';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { registryFor } from './registry-option';

const usage = `Usage: rcfge publish <templates-dir> --bucket B [--prefix P] [--dry-run] [--delete] [--region R] [--schemas DIR]

Lints the templates (as rcfge lint; refuses to publish on any error, exit 1), then uploads
to s3://B/<P><file> only the templates whose content changed. Each upload stores the
content's SHA-256 as object metadata (x-amz-meta-sha256) that the next publish compares;
objects without it are compared by ETag (the MD5 of a single-part upload).
Only templates are uploaded (*.json except parameters*.json). Objects under the prefix
that are not in the folder are listed, and deleted only with --delete.
Credentials: the AWS SDK default chain. Endpoint: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL
(path-style addressing then), for S3-compatible servers.

Options:
  --bucket B      template bucket (TemplateBucket of the Hook configuration)
  --prefix P      key prefix, used verbatim like TemplatePrefix (e.g. "templates/")
  --dry-run       show what would change; write nothing
  --delete        delete *.json objects under the prefix that are not in the folder
  --region R      bucket region (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1)
  --schemas DIR   lint against this folder of registry schemas instead of the snapshot in use
  -h, --help      show this help`;

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('publish', args, {
    bucket: { type: 'string' },
    prefix: { type: 'string' },
    'dry-run': { type: 'boolean' },
    delete: { type: 'boolean' },
    region: { type: 'string' },
    schemas: { type: 'string' },
  });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('publish: expected exactly one templates directory (rcfge publish <templates-dir> --bucket B)');
  if (!values.bucket) throw new UsageError('publish: --bucket B is required');
  const dir = resolve(io.cwd, positionals[0]);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`publish: templates directory ${positionals[0]} is not a directory`);
  const report = await lintDirectory(dir, { registry: registryFor('publish', values.schemas, io), displayDir: positionals[0] });
  if (report.templates.length === 0) throw new UsageError(`publish: no templates (*.json) in ${positionals[0]}`);
  const errors = report.findings.filter(isError);
  if (errors.length > 0) {
    io.stderr(formatText({ templates: report.templates, findings: errors }));
    io.stderr(`rcfge publish: refused: lint found ${errors.length} error(s); nothing was uploaded`);
    return ExitCode.Findings;
  }
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const client = createS3Client({ region, env: io.env });
  try {
    const actions = await publishTemplates(client, dir, { bucket: values.bucket, prefix: values.prefix ?? '', dryRun: Boolean(values['dry-run']), delete: Boolean(values.delete) });
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
