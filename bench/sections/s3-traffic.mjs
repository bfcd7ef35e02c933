import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { compliantResources, hookRequest } from '../lib/fixtures.mjs';
import { countGets } from '../lib/s3.mjs';

const TYPES = 10;
const RESOURCES = 500;
/** Long enough for the cold and warm passes to fit inside it, short enough to wait out. */
const TTL_S = 8;

/** A 500-resource stack over 10 baseline types, every resource compliant with its template. */
function stackRequests(support) {
  const byType = [...compliantResources(support)].slice(0, TYPES);
  if (byType.length < TYPES) throw new Error(`only ${byType.length} types have compliant example properties`);
  return Array.from({ length: RESOURCES }, (_, i) => {
    const [typeName, properties] = byType[i % TYPES];
    const logicalId = `${typeName.split('::')[2]}${i}`;
    return hookRequest({ typeName, logicalId, properties, hookModel: { CacheTtlSeconds: String(TTL_S) } });
  });
}

/** 3. S3 traffic: GETs served by the local S3 server per phase of one runtime. */
export async function s3Traffic(env, { support, server }) {
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-s3-'));
  try {
    const requests = stackRequests(support);
    const file = join(dir, 'requests.json');
    writeFileSync(file, JSON.stringify(requests));
    const marks = {};
    const r = await runWorker('s3-traffic.cjs', {
      env: { ...env, BENCH_REQUESTS: file, BENCH_TTL_S: String(TTL_S) },
      onMessage: (message, child) => {
        marks[message.phase] = server.requests.length;
        child.send('ack');
      },
    });
    const cold = countGets(server.requests, marks.start, marks.cold);
    const warm = countGets(server.requests, marks.cold, marks.warm);
    const after = countGets(server.requests, marks.warm, marks.after_ttl);
    return {
      resources: RESOURCES,
      distinct_types: new Set(requests.map((q) => q.requestData.targetName)).size,
      types: [...new Set(requests.map((q) => q.requestData.targetName))],
      ttl_s: TTL_S,
      cold_gets: cold.gets,
      warm_gets: warm.gets,
      after_ttl_gets: after.gets,
      after_ttl_conditional_gets: after.conditional,
      cold_and_warm_pass_ms: Math.round(r.coldAndWarmMs),
      statuses: { cold: r.cold.statuses, warm: r.warm.statuses, after_ttl: r.afterTtl.statuses },
      pass_ms: { cold: Math.round(r.cold.ms), warm: Math.round(r.warm.ms), after_ttl: Math.round(r.afterTtl.ms) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
