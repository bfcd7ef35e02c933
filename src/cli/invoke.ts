import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { handleHookRequest } from '../hook/handler';
import { HookRuntime } from '../hook/runtime';
import { HookStatus } from '../hook/types';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';

const usage = `Usage: rcfge invoke <hook-request.json> [--verbose]

Runs the real Hook handler on a HookInvocationRequest file and prints the response JSON.
Exit 0 on SUCCESS, 1 on FAILED, 2 when the file cannot be read.
The S3 endpoint follows the AWS SDK settings (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL).

Options:
  --verbose   also print the Hook's log lines (on stderr)
  -h, --help  show this help`;

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('invoke', args, { verbose: { type: 'boolean' } });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('invoke: expected exactly one request file (rcfge invoke <hook-request.json>)');
  const file = resolve(io.cwd, positionals[0]);
  let request: unknown;
  try {
    request = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`invoke: cannot read ${positionals[0]}: ${reason}`);
  }
  const response = await handleHookRequest(request, new HookRuntime(io.env), {
    env: io.env,
    stdout: values.verbose ? (line) => io.stderr(line) : () => undefined,
  });
  io.stdout(JSON.stringify(response, null, 2));
  return response.hookStatus === HookStatus.SUCCESS ? ExitCode.Ok : ExitCode.Findings;
}

export const invokeCommand: Command = { name: 'invoke', summary: 'run the Hook handler on a HookInvocationRequest file', usage, run };
