import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../scripts/build.mjs';
import { timeProcess } from '../lib/child.mjs';
import { ACCOUNT, REGION, asCfnStrings, benchBucket, bucketStack, hookRequest } from '../lib/fixtures.mjs';
import { CFN_GUARD, GUARD_S3_RULES, TEMPLATES, WORKERS } from '../lib/paths.mjs';
import { median, round } from '../lib/stats.mjs';

const BUCKETS = 500;
const NODE_ENV = { NODE_NO_WARNINGS: '1' };

/** Alternates the two commands so both see the same machine load; returns their wall times. */
async function alternate(runs, a, b) {
  const times = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    times.a.push((await a()).ms);
    times.b.push((await b()).ms);
  }
  return times;
}

function rcfgeVerdicts(stdout) {
  const report = JSON.parse(stdout);
  const counts = {};
  for (const r of report.resources) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** 6. Side by side with cfn-guard 3.1.1 and the Control Tower S3 rules, whole processes. */
export async function guard(env, { quick, bundles }) {
  const runs = quick ? 3 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-guard-'));
  try {
    const cli = join(bundles.dir, 'cli.js');
    await buildCli(cli);
    const stack = join(dir, 'buckets.json');
    writeFileSync(stack, JSON.stringify(bucketStack(BUCKETS), null, 2));

    // Whole template: `rcfge validate` (local templates folder) vs `cfn-guard validate`.
    const rcfgeArgs = [join(WORKERS, 'rcfge-cli.cjs'), 'validate', stack, '--format', 'json', '--templates', TEMPLATES, '--account', ACCOUNT, '--region', REGION];
    const rcfge = () => timeProcess(process.execPath, rcfgeArgs, { env: { ...NODE_ENV, BENCH_CLI: cli } });
    const guardArgs = ['validate', '--rules', GUARD_S3_RULES, '--data', stack];
    const cfnGuard = () => timeProcess(CFN_GUARD, guardArgs);
    // One unmeasured run each checks the verdicts (cfn-guard exits non-zero on a FAIL) and warms the page cache.
    const check = await rcfge();
    await cfnGuard();
    const whole = await alternate(runs, rcfge, cfnGuard);

    // Per resource: 500 hook-format documents for cfn-guard, 500 HookInvocationRequests for the handler.
    const docs = join(dir, 'guard-docs');
    const requests = join(dir, 'requests');
    mkdirSync(docs);
    mkdirSync(requests);
    for (let i = 0; i < BUCKETS; i++) {
      const name = `${String(i).padStart(4, '0')}.json`;
      writeFileSync(join(docs, name), JSON.stringify({ 'AWS::S3::Bucket': { resourceProperties: benchBucket(i) } }));
      // CloudFormation sends primitives as strings; the handler coerces them (more work, not less).
      const request = hookRequest({ typeName: 'AWS::S3::Bucket', logicalId: `Bucket${i}`, properties: asCfnStrings(benchBucket(i)) });
      writeFileSync(join(requests, name), JSON.stringify(request));
    }
    const handler = () => timeProcess(process.execPath, [join(WORKERS, 'hook-batch.cjs')], { env: { ...env, ...NODE_ENV, BENCH_REQUEST_DIR: requests } });
    const guardDocs = () => timeProcess(CFN_GUARD, ['validate', '--rules', GUARD_S3_RULES, '--data', docs]);
    await handler();
    await guardDocs();
    const perResource = await alternate(runs, handler, guardDocs);

    const rcfgeMs = median(whole.a);
    const guardMs = median(whole.b);
    return {
      buckets: BUCKETS,
      runs,
      timer: 'repeated spawns, alternating, after one unmeasured verdict-checking run each',
      cfn_guard_version: (await timeProcess(CFN_GUARD, ['--version'])).stdout.trim(),
      guard_rules: 'control-tower/cfn-guard/s3 (11 rules)',
      rcfge_verdicts: rcfgeVerdicts(check.stdout),
      rcfge_ms: round(rcfgeMs, 1),
      cfn_guard_ms: round(guardMs, 1),
      ratio: round(rcfgeMs / guardMs),
      per_resource: {
        rcfge_ms: round(median(perResource.a), 1),
        cfn_guard_ms: round(median(perResource.b), 1),
        ratio: round(median(perResource.a) / median(perResource.b)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
