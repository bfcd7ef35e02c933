#!/usr/bin/env node
// Both faces on real templates: every CloudFormation template of a folder goes through the
// Hook's STACK target (the built handler, dist/handlers.js, with the payload served over
// HTTP on 127.0.0.1 and the templates in a local S3 server) and through `rcfge validate`
// (one run for the whole folder); prints where the failing resources differ.
// Usage: node scripts/stack-corpus-check.mjs <folder> [--templates DIR] [--params-file FILE] [--json FILE]
//   --templates DIR     restricted templates (default: the built-in registry snapshot, validate --templates @registry)
//   --params-file FILE  TemplateParameters for both faces (e.g. templates/parameters.example.json)
//   --json FILE         every file's two verdicts as JSON
// The STACK payload carries no parameter values, so the Hook judges fewer values than validate
// (which uses each parameter's Default): a resource failing in validate only is expected; one
// failing in the Hook only is a disagreement to explain. Exit 1 when there is one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { registryFiles } from '../bench/lib/registry.mjs';
import { ROOT } from '../bench/lib/paths.mjs';

const require = createRequire(import.meta.url);
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const STACK = 'corpus-stack';

function parseArgs(argv) {
  const options = { folder: undefined, templates: undefined, params: undefined, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--templates') options.templates = resolve(argv[++i]);
    else if (arg === '--params-file') options.params = resolve(argv[++i]);
    else if (arg === '--json') options.json = resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node scripts/stack-corpus-check.mjs <folder> [--templates DIR] [--params-file FILE] [--json FILE]');
      process.exit(0);
    } else if (options.folder === undefined) options.folder = resolve(arg);
    else {
      console.error(`stack-corpus-check: unexpected argument ${arg}`);
      process.exit(2);
    }
  }
  if (!options.folder) {
    console.error('stack-corpus-check: give the folder of templates');
    process.exit(2);
  }
  return options;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') yield* walk(join(dir, entry.name));
    else if (entry.isFile() && /\.(ya?ml|json|template)$/i.test(entry.name)) yield join(dir, entry.name);
  }
}

