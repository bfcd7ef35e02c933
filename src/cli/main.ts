import { didYouMean } from '../authoring/suggest';
import { type CliIO, type Command, ExitCode, UsageError } from './command';

/** Commands load on demand: `rcfge validate` must not pay for the S3 server the demo needs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: { summary: 'check stack templates with the Hook engine (text, json, sarif, junit, github)', load: async () => (await import('./validate')).validateCommand },
  invoke: { summary: 'run the Hook handler on a HookInvocationRequest file', load: async () => (await import('./invoke')).invokeCommand },
  lint: { summary: 'lint restricted templates (gating coverage, typos, unsafe regexes)', load: async () => (await import('./lint')).lintCommand },
  explain: { summary: 'say in words what a template approves (properties, rules, placeholders)', load: async () => (await import('./explain')).explainCommand },
  init: { summary: 'derive a restricted template from the official registry schema', load: async () => (await import('./init')).initCommand },
  publish: { summary: 'lint, then upload changed templates to S3', load: async () => (await import('./publish')).publishCommand },
  schemas: { summary: 'show or update the registry schemas init, lint and validate use', load: async () => (await import('./schemas')).schemasCommand },
  package: { summary: 'build the hook registry package and the Lambda Hook zip', load: async () => (await import('./package')).packageCommand },
  audit: { summary: 'drift canary: check the Hook in every account and region of the StackSet', load: async () => (await import('./audit')).auditCommand },
  'iam-catalogue': { summary: 'build (update) and compare (diff) the approved IAM action catalogue', load: async () => (await import('./iam-catalogue')).iamCatalogueCommand },
  demo: { summary: 'run the Hook on the example requests against a local S3 server', load: async () => (await import('./demo')).demoCommand },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: rcfge <command> [options]   (rcfge <command> --help for details)

RCFGE enforces restricted resource schema templates on CloudFormation resources.

Commands:
${lines.join('\n')}

Exit codes: 0 compliant / ok, 1 non-compliant / findings, 2 usage or input error.`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout('rcfge 0.1.0');
    return ExitCode.Ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`rcfge: unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}; rcfge --help lists the commands`);
    return ExitCode.Usage;
  }
  try {
    return await (await entry.load()).run(rest, io);
  } catch (error) {
    // One line, whatever a library put in the message (CI logs and editors read line by line).
    const line = (text: string) => text.replace(/\s*\n\s*/g, ' ');
    if (error instanceof UsageError) {
      io.stderr(`rcfge ${line(error.message)}`);
      return ExitCode.Usage;
    }
    const e = error as Error;
    io.stderr(`rcfge ${name}: ${line(e.message ?? String(error))}`);
    if (io.env.RCFGE_DEBUG) io.stderr(e.stack ?? '');
    return ExitCode.Usage;
  }
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    ...(process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(text ? `\r\u001b[K${text}` : '\r\u001b[K') } : {}),
  };
}

/** Entry of the bundled CLI (bin/rcfge.js). */
export async function cli(argv: string[]): Promise<void> {
  // The SDK's notice about Node 20 support is for Lambda operators, not for a local CLI user.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.exitCode = await main(argv, processIO());
}
