import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { ACCOUNT, BUCKET, REGION, hookRequest } from '../lib/fixtures.mjs';
import { TEMPLATES } from '../lib/paths.mjs';
import { median, percentile, round } from '../lib/stats.mjs';

/** Services a realistic application role touches; three catalogue actions each, read from the catalogue itself. */
const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'kms', 'logs', 'lambda', 'ecr', 'ecs', 'cloudwatch', 'xray', 'secretsmanager', 'ssm', 'states', 'events', 'kinesis', 'firehose', 'athena', 'glue'];

/** An AWS::IAM::Role whose inline policy has 20 statements (19 services + a Deny), compliant with the baseline. */
export function twentyStatementRole(catalogue) {
  const statements = SERVICES.map((service, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: catalogue.services[service].filter((a) => /^(Get|Describe|List|Put|Send|Create)/.test(a)).slice(0, 3).map((a) => `${service}:${a}`),
    Resource: `arn:aws:${service}:${REGION}:${ACCOUNT}:bench-${i}`,
  }));
  statements.push({ Sid: 'Guardrail', Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' });
  return {
    PermissionsBoundary: 'arn:aws:iam::111122223333:policy/rcfge-boundary',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    Policies: [{ PolicyName: 'application', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  };
}

/** The role template without the policy keywords: the same request judged without the catalogue. */
function withoutPolicyKeywords(node) {
  if (Array.isArray(node)) return node.map(withoutPolicyKeywords);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'policyStatement' && k !== 'maxPolicyLength').map(([k, v]) => [k, withoutPolicyKeywords(v)]));
}

/** Bytes of the IAM catalogue code in the Hook bundle (engine/iam and the two keywords). */
function iamCodeBytes(metafile) {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output.inputs)
    .filter(([input]) => /src\/engine\/(iam\/|keywords\/(policy-statement|max-policy-length))/.test(input))
    .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
}

/**
 * 7. IAM policies (`iam`): a warm invocation of a role with a 20-statement policy, with and
 * without the policy keywords (same run); the cold load of the full catalogue (parse, and a
 * fresh runtime's first request: template + catalogue GET, compile, parse); the share of the
 * bundle that the catalogue code takes (the catalogue itself is data, never bundled).
 */
export async function iam(env, { quick, bundles, server }) {
  const catalogueText = readFileSync(join(TEMPLATES, 'iam-actions.json'), 'utf8');
  const properties = twentyStatementRole(JSON.parse(catalogueText));
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-iam-'));
  try {
    const role = JSON.parse(readFileSync(join(TEMPLATES, 'aws-iam-role.json'), 'utf8'));
    await server.client.send(new (await import('@aws-sdk/client-s3')).PutObjectCommand({ Bucket: BUCKET, Key: 'nokeyword/aws-iam-role.json', Body: JSON.stringify(withoutPolicyKeywords(role)) }));
    const withKeyword = join(dir, 'role.json');
    const without = join(dir, 'role-nokeyword.json');
    writeFileSync(withKeyword, JSON.stringify(hookRequest({ typeName: 'AWS::IAM::Role', logicalId: 'AppRole', properties })));
    writeFileSync(without, JSON.stringify(hookRequest({ typeName: 'AWS::IAM::Role', logicalId: 'AppRole', properties, hookModel: { TemplatePrefix: 'nokeyword/' } })));
    const n = quick ? 2000 : 10_000;
    const r = await runWorker('iam.cjs', {
      env: { ...env, BENCH_N: String(n), BENCH_ROLE: withKeyword, BENCH_ROLE_NOKEYWORD: without, BENCH_CATALOGUE: join(TEMPLATES, 'iam-actions.json'), BENCH_COLD_ROUNDS: quick ? '5' : '15' },
    });
    const keywordMedian = median(r.withUs);
    const withoutMedian = median(r.withoutUs);
    return {
      statements: properties.Policies[0].PolicyDocument.Statement.length,
      actions: properties.Policies[0].PolicyDocument.Statement.reduce((sum, s) => sum + s.Action.length, 0),
      warm_role_median_us: round(keywordMedian),
      warm_role_p99_us: round(percentile(r.withUs, 99)),
      warm_role_without_keywords_median_us: round(withoutMedian),
      keyword_cost_median_us: round(keywordMedian - withoutMedian),
      ratio_to_without_keywords: round(keywordMedian / withoutMedian),
      catalogue_bytes: Buffer.byteLength(catalogueText),
      catalogue_parse_median_ms: round(median(r.parseMs), 2),
      catalogue_first_judgement_median_ms: round(median(r.firstJudgementMs), 2),
      cold_runtime_first_request_median_ms: round(median(r.coldWithMs), 1),
      cold_runtime_first_request_without_keywords_median_ms: round(median(r.coldWithoutMs), 1),
      cold_catalogue_load_median_ms: round(median(r.coldWithMs) - median(r.coldWithoutMs), 1),
      bundle_iam_code_bytes: iamCodeBytes(bundles.metafile),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
