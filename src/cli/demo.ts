import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { handleHookRequest } from '../hook/handler';
import { HookRuntime } from '../hook/runtime';
import { HookStatus } from '../hook/types';
import { presignedPayload, startLocalS3, uploadTemplates } from '../local/s3-server';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode } from './command';
import { packageRoot } from './package-root';

const usage = `Usage: rcfge demo [--requests DIR] [--templates DIR]

The main job on an embedded default, no AWS account needed: starts a local
S3-compatible server on 127.0.0.1, uploads the templates to s3://rcfge-templates/templates/,
runs the real Hook handler on every example request and prints one line per request.
A stack-level request (STACK, CHANGE_SET) gets its payload from the payloads folder
beside the requests (same file name), stored in the local bucket and handed to the Hook
as a presigned URL, as CloudFormation does. A request file named *.compliant.json must
succeed and *.noncompliant.json must fail; exit 1 if any verdict differs.

Options:
  --requests DIR   example requests (default: examples/requests)
  --templates DIR  templates to upload (default: templates)`;

const BUCKET = 'rcfge-templates';
const PREFIX = 'templates/';
const PAYLOADS_PREFIX = 'hook-payloads/';

type Request = Record<string, unknown> & { requestData?: Record<string, unknown> };

/** A stack-level example names a production URL; the demo serves the saved payload from the local bucket instead. */
async function withLocalPayload(request: Request, file: string, requestsDir: string, s3: Awaited<ReturnType<typeof startLocalS3>>): Promise<Request> {
  const payloadFile = join(dirname(requestsDir), 'payloads', basename(file));
  if (typeof request.requestData?.payload !== 'string' || !existsSync(payloadFile)) return request;
  const url = await presignedPayload(s3.client, BUCKET, `${PAYLOADS_PREFIX}${file}`, readFileSync(payloadFile, 'utf8'));
  return { ...request, requestData: { ...request.requestData, payload: url } };
}

function paint(io: CliIO, code: number, text: string): string {
  return io.isTTY ? `\u001b[${code}m${text}\u001b[0m` : text;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('demo', args, { requests: { type: 'string' }, templates: { type: 'string' } });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  const root = packageRoot();
  const requestsDir = values.requests ?? join(root, 'examples', 'requests');
  const templatesDir = values.templates ?? join(root, 'templates');
  const s3 = await startLocalS3([BUCKET]);
  try {
    const keys = await uploadTemplates(s3.client, BUCKET, PREFIX, templatesDir);
    io.stdout(`Local S3 server at ${s3.endpoint}: uploaded ${keys.length} templates to s3://${BUCKET}/${PREFIX}`);
    // The SDK reads its endpoint from the process environment, exactly as in production.
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    const env = { ...io.env, AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: io.env.AWS_REGION ?? 'eu-west-1' };
    const runtime = new HookRuntime(env);
    let mismatches = 0;
    for (const file of readdirSync(requestsDir).filter((f) => f.endsWith('.json')).sort()) {
      const request = await withLocalPayload(JSON.parse(readFileSync(join(requestsDir, file), 'utf8')), file, requestsDir, s3);
      const response = await handleHookRequest(request, runtime, { env, stdout: () => undefined });
      const ok = response.hookStatus === HookStatus.SUCCESS;
      const expected = file.endsWith('.noncompliant.json') ? false : file.endsWith('.compliant.json') ? true : ok;
      if (ok !== expected) mismatches++;
      const status = ok ? paint(io, 32, 'SUCCESS') : paint(io, 31, `FAILED ${response.errorCode}`);
      const surprise = ok === expected ? '' : paint(io, 33, ' (UNEXPECTED)');
      io.stdout(`${status}${surprise}  ${file}: ${response.message ?? ''}`);
    }
    return mismatches === 0 ? ExitCode.Ok : ExitCode.Findings;
  } finally {
    await s3.close();
  }
}

export const demoCommand: Command = { name: 'demo', summary: 'run the Hook on the example requests against a local S3 server (npm start)', usage, run };
