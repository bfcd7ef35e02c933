// `npm run bench [-- --quick] [-- --only warm,cold,...]`: see BENCHMARKS.md.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBenchBundles } from './lib/build.mjs';
import { machine } from './lib/machine.mjs';
import { ROOT } from './lib/paths.mjs';
import { startBenchS3 } from './lib/s3.mjs';
import { printTable } from './lib/table.mjs';
import { REGION } from './lib/fixtures.mjs';
import { warm } from './sections/warm.mjs';
import { cold } from './sections/cold.mjs';
import { s3Traffic } from './sections/s3-traffic.mjs';
import { memory } from './sections/memory.mjs';
import { compile } from './sections/compile.mjs';
import { guard } from './sections/guard.mjs';
import { changeSet } from './sections/change-set.mjs';
import { audit } from './sections/audit.mjs';
import { cliRun } from './sections/cli-run.mjs';
import { iam } from './sections/iam.mjs';

const SECTIONS = { warm, cold, s3: s3Traffic, memory, compile, guard, 'change-set': changeSet, audit, 'cli-run': cliRun, iam };

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } },
});
const only = values.only ? values.only.split(',') : Object.keys(SECTIONS);
for (const name of only) if (!SECTIONS[name]) throw new Error(`unknown section ${name}; known: ${Object.keys(SECTIONS).join(', ')}`);

const started = Date.now();
const bundles = await buildBenchBundles();
const support = createRequire(import.meta.url)(bundles.support);
const server = await startBenchS3(support);
const env = {
  BENCH_HANDLERS: bundles.handlers,
  BENCH_SUPPORT: bundles.support,
  AWS_ENDPOINT_URL_S3: server.endpoint,
  AWS_REGION: REGION,
  AWS_EC2_METADATA_DISABLED: 'true',
};
const results = { quick: values.quick, machine: machine(), started: new Date(started).toISOString() };
const context = { quick: values.quick, bundles, support, server };
try {
  for (const name of only) {
    const t0 = Date.now();
    process.stderr.write(`bench: ${name}...`);
    const key = name === 's3' ? 's3' : name;
    results[key] = await SECTIONS[name](env, context);
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
} finally {
  await server.close();
  bundles.cleanup();
}
results.duration_s = Math.round((Date.now() - started) / 100) / 10;
const out = values.out ?? join(ROOT, 'bench', 'results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
process.stdout.write(`\nwrote ${out} in ${results.duration_s} s\n`);
