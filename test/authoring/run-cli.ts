import { main } from '../../src/cli/main';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `rcfge <argv>` in-process with captured output. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: process.cwd(), isTTY: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export const FIXTURES = 'test/fixtures/lint';
