import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { registryFiles } from '../lib/registry.mjs';
import { median, percentile, round } from '../lib/stats.mjs';

function summarize(r) {
  const compileMs = r.timings.map((t) => t.compileMs);
  const totalMs = r.timings.map((t) => t.totalMs);
  const worst = [...r.timings].sort((a, b) => b.compileMs - a.compileMs).slice(0, 5);
  return {
    compiled: r.timings.length,
    failed: r.failures.length,
    median_ms: round(median(compileMs)),
    p99_ms: round(percentile(compileMs, 99)),
    max_ms: round(Math.max(...compileMs)),
    sum_s: round(compileMs.reduce((a, b) => a + b, 0) / 1000),
    instantiate_median_ms: round(median(totalMs)),
    instantiate_p99_ms: round(percentile(totalMs, 99)),
    worst: worst.map((t) => ({ typeName: t.typeName, compile_ms: round(t.compileMs), template_bytes: t.bytes })),
    failures: r.failures,
  };
}

/** 5. Compile time of every registry type (a sample with --quick), refusals listed apart. */
export async function compile(env, { quick }) {
  const files = registryFiles(quick ? 300 : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-compile-'));
  try {
    const list = join(dir, 'files.json');
    writeFileSync(list, JSON.stringify(files));
    const init = summarize(await runWorker('compile.cjs', { env: { ...env, BENCH_FILES: list, BENCH_SOURCE: 'init' } }));
    const registry = summarize(await runWorker('compile.cjs', { env: { ...env, BENCH_FILES: list, BENCH_SOURCE: 'registry' } }));
    return { types: files.length, source: 'rcfge init templates (deriveTemplate, in process)', ...init, registry_schema_as_template: registry };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
