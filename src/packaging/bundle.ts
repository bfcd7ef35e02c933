import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BundleError } from './errors';

/** The handler bundle as esbuild produced it: the Lambda code of both packages. */
export interface HandlerBundle {
  readonly code: Buffer;
  /** Only with `sourcemap`. */
  readonly map?: Buffer;
  /** esbuild's metafile (inputs and their bytes in the output), for size analysis. */
  readonly metafile: Metafile;
}

export interface Metafile {
  readonly inputs: Record<string, { bytes: number }>;
  readonly outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/**
 * Runs scripts/build.mjs's `buildHandler` (the one place the handler's esbuild options live)
 * in a child Node process. A child rather than `import()`: build.mjs is an ES module, which
 * neither the CommonJS CLI bundle's callers under jest nor Node 20's `require` can load
 * in-process, and esbuild stays a development dependency that the CLI never loads itself.
 * `write: false` with the outfile at its real place (`<root>/dist/handlers.js`) keeps the
 * source map's relative paths the same wherever the package is written.
 */
const CHILD = `
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
const [script, outfile, dir, sourcemap] = process.argv.slice(1);
const { buildHandler } = await import(script);
const result = await buildHandler(outfile, { write: false, sourcemap: sourcemap === 'true', logLevel: 'error' });
for (const file of result.outputFiles) writeFileSync(join(dir, basename(file.path)), file.contents);
writeFileSync(join(dir, 'metafile.json'), JSON.stringify(result.metafile));
`;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const detail = String(stderr).trim() || error.message;
      const hint = /ERR_MODULE_NOT_FOUND[\s\S]*esbuild|Cannot find (package|module) 'esbuild'/.test(detail)
        ? 'esbuild is not installed (a development dependency): run `npm ci` in the repository'
        : `esbuild failed:\n${detail}`;
      reject(new BundleError(hint, { cause: error }));
    });
  });
}

export async function bundleHandler(root: string, handlerFile: string, options: { sourcemap?: boolean } = {}): Promise<HandlerBundle> {
  const script = join(root, 'scripts', 'build.mjs');
  if (!existsSync(script)) throw new BundleError(`cannot bundle the handler: ${script} is missing`);
  const dir = await mkdtemp(join(tmpdir(), 'rcfge-bundle-'));
  try {
    const outfile = join(root, handlerFile);
    await run(['--input-type=module', '-e', CHILD, pathToFileURL(script).href, outfile, dir, String(options.sourcemap === true)]);
    const name = basename(outfile);
    const code = await readFile(join(dir, name));
    const map = options.sourcemap ? await readFile(join(dir, `${name}.map`)) : undefined;
    const metafile = JSON.parse(await readFile(join(dir, 'metafile.json'), 'utf8')) as Metafile;
    return { code, map, metafile };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
