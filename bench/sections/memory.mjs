import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { BUCKET, hookRequest } from '../lib/fixtures.mjs';
import { generateTemplates } from '../lib/generated-templates.mjs';
import { median, round } from '../lib/stats.mjs';

const TYPES = 200;
const PREFIX = 'memory/';
const MB = 2 ** 20;

/**
 * Growth over the last 90% of the run: the median RSS of the final tenth against the median
 * of the tenth that starts the window (10-20%), so one GC-timed sample cannot decide it.
 */
function growthPct(samples) {
  const n = samples.length;
  const start = samples.slice(Math.floor(n * 0.1), Math.max(Math.floor(n * 0.2), Math.floor(n * 0.1) + 1)).map((s) => s.rss);
  const end = samples.slice(Math.floor(n * 0.9)).map((s) => s.rss);
  return ((median(end) - median(start)) / median(start)) * 100;
}

function steps(samples, field) {
  return Array.from({ length: 10 }, (_, k) => round(samples[Math.min(samples.length - 1, Math.floor(((k + 1) * samples.length) / 10) - 1)][field] / MB, 1));
}

/** 4. Peak RSS and growth over many invocations across many types (templates on the local S3 server). */
export async function memory(env, { quick, support, server }) {
  const n = quick ? 20_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-memory-'));
  try {
    const templates = join(dir, 'templates');
    mkdirSync(templates);
    const { types, source } = generateTemplates(support, templates, TYPES);
    await support.uploadTemplates(server.client, BUCKET, PREFIX, templates);
    // Empty properties: most registry types require something, so the run mixes PASS and FAIL (with findings).
    const requests = types.map((typeName, i) => hookRequest({ typeName, logicalId: `Resource${i}`, properties: {}, hookModel: { TemplatePrefix: PREFIX, TemplateParameters: '{}' } }));
    const file = join(dir, 'requests.json');
    writeFileSync(file, JSON.stringify(requests));
    const workerEnv = { ...env, BENCH_REQUESTS: file, BENCH_N: String(n) };
    // The headline run never forces a collection: its RSS is the runtime's own behaviour.
    const r = await runWorker('memory.cjs', { env: workerEnv });
    // A second run with ten full collections shows what the caches retain (a leak grows here).
    const retained = (await runWorker('memory.cjs', { env: workerEnv, execArgv: ['--expose-gc'] })).retained.map((x) => x.heapUsed);
    const tail = r.samples.slice(Math.floor(r.samples.length * 0.1)).map((s) => s.rss);
    return {
      invocations: n,
      types: types.length,
      template_source: source,
      statuses: r.statuses,
      peak_rss_mb: round(Math.max(r.maxRssBytes, ...r.samples.map((s) => s.rss)) / MB, 1),
      growth_pct: round(growthPct(r.samples), 1),
      last90_min_rss_mb: round(Math.min(...tail) / MB, 1),
      last90_max_rss_mb: round(Math.max(...tail) / MB, 1),
      final_heap_used_mb: round(r.samples.at(-1).heapUsed / MB, 1),
      sample_every: r.samples[0]?.at,
      run_s: round(r.ms / 1000, 1),
      rss_mb_at_10pct_steps: steps(r.samples, 'rss'),
      heap_used_mb_at_10pct_steps: steps(r.samples, 'heapUsed'),
      retained_heap_mb_at_10pct_steps: retained.map((b) => round(b / MB, 1)),
      retained_heap_growth_pct: round(((retained.at(-1) - retained[0]) / retained[0]) * 100, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
