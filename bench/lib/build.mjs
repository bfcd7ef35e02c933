// Builds what the bench runs, fresh from src/, into node_modules/.cache (so bundles resolve the
// repo's node_modules for development-only packages such as s3rver): the Hook bundle with the
// production build function and options, and the bench's own support bundle.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildHandler } from '../../scripts/build.mjs';
import { ROOT } from './paths.mjs';

export async function buildBenchBundles() {
  const dir = join(ROOT, 'node_modules', '.cache', 'rcfge-bench', String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const handlers = join(dir, 'handlers.js');
  const result = await buildHandler(handlers);
  const support = join(dir, 'support.cjs');
  await build({
    entryPoints: [join(ROOT, 'bench', 'lib', 'support.ts')],
    outfile: support,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    external: ['s3rver'],
  });
  return { dir, handlers, support, metafile: result.metafile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
