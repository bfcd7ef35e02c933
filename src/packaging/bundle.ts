import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BundleError } from './errors';

export interface BundleFile {
  /** File name inside the handler's folder (`handlers.js`, `re2.js`, `handlers.js.map`). */
  readonly name: string;
  readonly data: Buffer;
}

/** The handler bundle as esbuild produced it: the Lambda code of both packages. */
export interface HandlerBundle {
  /** Every file the build writes next to the entry file: the entry, lazily loaded chunks, maps when asked. Sorted by name. */
  readonly files: readonly BundleFile[];
  /** Name of the entry file among `files`. */
  readonly entry: string;
  /** esbuild's metafile of the entry build (inputs and their bytes in the output), for size analysis. */
  readonly metafile: Metafile;
}

export interface Metafile {
  readonly inputs: Record<string, { bytes: number }>;
  readonly outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/**
 * Runs scripts/build.mjs's `buildHandler` (the one place the handler's esbuild options live)
 * in a child Node process. A child rather than `import()`: build.mjs is an ES module, which
 * Node 20's `require` cannot load and jest cannot `import()` without experimental flags, and
 * esbuild stays a development dependency the CLI itself never loads.
 *
 * The build writes into an empty temporary folder, and everything it writes there is the
 * handler: buildHandler may emit more than the entry file (the lazily loaded RE2 chunk), and
 * whatever it adds later is packaged without a change here.
 */
const CHILD = `
import { writeFileSync } from 'node:fs';
const [script, builder, outfile, metafile, sourcemap] = process.argv.slice(1);
const build = (await import(script))[builder];
const result = await build(outfile, { sourcemap: sourcemap === 'true', logLevel: 'error' });
writeFileSync(metafile, JSON.stringify(result.metafile ?? { inputs: {}, outputs: {} }));
`;

function run(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return done();
      const detail = String(stderr).trim() || error.message;
      const hint = /ERR_MODULE_NOT_FOUND[\s\S]*esbuild|Cannot find (package|module) 'esbuild'/.test(detail)
        ? 'esbuild is not installed (a development dependency): run `npm ci` in the repository'
        : `esbuild failed:\n${detail}`;
      fail(new BundleError(hint, { cause: error }));
    });
  });
}

/**
 * A map written in the temporary folder names its sources relative to that folder; rewritten
 * relative to where the handler really sits in the repository (`dist/` -> `../src/handlers.ts`),
 * so the map is the same wherever and whenever the package is built.
 */
export function relocateSourceMap(map: Buffer, builtIn: string, realDir: string): Buffer {
  const json = JSON.parse(map.toString('utf8')) as { sources?: string[] };
  json.sources = (json.sources ?? []).map((source) =>
    source.startsWith('<') ? source : relative(realDir, resolve(builtIn, source)).split(sep).join('/'),
  );
  return Buffer.from(JSON.stringify(json));
}

/** The functions of scripts/build.mjs that bundle a Lambda function: the Hook handler and the AWS Config rule. */
export type Builder = 'buildHandler' | 'buildConfigRule';

export async function bundleHandler(root: string, handlerFile: string, options: { sourcemap?: boolean; builder?: Builder } = {}): Promise<HandlerBundle> {
  const script = join(root, 'scripts', 'build.mjs');
  if (!existsSync(script)) throw new BundleError(`cannot bundle the handler: ${script} is missing`);
  const work = await mkdtemp(join(tmpdir(), 'rcfge-bundle-'));
  try {
    const outDir = join(work, 'out');
    const entry = basename(handlerFile);
    const metafilePath = join(work, 'metafile.json');
    await run(['--input-type=module', '-e', CHILD, pathToFileURL(script).href, options.builder ?? 'buildHandler', join(outDir, entry), metafilePath, String(options.sourcemap === true)]);
    const names = (await readdir(outDir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name).sort();
    if (!names.includes(entry)) throw new BundleError(`the build wrote no ${entry} (it wrote: ${names.join(', ') || 'nothing'})`);
    const realDir = join(root, dirname(handlerFile));
    const files = await Promise.all(
      names.map(async (name) => {
        const data = await readFile(join(outDir, name));
        return { name, data: name.endsWith('.map') ? relocateSourceMap(data, outDir, realDir) : data };
      }),
    );
    const metafile = JSON.parse(await readFile(metafilePath, 'utf8')) as Metafile;
    return { files, entry, metafile };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
