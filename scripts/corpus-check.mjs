#!/usr/bin/env node
// Runs `rcfge validate` against the official registry schemas over every CloudFormation
// template in a folder and prints counts by exit code, the findings, and the time taken.
// Usage: node scripts/corpus-check.mjs <folder> [--schemas DIR] [--params-file FILE] [--missing-template allow|fail] [--jobs N] [--findings] [--json FILE]
//   --schemas DIR  a folder of registry schemas (default: the registry snapshot rcfge uses, --templates @registry)
//                  or of restricted templates (the baseline: --schemas templates --params-file templates/parameters.example.json)
//   --params-file FILE, --missing-template allow|fail  passed to rcfge validate (with allow, types without a
//                  template pass: the findings are those of the templates in the folder)
//   --jobs N       parallel runs (default 2)
//   --findings     print every finding (file:line logicalId type path keyword message)
//   --json FILE    write every run's result as JSON (for comparing two runs)
// Exit code: 1 when a run crashed (a stack trace, a signal, or an exit code other than 0, 1, 2).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'rcfge.js');

function parseArgs(argv) {
  const options = { folder: undefined, schemas: '@registry', jobs: 2, findings: false, json: undefined, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schemas') options.schemas = resolve(argv[++i]);
    else if (arg === '--params-file') options.extra.push('--params-file', resolve(argv[++i]));
    else if (arg === '--missing-template') options.extra.push('--missing-template', argv[++i]);
    else if (arg === '--jobs') options.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (arg === '--findings') options.findings = true;
    else if (arg === '--json') options.json = resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node scripts/corpus-check.mjs <folder> [--schemas DIR] [--params-file FILE] [--missing-template allow|fail] [--jobs N] [--findings] [--json FILE]');
      process.exit(0);
    } else if (options.folder === undefined) options.folder = resolve(arg);
    else {
      console.error(`corpus-check: unexpected argument ${arg}`);
      process.exit(2);
    }
  }
  if (!options.folder) {
    console.error('corpus-check: give the folder of templates (node scripts/corpus-check.mjs <folder>)');
    process.exit(2);
  }
  return options;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.venv', 'dist', 'build']);
const EXTENSIONS = /\.(ya?ml|json|template)$/i;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(join(dir, entry.name));
    } else if (entry.isFile() && EXTENSIONS.test(entry.name)) yield join(dir, entry.name);
  }
}

/** A CloudFormation template names its sections at the top level: Resources, or AWSTemplateFormatVersion. */
function looksLikeTemplate(file) {
  if (statSync(file).size > 5 * 1024 * 1024) return false;
  const text = readFileSync(file, 'utf8');
  return /^\s*["']?(AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(text);
}

function runOne(file, schemas, extra) {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, 'validate', file, '--templates', schemas, ...extra, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => done({ file, code, signal, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

async function runAll(files, schemas, jobs, extra) {
  const results = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await runOne(files[index], schemas, extra);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

function crashed(result) {
  return result.signal !== null || ![0, 1, 2].includes(result.code) || /\n\s+at \S+ \(/.test(result.stderr);
}

function report(result) {
  if (result.code !== 0 && result.code !== 1) return undefined;
  try {
    return JSON.parse(result.stdout);
  } catch {
    return undefined;
  }
}

const options = parseArgs(process.argv.slice(2));
const files = [...walk(options.folder)].filter(looksLikeTemplate);
const started = Date.now();
const results = await runAll(files, options.schemas, options.jobs, options.extra);
const seconds = (Date.now() - started) / 1000;

const show = (file) => relative(options.folder, file);
const byCode = new Map();
const byKeyword = new Map();
const byStatus = { PASS: 0, FAIL: 0, SKIP: 0, NOT_JUDGED: 0 };
const findings = [];
const crashes = [];
const inputErrors = [];
for (const result of results) {
  const key = crashed(result) ? 'crash' : String(result.code);
  byCode.set(key, (byCode.get(key) ?? 0) + 1);
  if (key === 'crash') crashes.push(result);
  if (result.code === 2) inputErrors.push(result);
  const parsed = report(result);
  for (const resource of parsed?.resources ?? []) {
    const status = resource.kind === 'not-judged' ? 'NOT_JUDGED' : resource.status;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    for (const finding of resource.findings ?? []) {
      byKeyword.set(finding.keyword, (byKeyword.get(finding.keyword) ?? 0) + 1);
      findings.push({ file: show(result.file), line: finding.line, logicalId: resource.logicalId, type: resource.type, path: finding.path, keyword: finding.keyword, message: finding.message });
    }
  }
}

const times = results.map((r) => r.ms).sort((a, b) => a - b);
console.log(`corpus-check: ${files.length} templates under ${options.folder} against ${options.schemas}`);
console.log(`time: ${seconds.toFixed(1)} s in all (${options.jobs} jobs); per file median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`);
console.log(`exit codes: ${[...byCode.entries()].sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
console.log(`resources: ${Object.entries(byStatus).map(([k, v]) => `${k}=${v}`).join(' ')}`);
console.log(`findings: ${findings.length}${byKeyword.size ? ` (${[...byKeyword.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`);
if (crashes.length) {
  console.log('\ncrashes:');
  for (const c of crashes) console.log(`  ${show(c.file)}: exit ${c.code ?? c.signal}: ${c.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
}
if (inputErrors.length) {
  console.log('\nexit 2 (input errors):');
  for (const r of inputErrors) console.log(`  ${show(r.file)}: ${r.stderr.trim().split('\n')[0]}`);
}
if (options.findings && findings.length) {
  console.log('\nfindings:');
  for (const f of findings) console.log(`  ${f.file}:${f.line} ${f.logicalId} ${f.type} ${f.path || '/'} [${f.keyword}] ${f.message}`);
}
if (options.json) {
  const out = results.map((r) => ({ file: show(r.file), code: crashed(r) ? 'crash' : r.code, ms: Math.round(r.ms), stderr: r.stderr.trim(), report: report(r) }));
  writeFileSync(options.json, `${JSON.stringify(out, null, 1)}\n`);
}
process.exitCode = crashes.length ? 1 : 0;
