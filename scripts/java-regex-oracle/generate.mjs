#!/usr/bin/env node
/**
 * Java regex oracle: runs every `pattern` and `patternProperties` key of the registry
 * schemas, plus the edge cases in edge-cases.mjs, in real java.util.regex (javac/java on
 * the PATH, Java 17 like CloudFormation's registry) against generated matching and
 * non-matching strings, and writes the verdicts to test/fixtures/java-regex/oracle.json.
 * test/engine/java-regex.test.ts compares the engine with that fixture (CI needs no Java).
 *
 *   node scripts/java-regex-oracle/generate.mjs [--schemas DIR] [--cases N] [--scripts]
 *
 * --schemas DIR  registry schemas to read (default: the built-in snapshot registry/schemas.json.gz;
 *                ../shared/reference/resource-schemas holds the same 1,504 files)
 * --cases N      generated strings per registry pattern (default 10; edge cases get 14)
 * --scripts      also regenerate src/engine/regex/java-scripts.ts from Character.UnicodeScript
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { EDGE_CASES } from './edge-cases.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'java-regex', 'oracle.json');

const { values } = parseArgs({ options: { schemas: { type: 'string' }, cases: { type: 'string', default: '10' }, scripts: { type: 'boolean', default: false } } });
const perPattern = Number(values.cases);

/** file name -> parsed schema */
function registrySchemas() {
  if (values.schemas) {
    const dir = resolve(values.schemas);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]);
  }
  const snapshot = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'registry', 'schemas.json.gz'))).toString('utf8'));
  return Object.entries(snapshot.schemas).map(([f, s]) => [f, typeof s === 'string' ? JSON.parse(s) : s]);
}

const DATA = new Set(['enum', 'const', 'default', 'examples']);
const MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

function collect(node, out, isMap = false) {
  if (Array.isArray(node)) return node.forEach((n) => collect(n, out));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (isMap) collect(value, out);
    else if (key === 'pattern' && typeof value === 'string') out.add(value);
    else if (key === 'patternProperties' && value && typeof value === 'object') {
      Object.keys(value).forEach((p) => out.add(p));
      collect(value, out, true);
    } else if (!DATA.has(key)) collect(value, out, MAPS.has(key));
  }
}

const hex = (text) => {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
};

async function loadGenerator(dir) {
  const outfile = join(dir, 'strings.cjs');
  await build({ entryPoints: [join(HERE, 'strings.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  return (await import(outfile)).default;
}

function javaVersion() {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return (/version "([^"]+)"/.exec(run.stderr) ?? [])[1] ?? 'unknown';
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'java-regex-oracle-'));
  try {
    execFileSync('javac', ['-d', work, join(HERE, 'Oracle.java'), join(HERE, 'ScriptNames.java')]);
    if (values.scripts) {
      const table = execFileSync('java', ['-cp', work, 'ScriptNames'], { encoding: 'utf8' });
      writeFileSync(join(ROOT, 'src', 'engine', 'regex', 'java-scripts.ts'), table);
    }
    const schemas = registrySchemas();
    const registry = new Set();
    for (const [, schema] of schemas) collect(schema, registry);
    const { candidates } = await loadGenerator(work);

    const entries = [];
    for (const pattern of [...registry].sort()) entries.push({ pattern, origin: 'registry', inputs: candidates(pattern, perPattern) });
    for (const edge of EDGE_CASES) {
      if (registry.has(edge.pattern)) continue;
      entries.push({ pattern: edge.pattern, origin: 'edge', inputs: candidates(edge.pattern, perPattern + 4, edge.inputs ?? []) });
    }

    const input = entries.map((e) => [e.pattern, ...e.inputs].map(hex).join('\t')).join('\n') + '\n';
    const run = spawnSync('java', ['-Xss64m', '-cp', work, 'Oracle', '250'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`java failed: ${run.stderr}`);
    const lines = run.stdout.trimEnd().split('\n');
    if (lines.length !== entries.length) throw new Error(`java answered ${lines.length} lines for ${entries.length} patterns`);

    let cases = 0;
    let matches = 0;
    let refused = 0;
    let timeouts = 0;
    const patterns = entries.map((entry, i) => {
      const [status, detail] = lines[i].split('\t');
      if (status === 'E') {
        refused++;
        return { pattern: entry.pattern, origin: entry.origin, javaError: detail };
      }
      const verdicts = [];
      entry.inputs.forEach((text, k) => {
        if (detail[k] === 'T') return void timeouts++;
        verdicts.push([text, detail[k] === '1']);
        cases++;
        if (detail[k] === '1') matches++;
      });
      return { pattern: entry.pattern, origin: entry.origin, cases: verdicts };
    });

    mkdirSync(dirname(FIXTURE), { recursive: true });
    const fixture = {
      generator: 'scripts/java-regex-oracle/generate.mjs',
      java: javaVersion(),
      schemas: values.schemas ? `${schemas.length} schemas from ${values.schemas}` : `${schemas.length} schemas from the built-in registry snapshot`,
      registryPatterns: registry.size,
      edgePatterns: entries.length - registry.size,
      cases,
      patterns,
    };
    // One pattern per line: diffs stay readable when the fixture is regenerated.
    const body = patterns.map((p) => `    ${JSON.stringify(p)}`).join(',\n');
    const head = JSON.stringify({ ...fixture, patterns: undefined }, null, 2).replace(/\n}$/, '');
    writeFileSync(FIXTURE, `${head},\n  "patterns": [\n${body}\n  ]\n}\n`);
    console.log(`java ${fixture.java}: ${registry.size} registry patterns (${schemas.length} schemas) + ${fixture.edgePatterns} edge cases; ` +
      `${refused} refused by Java; ${cases} verdicts (${matches} match, ${cases - matches} do not); ${timeouts} inputs dropped (Java over 250 ms)`);
    console.log(`wrote ${FIXTURE}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
