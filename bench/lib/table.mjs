// The printed summary: one row per headline figure, with its target and whether it is met.
const get = (results, path) => path.split('.').reduce((node, key) => node?.[key], results);

const ROWS = [
  ['warm.median_us', 'warm invocation median (µs)'],
  ['warm.p99_us', 'warm invocation p99 (µs)', (v) => v <= 1000, '≤ 1000'],
  ['warm.ajv_median_us', 'bare ajv validate median (µs)'],
  ['warm.ratio_to_ajv', 'warm median / ajv median', (v) => v <= 5, '≤ 5'],
  ['warm.logging_cost_median_us', 'stdout logging cost (µs)'],
  ['cold.median_ms', 'cold start median (ms)'],
  ['cold.sdk_load_median_ms', 'require(@aws-sdk/client-s3) median (ms)'],
  ['cold.ratio_to_sdk_load', 'cold / SDK load', (v) => v <= 2, '≤ 2.0'],
  ['cold.bundle_bytes', 'bundle, minified (bytes)', (v) => v <= 800 * 1024, '≤ 819200'],
  ['cold.bundle_gzip_bytes', 'bundle, gzipped (bytes)'],
  ['cold.package_bytes', 'bundle + lazy chunks (bytes)'],
  ['s3.distinct_types', 'S3: distinct types in the stack'],
  ['s3.cold_gets', 'S3 GETs, cold runtime', (v, r) => v <= get(r, 's3.distinct_types'), '≤ types'],
  ['s3.warm_gets', 'S3 GETs, warm within TTL', (v) => v === 0, '0'],
  ['s3.after_ttl_gets', 'S3 GETs after TTL', (v, r) => v <= get(r, 's3.distinct_types'), '≤ types'],
  ['s3.after_ttl_conditional_gets', 'S3 conditional GETs after TTL'],
  ['memory.invocations', 'memory: invocations'],
  ['memory.types', 'memory: types'],
  ['memory.peak_rss_mb', 'peak RSS (MB)', (v) => v <= 256, '≤ 256'],
  ['memory.growth_pct', 'RSS growth over last 90% (%)', (v) => Math.abs(v) <= 10, '±10'],
  ['memory.retained_heap_growth_pct', 'heap after full GC, growth 10%->100% (%)'],
  ['compile.compiled', 'compile: types compiled'],
  ['compile.failed', 'compile: types refused'],
  ['compile.median_ms', 'compile median (ms)'],
  ['compile.p99_ms', 'compile p99 (ms)'],
  ['guard.rcfge_ms', 'rcfge validate, 500 buckets (ms)'],
  ['guard.cfn_guard_ms', 'cfn-guard, 500 buckets (ms)'],
  ['guard.ratio', 'rcfge / cfn-guard', (v) => v <= 1, '≤ 1'],
  ['guard.per_resource.rcfge_ms', 'handler, 500 hook requests (ms)'],
  ['guard.per_resource.cfn_guard_ms', 'cfn-guard, 500 hook documents (ms)'],
  ['guard.per_resource.ratio', 'handler / cfn-guard (per resource)'],
  ['change-set.resources', 'change set: resources'],
  ['change-set.types', 'change set: types'],
  ['change-set.cold_gets', 'change set: template GETs, cold', (v, r) => v <= get(r, 'change-set.types'), '≤ types'],
  ['change-set.cold_median_ms', 'change set verdict, cold runtime (ms)', (v) => v <= 2000, '≤ 2000'],
  ['change-set.warm_median_ms', 'change set verdict, warm (ms)', (v) => v <= 50, '≤ 50'],
  ['change-set.resource_level_cold_500_ms', '500 RESOURCE invocations, cold runtime (ms)'],
  ['change-set.resource_level_warm_500_ms', '500 RESOURCE invocations, warm (ms)'],
  ['change-set.ratio_cold_to_resource_level', 'change set / 500 invocations, cold'],
  ['change-set.ratio_warm_to_resource_level', 'change set / 500 invocations, warm'],
  ['audit.places', 'rcfge audit: account-regions'],
  ['audit.all_ok', 'rcfge audit: every place OK', (v) => v === true, 'true'],
  ['audit.default_concurrency_s', 'rcfge audit, concurrency 8, 20 ms API (s)', (v, r) => v <= get(r, 'audit.places') / 10, '≤ places/10'],
  ['audit.concurrency_32_s', 'rcfge audit, concurrency 32, 20 ms API (s)'],
  ['cli-run.files', 'rcfge validate: real templates'],
  ['cli-run.one_run_s', 'one run over the folder (s)'],
  ['cli-run.per_file_s', 'one process per file (s)'],
  ['cli-run.speedup', 'per file / one run (100 files)', (v, r) => get(r, 'cli-run.files') < 100 || v >= 10, '≥ 10'],
  ['cli-run.verdicts_differing', 'files judged differently', (v) => v === 0, '0'],
  ['iam.warm_role_median_us', 'IAM: warm role, 20 statements, median (µs)'],
  ['iam.warm_role_p99_us', 'IAM: warm role, 20 statements, p99 (µs)', (v) => v <= 1000, '≤ 1000'],
  ['iam.warm_role_without_keywords_median_us', 'IAM: same role without policy keywords (µs)'],
  ['iam.keyword_cost_median_us', 'IAM: policy keywords cost per invocation (µs)'],
  ['iam.catalogue_parse_median_ms', 'IAM: catalogue parse (ms)'],
  ['iam.cold_catalogue_load_median_ms', 'IAM: cold catalogue load in a fresh runtime (ms)'],
  ['iam.bundle_iam_code_bytes', 'IAM: catalogue code in the bundle (bytes)'],
];

export function printTable(results) {
  const lines = [];
  for (const [path, label, check, target] of ROWS) {
    const value = get(results, path);
    if (value === undefined) continue;
    const verdict = check ? (check(value, results) ? 'met' : 'MISSED') : '';
    lines.push([label, String(value), target ?? '', verdict]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => l[i].length), 6));
  const fmt = (l) => `${l[0].padEnd(widths[0])}  ${l[1].padStart(widths[1])}  ${l[2].padEnd(widths[2])}  ${l[3]}`;
  process.stdout.write(`${fmt(['figure', 'value', 'target', ''])}\n${lines.map(fmt).join('\n')}\n`);
}
