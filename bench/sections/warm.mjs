import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { EXAMPLE_REQUEST } from '../lib/fixtures.mjs';
import { TEMPLATES } from '../lib/paths.mjs';
import { median, percentile, round } from '../lib/stats.mjs';

/** 1. Warm path: entrypoint on a cached type vs a bare ajv validate(), same process, same run. */
export async function warm(env, { quick }) {
  const n = quick ? 2000 : 10_000;
  const r = await runWorker('warm.cjs', {
    env: { ...env, BENCH_N: String(n), BENCH_REQUEST: EXAMPLE_REQUEST, BENCH_TEMPLATE: join(TEMPLATES, 'aws-s3-bucket.json') },
  });
  const handlerMedian = median(r.handlerUs);
  const ajvMedian = median(r.ajvUs);
  const loggedMedian = median(r.loggedUs);
  return {
    invocations: r.handlerUs.length,
    median_us: round(handlerMedian),
    p99_us: round(percentile(r.handlerUs, 99)),
    max_us: round(Math.max(...r.handlerUs)),
    ajv_median_us: round(ajvMedian, 3),
    ajv_p99_us: round(percentile(r.ajvUs, 99), 3),
    ratio_to_ajv: round(handlerMedian / ajvMedian),
    overhead_median_us: round(handlerMedian - ajvMedian),
    with_stdout_logging_median_us: round(loggedMedian),
    logging_cost_median_us: round(loggedMedian - handlerMedian),
    stage_medians_us: Object.fromEntries(Object.entries(r.stagesUs).map(([k, v]) => [k, round(v)])),
  };
}
