import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REGISTRY_SNAPSHOT, ROOT } from './paths.mjs';

/**
 * A folder of registry schema files for the workers, which read templates by path as the
 * Hook's directory store does: RCFGE_BENCH_SCHEMAS, else the built-in snapshot unpacked once
 * into node_modules/.cache (keyed by the snapshot's hash).
 */
function registryDir() {
  if (process.env.RCFGE_BENCH_SCHEMAS) return process.env.RCFGE_BENCH_SCHEMAS;
  const bytes = readFileSync(REGISTRY_SNAPSHOT);
  const dir = join(ROOT, 'node_modules', '.cache', 'rcfge-bench', `registry-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const { schemas } = JSON.parse(gunzipSync(bytes).toString('utf8'));
  const partial = `${dir}.${process.pid}.tmp`;
  mkdirSync(partial, { recursive: true });
  for (const [name, text] of Object.entries(schemas)) writeFileSync(join(partial, name), text);
  renameSync(partial, dir);
  return dir;
}

/** The registry schema files, sorted; `sample` picks that many spread evenly over the list. */
export function registryFiles(sample) {
  const registry = registryDir();
  const all = readdirSync(registry).filter((f) => f.endsWith('.json')).sort().map((f) => join(registry, f));
  if (!sample || sample >= all.length) return all;
  return Array.from({ length: sample }, (_, i) => all[Math.floor((i * all.length) / sample)]);
}
