import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { type Artifact, buildPackages, contributors, HANDLER_ZIP, ProjectFileError } from '../packaging';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { packageRoot } from './package-root';

const usage = `Usage: rcfge package [--out DIR] [--sourcemap] [--analyze]

Bundles the Hook handler and the AWS Config rule (esbuild) and writes three reproducible zips:
  rcfge-config-hook.zip  the registry package, in the layout of \`cfn submit --dry-run\`:
                         schema.json, .rpdk-config, configuration-schema.json and
                         ${HANDLER_ZIP} (the handler bundle at the entrypoint's path)
  rcfge-lambda.zip       the same handler code for an AWS-managed Lambda Hook
                         (AWS::CloudFormation::LambdaHook)
  rcfge-config-rule.zip  the AWS Config rule that checks the Hook in its account
                         (its own bundle: no Hook, no CLI code)
Building twice gives byte-identical zips. No node_modules, no aws-sdk v2, no source maps
unless asked. Also \`npm run package\`.

Options:
  --out DIR     where to write the zips (default: build, relative to the current directory)
  --sourcemap   add source maps next to the bundle (set NODE_OPTIONS=--enable-source-maps on the function to use them)
  --analyze     also list the packages that make up the bundle, largest first
  -h, --help    show this help`;

const TOP = 15;

function describe(io: CliIO, artifact: Artifact, what: string): string {
  const shown = relative(io.cwd, artifact.path) || artifact.path;
  return `  ${shown}  ${artifact.bytes.toLocaleString('en-US')} bytes  sha256 ${artifact.sha256}\n    ${what}`;
}

/** Created before the (slow) build, so a path that cannot be a folder is said at once, in words. */
function createOutDir(outDir: string, given: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    let blocker = dirname(outDir);
    while (!existsSync(blocker) && dirname(blocker) !== blocker) blocker = dirname(blocker);
    const reason = code === 'ENOTDIR' ? `${blocker} is a file` : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`package: cannot create --out ${given}: ${reason}`);
  }
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('package', args, {
    out: { type: 'string' },
    sourcemap: { type: 'boolean' },
    analyze: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length > 0) throw new UsageError(`package: unexpected argument ${JSON.stringify(positionals[0])} (rcfge package [--out DIR])`);
  if (values.out === '') throw new UsageError('package: --out needs a directory');
  const outDir = resolve(io.cwd, values.out ?? 'build');
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`package: --out ${values.out ?? 'build'} is a file, not a directory (give a folder for the zips)`);
  createOutDir(outDir, values.out ?? 'build');
  let result;
  try {
    result = await buildPackages({ root: packageRoot(), outDir, sourcemap: values.sourcemap });
  } catch (error) {
    if (error instanceof ProjectFileError) throw new UsageError(`package: ${error.message}`);
    throw error;
  }
  const sizes = result.bundleFiles.map((f) => `${f.name} ${f.bytes.toLocaleString('en-US')} bytes`).join(', ');
  io.stdout(`Handler bundle (minified): ${sizes}`);
  io.stdout(describe(io, result.registryPackage, `registry package (cfn submit layout): .rpdk-config, ${HANDLER_ZIP}, configuration-schema.json, schema.json`));
  io.stdout(describe(io, result.lambdaPackage, `Lambda Hook function code: Handler ${result.entrypoint}, Runtime ${result.runtime}`));
  io.stdout(describe(io, result.configRulePackage, `AWS Config rule function code: Handler ${result.configRuleHandler}, Runtime ${result.runtime}`));
  if (values.analyze) {
    // The metafile covers the entry file; lazily loaded chunks are listed with their sizes above.
    const entryBytes = result.bundleFiles.find((f) => f.name === result.handlerFile)?.bytes ?? 1;
    io.stdout(`Largest contributors to ${result.handlerFile}:`);
    for (const c of contributors(result.metafile).slice(0, TOP)) {
      const share = ((100 * c.bytes) / entryBytes).toFixed(1);
      io.stdout(`  ${c.bytes.toLocaleString('en-US').padStart(9)}  ${share.padStart(5)}%  ${c.name}`);
    }
  }
  return ExitCode.Ok;
}

export const packageCommand: Command = { name: 'package', summary: 'build the hook registry package and the Lambda Hook zip', usage, run };
