// Bundles the Hook handler (dist/handlers.js, the Lambda code), the AWS Config rule
// (dist/config-rule.js) and the CLI (dist/cli.js).
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

/** Files of the Hook bundle, all in one folder: the handler and the lazily loaded chunks (RE2 engine, YAML parser). */
export const HANDLER_FILES = ['handlers.js', 're2.js', 'yaml.js'];

/**
 * Packages the handler loads only when it needs them, each from a chunk beside it:
 * `require('re2js')` becomes `require('./re2.js')` (read when a template needs RE2),
 * `require('yaml')` becomes `require('./yaml.js')` (read by the first STACK target, whose
 * templates may be YAML). Resource-level invocations never pay for either.
 */
const CHUNKS = { re2js: 're2.js', yaml: 'yaml.js' };

const packagesAsChunks = {
  name: 'chunks',
  setup(b) {
    b.onResolve({ filter: /^(re2js|yaml)$/ }, (args) => ({ path: `./${CHUNKS[args.path]}`, external: true }));
  },
};

/** The Hook needs only environment credentials besides those in the request (src/hook/lambda-credentials.ts). */
const envCredentialsOnly = {
  name: 'env-credentials-only',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: join(root, 'src', 'hook', 'lambda-credentials.ts') }));
  },
};

// The SDK's ES module builds tree-shake far better than its CommonJS ones.
const handlerOptions = { ...common, mainFields: ['module', 'main'] };

export async function buildHandler(outfile = join(root, 'dist', 'handlers.js'), options = {}) {
  const [main] = await Promise.all([
    build({ ...handlerOptions, entryPoints: ['src/handlers.ts'], outfile, metafile: true, plugins: [packagesAsChunks, envCredentialsOnly], ...options }),
    ...Object.entries(CHUNKS).map(([pkg, file]) =>
      build({ ...handlerOptions, stdin: { contents: `export * from '${pkg}';`, resolveDir: root }, outfile: join(dirname(outfile), file), ...options }),
    ),
  ]);
  return main;
}

/** The AWS Config rule's function (its own bundle: the audit checks, no CLI and no Hook code). */
export const CONFIG_RULE_FILES = ['config-rule.js'];

export async function buildConfigRule(outfile = join(root, 'dist', 'config-rule.js'), options = {}) {
  return build({ ...handlerOptions, entryPoints: ['src/config-rule/handler.ts'], outfile, metafile: true, plugins: [envCredentialsOnly], ...options });
}

export async function buildCli(outfile = join(root, 'dist', 'cli.js')) {
  // Development-only packages stay outside the bundle and load from node_modules when a command needs them.
  return build({ ...common, entryPoints: ['src/cli/main.ts'], outfile, external: ['s3rver', 'esbuild', '@cloud-copilot/iam-simulate', '@aws-sdk/s3-request-presigner'] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([buildHandler(), buildConfigRule(), buildCli()]);
}