function looksLikeTemplate(file) {
  return statSync(file).size < 5 * 1024 * 1024 && /^\s*["']?(AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(readFileSync(file, 'utf8'));
}

function templateFiles(options) {
  if (!options.templates) return registryFiles();
  return readdirSync(options.templates)
    .filter((f) => f.endsWith('.json') && !f.startsWith('parameters'))
    .map((f) => join(options.templates, f));
}

async function startS3(files) {
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(join(tmpdir(), 'rcfge-stack-corpus-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'rcfge-templates' }] });
  const address = await server.run();
  const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  for (const file of files) await client.send(new PutObjectCommand({ Bucket: 'rcfge-templates', Key: `templates/${basename(file)}`, Body: readFileSync(file) }));
  client.destroy();
  return {
    endpoint,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function startPayloadServer() {
  const bodies = new Map();
  const server = createServer((req, res) => {
    const body = bodies.get(req.url);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body ?? '');
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ serve: (path, body) => (bodies.set(path, body), `http://127.0.0.1:${server.address().port}${path}`), close: () => server.close() })),
  );
}

function stackRequest(url, params) {
  return {
    clientRequestToken: 'corpus',
    awsAccountId: ACCOUNT,
    stackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK}/00000000-0000-4000-8000-000000000000`,
    hookTypeName: 'RCFGE::Config::Hook',
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    hookModel: { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', ...(params ? { TemplateParameters: params } : {}) },
    requestData: { targetName: 'STACK', targetType: 'STACK', targetLogicalId: STACK, targetModel: null, payload: url, callerCredentials: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }) },
  };
}

/** The Hook's verdict and its failing resources, read from its log line (the handler writes it to stdout). */
async function hookVerdict(entrypoint, request) {
  const lines = [];
  const write = process.stdout.write;
  process.stdout.write = (chunk, ...rest) => (lines.push(String(chunk)), typeof rest.at(-1) === 'function' && rest.at(-1)(), true);
  let response;
  try {
    response = await entrypoint(request);
  } finally {
    process.stdout.write = write;
  }
  const failing = new Set();
  let complete = true;
  for (const line of lines.join('').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line);
    if (!Array.isArray(entry.failingIds)) continue;
    for (const id of entry.failingIds) failing.add(id);
    complete &&= entry.failingIds.length === entry.failingCount;
  }
  return { status: response.hookStatus, errorCode: response.errorCode, message: response.message, failing: [...failing].sort(), complete };
}

/** `rcfge validate --format json` on one file: its status (PASS/FAIL by resource) or the input error. */
function validateOne(file, options) {
  const args = [join(ROOT, 'bin', 'rcfge.js'), 'validate', file, '--templates', options.templates ?? '@registry', '--format', 'json', '--account', ACCOUNT, '--region', REGION, '--stack-name', STACK];
  if (options.params) args.push('--params-file', options.params);
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_REGION: REGION } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      let report;
      try {
        report = JSON.parse(stdout);
      } catch {
        report = undefined;
      }
      const error = code === 2 || !report ? stderr.trim().split('\n')[0] || 'no report' : undefined;
      const failing = (report?.resources ?? []).filter((r) => r.status === 'FAIL').map((r) => r.logicalId).sort();
      done({ code, error, failing });
    });
  });
}

async function validateAll(files, options, jobs = 2) {
  const results = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await validateOne(files[index], options);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

const options = parseArgs(process.argv.slice(2));
const files = [...walk(options.folder)].filter(looksLikeTemplate);
const params = options.params ? readFileSync(options.params, 'utf8') : undefined;
const s3 = await startS3(templateFiles(options));
const payloads = await startPayloadServer();
process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
process.env.AWS_REGION = REGION;
const { entrypoint } = require(join(ROOT, 'dist', 'handlers.js'));

const validated = await validateAll(files, options);

const rows = [];
const counts = { same: 0, validateOnly: 0, hookOnly: 0, hookError: 0, validateError: 0 };
for (const [index, file] of files.entries()) {
  const shown = relative(options.folder, file);
  const url = payloads.serve(`/${rows.length}.json`, JSON.stringify({ template: readFileSync(file, 'utf8'), previousTemplate: '' }));
  const hook = await hookVerdict(entrypoint, stackRequest(url, params));
  const v = validated[index];
  const vFailing = v.failing;
  const hookOnly = hook.failing.filter((id) => !vFailing.includes(id));
  const validateOnly = vFailing.filter((id) => !hook.failing.includes(id));
  let verdict;
  if (v.error !== undefined) verdict = 'validateError';
  else if (hook.status === 'FAILED' && hook.errorCode !== 'NonCompliant') verdict = 'hookError';
  else if (hookOnly.length > 0) verdict = 'hookOnly';
  else if (validateOnly.length > 0) verdict = 'validateOnly';
  else verdict = 'same';
  counts[verdict]++;
  rows.push({ file: shown, verdict, hook, validate: v, hookOnly, validateOnly });
}
await payloads.close();
await s3.close();

console.log(`stack-corpus-check: ${files.length} templates under ${options.folder}, templates ${options.templates ?? 'built-in registry snapshot'}`);
console.log(Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' '));
for (const row of rows.filter((r) => r.verdict === 'hookOnly' || r.verdict === 'hookError')) {
  console.log(`${row.verdict} ${row.file}: hook ${row.hook.errorCode ?? row.hook.status} fails [${row.hookOnly.join(', ')}] that validate does not; ${row.hook.message?.slice(0, 300)}`);
}
for (const row of rows.filter((r) => r.verdict === 'validateError' && r.hook.status === 'SUCCESS')) {
  console.log(`note ${row.file}: validate input error (${String(row.validate.error).slice(0, 160)}), Hook SUCCESS`);
}
if (options.json) writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
process.exit(counts.hookOnly > 0 ? 1 : 0);
