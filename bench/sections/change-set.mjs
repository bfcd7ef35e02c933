import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { ACCOUNT, asCfnStrings, BUCKET, compliantResources, exampleRequest, hookRequest, REGION, STACK_ID } from '../lib/fixtures.mjs';
import { generateTemplates } from '../lib/generated-templates.mjs';
import { TEMPLATES } from '../lib/paths.mjs';
import { median, round } from '../lib/stats.mjs';

const TYPES = 20;
const RESOURCES = 500;
const PREFIX = 'change-set/';

/** Whether the engine passes these properties (as CloudFormation sends them) for the type, with the example's parameters. */
async function complies(support, enforcer, typeName, properties) {
  const params = JSON.parse(exampleRequest().hookModel.TemplateParameters);
  const ctx = { accountID: ACCOUNT, region: REGION, partition: 'aws', stackId: STACK_ID, stackName: 'demo-stack', logicalResourceId: 'R', typeName, hookTypeName: 'RCFGE::Config::Hook', params };
  const verdict = await enforcer.check({ typeName, logicalId: 'R', operation: 'CREATE', properties: asCfnStrings(properties) }, ctx);
  return verdict.status === 'PASS';
}

/**
 * 20 types, every resource compliant: the baseline types whose example properties comply,
 * then templates `rcfge init` derives from registry schemas for which `{}` complies, all
 * under one prefix of the local S3 server.
 */
async function typesAndTemplates(support, dir) {
  for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.json') && !f.startsWith('parameters'))) copyFileSync(join(TEMPLATES, file), join(dir, file));
  const generated = join(dir, 'generated');
  mkdirSync(generated);
  generateTemplates(support, generated, 80);
  for (const file of readdirSync(generated)) if (!readdirSync(dir).includes(file)) copyFileSync(join(generated, file), join(dir, file));
  rmSync(generated, { recursive: true, force: true });
  const provider = new support.CachingTemplateProvider(new support.DirectoryTemplateStore(dir), { ttlMs: 3_600_000, maxStaleMs: 0 });
  const enforcer = new support.Enforcer(provider, { missingTemplateAction: 'FAIL' });
  const candidates = [...compliantResources(support)];
  for (const file of readdirSync(dir).filter((f) => !readdirSync(TEMPLATES).includes(f))) candidates.push([JSON.parse(readFileSync(join(dir, file), 'utf8')).typeName, {}]);
  const types = [];
  for (const [typeName, properties] of candidates) {
    if (types.length === TYPES) break;
    if (await complies(support, enforcer, typeName, properties)) types.push([typeName, properties]);
  }
  if (types.length < TYPES) throw new Error(`only ${types.length} types for the change set`);
  return types;
}

/** 500 CREATE changes over 20 types, contexts as JSON strings with string values, as CloudFormation sends them. */
function changeSetPayload(types) {
  const changedResources = Array.from({ length: RESOURCES }, (_, i) => {
    const [type, properties] = types[i % types.length];
    return {
      action: 'CREATE',
      beforeContext: null,
      afterContext: JSON.stringify({ Properties: asCfnStrings(properties) }),
      lineNumber: 3 + i * 6,
      logicalResourceId: `${type.split('::')[2]}${i}`,
      resourceType: type,
    };
  });
  return JSON.stringify({ template: '', changedResources });
}

function changeSetRequest(payloadUrl) {
  const base = exampleRequest();
  const changeSetId = STACK_ID.replace(':stack/demo-stack/', ':changeSet/bench-change/');
  return {
    ...base,
    changeSetId,
    hookModel: { ...base.hookModel, TemplatePrefix: PREFIX },
    requestData: { ...base.requestData, targetName: 'CHANGE_SET', targetType: 'CHANGE_SET', targetLogicalId: changeSetId, targetModel: null, payload: payloadUrl },
  };
}

/**
 * 7. A change set of 500 resources over 20 types through the CHANGE_SET target: time to the
 * one verdict in a fresh runtime (payload and 20 templates fetched from the local S3 server,
 * at most 8 at a time; 20 compiles) and warm (payload fetched again, templates cached); and
 * the same 500 resources as 500 RESOURCE invocations in a fresh runtime, for the ratio.
 */
export async function changeSet(env, { quick, support, server }) {
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-change-set-'));
  try {
    const types = await typesAndTemplates(support, dir);
    await support.uploadTemplates(server.client, BUCKET, PREFIX, dir);
    const payload = changeSetPayload(types);
    const url = await support.presignedPayload(server.client, BUCKET, 'payloads/bench-change-set.json', payload, 3600);
    const requestFile = join(dir, 'change-set-request.json');
    writeFileSync(requestFile, JSON.stringify(changeSetRequest(url)));
    const resourceRequests = JSON.parse(payload).changedResources.map((c) =>
      hookRequest({ typeName: c.resourceType, logicalId: c.logicalResourceId, properties: JSON.parse(c.afterContext).Properties, hookModel: { TemplatePrefix: PREFIX } }),
    );
    const resourcesFile = join(dir, 'resource-requests.json');
    writeFileSync(resourcesFile, JSON.stringify(resourceRequests));
    const runs = quick ? 3 : 7;
    const warmRuns = quick ? 20 : 50;
    const cs = [];
    const rs = [];
    // Alternating processes, so a busy minute on this shared machine hits both alike.
    for (let i = 0; i < runs; i++) {
      const gets = server.requests.length;
      cs.push({ ...(await runWorker('change-set.cjs', { env: { ...env, BENCH_MODE: 'change-set', BENCH_REQUEST: requestFile, BENCH_WARM_RUNS: String(warmRuns) } })), requests: server.requests.slice(gets) });
      rs.push(await runWorker('change-set.cjs', { env: { ...env, BENCH_MODE: 'resources', BENCH_REQUESTS: resourcesFile, BENCH_WARM_RUNS: '3' } }));
    }
    const coldMs = median(cs.map((r) => r.coldMs));
    const warmMs = median(cs.flatMap((r) => r.warmMs));
    const resourcesCold = median(rs.map((r) => r.coldMs));
    const resourcesWarm = median(rs.flatMap((r) => r.warmMs));
    const firstRun = cs[0].requests.filter((r) => r.method === 'GET');
    return {
      resources: RESOURCES,
      types: types.length,
      type_names: types.map(([t]) => t),
      payload_bytes: Buffer.byteLength(payload),
      processes: runs,
      warm_runs_per_process: warmRuns,
      statuses: [...new Set(cs.flatMap((r) => r.statuses))],
      annotations: cs[0].annotations,
      message_head: cs[0].message,
      cold_gets: firstRun.filter((r) => r.url.includes(`/${PREFIX}`)).length,
      cold_payload_gets: firstRun.filter((r) => r.url.includes('/payloads/')).length,
      load_median_ms: round(median(cs.map((r) => r.loadMs)), 1),
      cold_median_ms: round(coldMs, 1),
      warm_median_ms: round(warmMs, 2),
      warm_max_ms: round(Math.max(...cs.flatMap((r) => r.warmMs)), 2),
      resource_level_statuses: [...new Set(rs.flatMap((r) => r.statuses))],
      resource_level_cold_500_ms: round(resourcesCold, 1),
      resource_level_warm_500_ms: round(resourcesWarm, 2),
      ratio_cold_to_resource_level: round(coldMs / resourcesCold),
      ratio_warm_to_resource_level: round(warmMs / resourcesWarm),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
