import { join } from 'node:path';
import { HookRuntime } from '../../src/hook/runtime';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { captureLog, hookEnv, hookRequest, invoke } from '../support/hook-fixtures';
import { byId, FIXTURE_TEMPLATES, FIXTURES, type JsonReport, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';

/**
 * The findings contract (issue 10 item 7) through both faces: the Hook handler on a real
 * HookInvocationRequest against s3rver, and `rcfge validate --format json`, on the same
 * template (test/fixtures/validate/templates/aws-s3-bucket.json, which names one rule) and
 * the same properties (OpenBucket of mixed.yaml). They must file the same findings under
 * the same rules, and the Hook's log line must carry rule and title on every finding.
 */
const BUCKET = 'rcfge-rules';
const OPEN_BUCKET = {
  WebsiteConfiguration: { IndexDocument: 'index.html' },
  NotificationConfiguration: { TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: 'arn:aws:sns:us-east-1:444455556666:t' }] },
  Tags: [{ Key: 'secret-project', Value: 'x' }],
};

let s3: LocalS3;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  await uploadTemplates(s3.client, BUCKET, 'templates/', join(ROOT, FIXTURE_TEMPLATES));
  env = { ...hookEnv(s3.endpoint), AWS_REGION: 'us-east-1' };
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_S3;
  await s3.close();
});

async function hookVerdict() {
  const request = hookRequest({
    typeName: 'AWS::S3::Bucket',
    logicalId: 'OpenBucket',
    properties: OPEN_BUCKET,
    hookModel: { TemplateBucket: BUCKET, TemplatePrefix: 'templates/', TemplateParameters: JSON.stringify({ AllowedTagKeys: ['team', 'cost-center'] }) },
  }) as unknown as Record<string, any>;
  request.awsAccountId = '123456789012';
  request.stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1';
  const log = captureLog();
  const response = await invoke(request, new HookRuntime(env), env, log);
  const verdictLine = log.lines.map((l) => JSON.parse(l)).find((l) => Array.isArray(l.findings));
  return { response, findings: verdictLine?.findings as Array<Record<string, unknown>> };
}

describe('rules on findings, Hook and validate alike', () => {
  it('files every finding under the same rule and title in the Hook log line and in validate JSON', async () => {
    const hook = await hookVerdict();
    const run = await runCli(['validate', `${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--format', 'json']);
    const cli = byId(JSON.parse(run.stdout) as JsonReport, 'OpenBucket').findings as unknown as Array<Record<string, unknown>>;
    const key = (f: Record<string, unknown>) => `${String(f.path)} ${String(f.rule)} ${String(f.title)}`;
    expect(hook.response.hookStatus).toBe('FAILED');
    expect(hook.findings.map(key).sort()).toEqual(cli.map(key).sort());
    expect(cli.map((f) => f.rule)).toEqual(['RCFGE.required', 'RCFGE.additionalProperties', 'FIX-S3-2', 'RCFGE.enum']);
    for (const f of [...hook.findings, ...cli]) {
      expect(typeof f.rule).toBe('string');
      expect(String(f.title).length).toBeGreaterThan(5);
    }
    const topic = cli.find((f) => f.rule === 'FIX-S3-2');
    expect(topic).toMatchObject({ remediation: "Create the topic in this stack's account and region.", controls: ['FIX.S3.2'] });
    expect(hook.findings.find((f) => f.rule === 'FIX-S3-2')).toMatchObject({ remediation: topic?.remediation, controls: topic?.controls });
  });

  it('writes [RULE] Title: /path message in the Hook message, and the same with the line in validate text', async () => {
    const hook = await hookVerdict();
    expect(hook.response.message).toContain('[FIX-S3-2] Buckets notify only topics of their own account and region: /NotificationConfiguration/TopicConfigurations/0/Topic value "arn:aws:sns:us-east-1:444455556666:t" does not match');
    expect(hook.response.message).toContain("Remediation: [FIX-S3-2] Create the topic in this stack's account and region. Encrypt the bucket");
    const text = await runCli(['validate', `${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS]);
    expect(text.stdout).toContain('  [FIX-S3-2] Buckets notify only topics of their own account and region: /NotificationConfiguration/TopicConfigurations/0/Topic (line 50) value "arn:aws:sns:us-east-1:444455556666:t" does not match');
  });
});
