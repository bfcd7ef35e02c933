import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { jsonSyntaxReason } from '../authoring/json-error';
import { handleHookRequest } from '../hook/handler';
import { isEmptyModel, targetKindOf } from '../hook/request';
import { HookRuntime } from '../hook/runtime';
import { HookStatus } from '../hook/types';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { isStackTemplateDocument, looksLikeStackTemplate } from './inputs/stack-template';

const usage = `Usage: rcfge invoke <hook-request.json> [--payload FILE] [--verbose]

Runs the real Hook handler on a HookInvocationRequest file and prints the response JSON
(for a STACK or CHANGE_SET request: the whole-stack verdict, with one annotation per finding).
Exit 0 on SUCCESS, 1 on FAILED, 2 when a file cannot be read.
The S3 endpoint follows the AWS SDK settings (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL).

A stack-level request names its payload by URL (requestData.payload, an HTTPS presigned
URL, or http://127.0.0.1 for a local server); the Hook fetches it. --payload FILE uses a
payload saved to a file instead (then the request needs no URL): {"template",
"previousTemplate"} for STACK, {"template", "changedResources"} for CHANGE_SET.

Options:
  --payload FILE  the stack-level payload, instead of fetching requestData.payload
  --verbose       also print the Hook's log lines (on stderr)
  -h, --help      show this help

Examples:
  rcfge invoke examples/requests/1-bucket-own-topic.compliant.json
  rcfge invoke examples/requests/5-stack-three-violations.noncompliant.json \\
    --payload examples/payloads/5-stack-three-violations.noncompliant.json`;

async function readText(name: string, cwd: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const wanted = what ? 'one payload file (the stack template as JSON), e.g. examples/payloads/5-stack-three-violations.noncompliant.json' : 'one HookInvocationRequest file (JSON), e.g. examples/requests/1-bucket-own-topic.compliant.json';
    if (code === 'EISDIR') throw new UsageError(`invoke: ${what}${name} is a directory: give ${wanted}`);
    const reason = code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`invoke: cannot read ${what}${name}: ${reason}`);
  }
}

/** A resource request with its properties in the request: a payload file has nothing to add. */
function carriesModelInline(request: unknown): boolean {
  const data = (request as { requestData?: unknown } | null)?.requestData;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  return targetKindOf(record) === 'RESOURCE' && !isEmptyModel(record.targetModel);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('invoke', args, { verbose: { type: 'boolean' }, payload: { type: 'string' } });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('invoke: expected exactly one request file (rcfge invoke <hook-request.json>)');
  let request: unknown;
  const text = await readText(positionals[0], io.cwd, '');
  const stackTemplate = `invoke: ${positionals[0]} is a CloudFormation stack template, not a HookInvocationRequest: use rcfge validate ${positionals[0]}`;
  try {
    request = JSON.parse(text);
  } catch (error) {
    if (looksLikeStackTemplate(text)) throw new UsageError(stackTemplate);
    throw new UsageError(`invoke: cannot read ${positionals[0]}: not valid JSON: ${jsonSyntaxReason(error)}`);
  }
  if (isStackTemplateDocument(request)) throw new UsageError(stackTemplate);
  // The Hook reads the payload as it would read the fetched one: a file that is not JSON is its verdict to give.
  const payload = values.payload === undefined ? undefined : await readText(values.payload, io.cwd, 'payload ');
  if (payload !== undefined && carriesModelInline(request)) {
    io.stderr('rcfge invoke: note: --payload is not used: the request carries its target model inline (--payload is for STACK and CHANGE_SET requests)');
  }
  const response = await handleHookRequest(request, new HookRuntime(io.env), {
    env: io.env,
    stdout: values.verbose ? (line) => io.stderr(line) : () => undefined,
    ...(payload !== undefined ? { payload } : {}),
  });
  io.stdout(JSON.stringify(response, null, 2));
  if (payload === undefined && response.message?.includes("could not use the request's payload")) {
    io.stderr(`rcfge invoke: note: the request's payload URL could not be used; to judge a saved payload, give --payload FILE (e.g. examples/payloads/${basename(positionals[0])})`);
  }
  return response.hookStatus === HookStatus.SUCCESS ? ExitCode.Ok : ExitCode.Findings;
}

export const invokeCommand: Command = { name: 'invoke', summary: 'run the Hook handler on a HookInvocationRequest file', usage, run };
