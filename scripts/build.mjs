// Bundles the Hook handler (dist/handlers.js, the Lambda code) and the CLI (dist/cli.js).
// Runs on `npm ci` (prepare) so `rcfge` works on a fresh clone; dist/ is never committed.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

export async function buildHandler(outfile = join(root, 'dist', 'handlers.js'), options = {}) {
  return build({ ...common, entryPoints: ['src/handlers.ts'], outfile, metafile: true, ...options });
}

export async function buildCli(outfile = join(root, 'dist', 'cli.js')) {
  // Development-only packages stay outside the bundle and load from node_modules when a command needs them.
  return build({ ...common, entryPoints: ['src/cli/main.ts'], outfile, external: ['s3rver', 'esbuild', 'yazl', '@cloud-copilot/iam-simulate'] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([buildHandler(), buildCli()]);
}
