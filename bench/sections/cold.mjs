import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { timeProcess } from '../lib/child.mjs';
import { EXAMPLE_REQUEST } from '../lib/fixtures.mjs';
import { WORKERS } from '../lib/paths.mjs';
import * as production from '../../scripts/build.mjs';
import { median, round } from '../lib/stats.mjs';

const NODE_ENV = { NODE_NO_WARNINGS: '1' };

function childTimings(stderr) {
  const line = stderr.split('\n').findLast((l) => l.startsWith('BENCH '));
  return line ? JSON.parse(line.slice(6)) : {};
}

/** Bytes in the bundle per npm package (or "src" for our own code), largest first. */
function bundleComposition(metafile, limit = 12) {
  const output = Object.values(metafile.outputs)[0];
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = m ? m[1] : input.startsWith('src/') ? `src/${input.split('/')[1]}` : input;
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries([...byPackage].sort((a, b) => b[1] - a[1]).slice(0, limit));
}

/** 2. Cold start: whole processes, interleaved with the floor (a bare S3 client load) and bare node. */
export async function cold(env, { quick, bundles }) {
  const runs = quick ? 5 : 15;
  const hook = [];
  const sdk = [];
  const bare = [];
  const inside = [];
  const childEnv = { ...env, ...NODE_ENV, BENCH_REQUEST: EXAMPLE_REQUEST };
  // One unmeasured round warms the page cache for all three.
  const round1 = async (record) => {
    const h = await timeProcess(process.execPath, [join(WORKERS, 'cold-start.cjs')], { env: childEnv });
    const s = await timeProcess(process.execPath, [join(WORKERS, 'sdk-load.cjs')], { env: NODE_ENV });
    const b = await timeProcess(process.execPath, ['-e', '0'], { env: NODE_ENV });
    if (!record) return;
    hook.push(h.ms);
    sdk.push(s.ms);
    bare.push(b.ms);
    inside.push(childTimings(h.stderr));
  };
  await round1(false);
  for (let i = 0; i < runs; i++) await round1(true);
  const bytes = statSync(bundles.handlers).size;
  const gzip = gzipSync(readFileSync(bundles.handlers), { level: 9 }).length;
  // Everything the Hook package ships: the handler plus chunks it loads lazily (RE2).
  const files = (production.HANDLER_FILES ?? ['handlers.js']).map((f) => join(dirname(bundles.handlers), f)).filter(existsSync);
  const allBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const allGzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return {
    processes: runs,
    median_ms: round(median(hook), 1),
    sdk_load_median_ms: round(median(sdk), 1),
    bare_node_median_ms: round(median(bare), 1),
    ratio_to_sdk_load: round(median(hook) / median(sdk)),
    bundle_load_median_ms: round(median(inside.map((t) => t.loadMs)), 1),
    first_request_median_ms: round(median(inside.map((t) => t.firstRequestMs)), 1),
    bundle_bytes: bytes,
    bundle_gzip_bytes: gzip,
    package_files: files.map((f) => f.split('/').pop()),
    package_bytes: allBytes,
    package_gzip_bytes: allGzip,
    bundle_composition_bytes: bundleComposition(bundles.metafile),
  };
}
