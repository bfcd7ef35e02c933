import { join } from 'node:path';
import { handler } from '../../src/config-rule/handler';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { ROOT } from '../support/paths';
import { BUCKET, healthyOrganisation, PREFIX, RELEASE } from '../support/fake-aws/organisation';
import { startFakeAws, type FakeAws } from '../support/fake-aws/server';
import { member, type FakeOrganisation } from '../support/fake-aws/state';

/**
 * The AWS Config custom rule's handler, with the real SDK clients (CloudFormation, Config, S3).
 * CloudFormation and AWS Config cannot run here: a local HTTP endpoint (test/support/fake-aws)
 * stands in for them and answers as their API references document; the templates bucket is a
 * real S3-compatible server (s3rver). The function runs as member account 222222222222 in
 * us-east-1, as Config invokes it there, and reports through PutEvaluations.
 */
const ACCOUNT = '222222222222';
const REGION = 'us-east-1';
const RULE_ARN = `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-abc123`;

let s3: LocalS3;
let aws: FakeAws;
const saved = { ...process.env };

// One endpoint for the file: the handler keeps its clients across invocations, as in a warm Lambda.
beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  await uploadTemplates(s3.client, BUCKET, PREFIX, join(ROOT, 'templates'));
  aws = await startFakeAws(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] }), { account: ACCOUNT, role: `RCFGEConfigRuleRole-${REGION}` });
  // The Lambda runtime's environment: region and the function role's credentials.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint,
    AWS_ENDPOINT_URL_CONFIG_SERVICE: aws.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: aws.accessKey,
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: REGION,
    AWS_MAX_ATTEMPTS: '2',
    AWS_CONFIG_FILE: join(ROOT, 'does-not-exist', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(ROOT, 'does-not-exist', 'credentials'),
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

// The function's log line (one per invocation) would drown the test output; one test reads it.
const logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);

beforeEach(() => logged.mockClear());

afterAll(async () => {
  logged.mockRestore();
  await aws.close();
  await s3.close();
  process.env = saved;
});

async function serve(org: FakeOrganisation): Promise<FakeOrganisation> {
  aws.use(org);
  return org;
}

/** The rule's input parameters, as the member stack writes them (rcfge-member.yaml, ConfigRule InputParameters). */
const RULE_PARAMETERS = {
  HookMode: 'Lambda',
  TargetOperations: 'RESOURCE,STACK,CHANGE_SET,CLOUD_CONTROL',
  TemplateBucket: BUCKET,
  TemplatePrefix: PREFIX,
  TemplateBucketOwner: '111111111111',
  TemplateBucketRegion: 'us-east-1',
  ArtifactsPrefix: RELEASE,
};

/** Events as the Config developer guide shows them ("Example events for AWS Config rules"). */
function scheduledEvent(parameters: Record<string, string> = RULE_PARAMETERS) {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify({ awsAccountId: ACCOUNT, notificationCreationTime: '2026-11-30T12:00:00.000Z', messageType: 'ScheduledNotification', recordVersion: '1.0' }),
    ruleParameters: JSON.stringify(parameters),
    resultToken: 'token-scheduled',
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: RULE_ARN,
    configRuleName: 'RCFGE-HookIntact',
    configRuleId: 'config-rule-abc123',
    accountId: ACCOUNT,
    evaluationMode: 'DETECTIVE',
  };
}

function changeEvent() {
  return {
    ...scheduledEvent(),
    invokingEvent: JSON.stringify({
      configurationItemDiff: { changeType: 'UPDATE', changedProperties: {} },
      configurationItem: {
        configurationItemCaptureTime: '2026-11-30T12:34:56.000Z',
        awsAccountId: ACCOUNT,
        configurationItemStatus: 'OK',
        resourceType: 'AWS::Lambda::Function',
        resourceId: 'RCFGE-ConfigHook',
        resourceName: 'RCFGE-ConfigHook',
        awsRegion: REGION,
      },
      notificationCreationTime: '2026-11-30T12:35:00.000Z',
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    }),
    resultToken: 'token-change',
  };
}

type HookConfiguration = { CloudFormationConfiguration: { HookConfiguration: Record<string, unknown> } };

/** The one evaluation Config received for the invocation. */
function reported(org: FakeOrganisation): Record<string, unknown> {
  expect(org.evaluations).toHaveLength(1);
  expect(org.evaluations[0].evaluations).toHaveLength(1);
  return org.evaluations[0].evaluations[0];
}

describe('AWS Config rule: COMPLIANT', () => {
  test('a healthy Hook, on the schedule: COMPLIANT on the account, with the notification time', async () => {
    const org = await serve(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] }));

    const outcome = await handler(scheduledEvent());

    expect(outcome.complianceType).toBe('COMPLIANT');
    expect(reported(org)).toEqual({
      ComplianceResourceType: 'AWS::::Account',
      ComplianceResourceId: ACCOUNT,
      ComplianceType: 'COMPLIANT',
      Annotation: 'OK: RCFGE::Config::LambdaHook; ENABLED, FAIL, RESOURCE,STACK,CHANGE_SET,CLOUD_CONTROL',
      OrderingTimestamp: Date.parse('2026-11-30T12:00:00.000Z') / 1000,
    });
    expect(org.evaluations[0].resultToken).toBe('token-scheduled');
    expect(outcome.checks.map((c) => [c.id, c.status])).toEqual([['hook', 'ok'], ['configuration', 'ok'], ['stack', 'ok'], ['function', 'ok'], ['bucket', 'ok']]);
    // One JSON log line per evaluation, in the function's log group.
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(logged.mock.calls[0][0]))).toMatchObject({ level: 'INFO', status: 'OK', message: `RCFGE Hook OK in ${ACCOUNT} ${REGION} (ScheduledNotification)` });
  });

  test('on a configuration change: the same checks, ordered by the configuration item\'s capture time', async () => {
    const org = await serve(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] }));

    await handler(changeEvent());

    expect(reported(org)).toMatchObject({ ComplianceType: 'COMPLIANT', OrderingTimestamp: Date.parse('2026-11-30T12:34:56.000Z') / 1000 });
    expect(org.evaluations[0].resultToken).toBe('token-change');
  });

  // The Config developer guide's oversized event carries configurationItemSummary instead of
  // configurationItem (the item itself was too large to send).
  test('on an oversized configuration change: ordered by the summary\'s capture time', async () => {
    const org = await serve(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] }));
    const event = changeEvent();
    const invoking = JSON.parse(event.invokingEvent) as Record<string, unknown>;
    const { configurationItem, ...rest } = invoking;

    await handler({ ...event, invokingEvent: JSON.stringify({ ...rest, configurationItemSummary: configurationItem, messageType: 'OversizedConfigurationItemChangeNotification' }) });

    expect(reported(org)).toMatchObject({ ComplianceType: 'COMPLIANT', OrderingTimestamp: Date.parse('2026-11-30T12:34:56.000Z') / 1000 });
  });

  test('a healthy registered Hook', async () => {
    const org = await serve(healthyOrganisation('Registered', { members: [ACCOUNT], regions: [REGION] }));

    await handler(scheduledEvent({ ...RULE_PARAMETERS, HookMode: 'Registered' }));

    expect(reported(org)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: 'OK: RCFGE::Config::Hook version 00000001; ENABLED, FAIL, RESOURCE,STACK,CHANGE_SET,CLOUD_CONTROL' });
  });
});

describe('AWS Config rule: NON_COMPLIANT, saying what drifted', () => {
  const healthy = () => healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] });
  const hookConfiguration = (org: FakeOrganisation) => (member(org, ACCOUNT, REGION).configuration as HookConfiguration).CloudFormationConfiguration.HookConfiguration;

  test('a disabled Hook', async () => {
    const org = healthy();
    hookConfiguration(org).HookInvocationStatus = 'DISABLED';
    await serve(org);

    await handler(scheduledEvent());

    expect(reported(org)).toMatchObject({ ComplianceType: 'NON_COMPLIANT', Annotation: 'DRIFT: configuration: the Hook is DISABLED (HookInvocationStatus, expected ENABLED)' });
  });

  test('a changed FailureMode', async () => {
    const org = healthy();
    hookConfiguration(org).FailureMode = 'WARN';
    await serve(org);

    await handler(scheduledEvent());

    expect(reported(org)).toMatchObject({ ComplianceType: 'NON_COMPLIANT', Annotation: 'DRIFT: configuration: FailureMode is WARN (expected FAIL)' });
  });

  test('a wrong bucket in the function\'s environment', async () => {
    const org = healthy();
    member(org, ACCOUNT, REGION).functionDrift = { status: 'MODIFIED', differences: [{ path: '/Environment/Variables/RCFGE_TEMPLATE_BUCKET', expected: BUCKET, actual: 'attacker-templates' }] };
    await serve(org);

    await handler(scheduledEvent());

    expect(reported(org).ComplianceType).toBe('NON_COMPLIANT');
    expect(reported(org).Annotation).toContain('RCFGE_TEMPLATE_BUCKET is attacker-templates');
  });

  test('a templates bucket that is gone', async () => {
    const org = healthy();
    await serve(org);

    await handler(scheduledEvent({ ...RULE_PARAMETERS, TemplateBucket: 'rcfge-templates-gone' }));

    expect(reported(org)).toMatchObject({ ComplianceType: 'NON_COMPLIANT' });
    expect(reported(org).Annotation).toContain('bucket: s3://rcfge-templates-gone/templates/: the bucket does not exist');
  });

  test('the member stack is gone (no stack instance left in this account)', async () => {
    const org = healthy();
    delete member(org, ACCOUNT, REGION).stack;
    delete member(org, ACCOUNT, REGION).hookType;
    await serve(org);

    await handler(scheduledEvent());

    expect(reported(org).ComplianceType).toBe('NON_COMPLIANT');
    expect(reported(org).Annotation).toMatch(/^DRIFT: hook: RCFGE::Config::LambdaHook does not exist in this account and region \| stack: no stack holds the Hook role/);
  });

  test('the annotation stays within the API\'s 256 characters however much drifted', async () => {
    const org = healthy();
    Object.assign(hookConfiguration(org), { HookInvocationStatus: 'DISABLED', FailureMode: 'WARN', TargetOperations: ['RESOURCE'] });
    member(org, ACCOUNT, REGION).stack!.status = 'UPDATE_ROLLBACK_COMPLETE';
    member(org, ACCOUNT, REGION).functionDrift = { status: 'MODIFIED', differences: Array.from({ length: 6 }, (_, i) => ({ path: `/Environment/Variables/V${i}`, expected: 'a', actual: 'b' })) };
    await serve(org);

    await handler(scheduledEvent());

    const annotation = String(reported(org).Annotation);
    expect(annotation.length).toBeLessThanOrEqual(256);
    expect(annotation).toMatch(/^DRIFT: configuration: the Hook is DISABLED/);
    expect(annotation.endsWith('…')).toBe(true);
  });
});

describe('AWS Config rule: cannot check is NON_COMPLIANT, never COMPLIANT', () => {
  test('throttling (after the SDK\'s retries)', async () => {
    const org = healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] });
    org.faults.push({ action: 'DescribeType', status: 400, code: 'Throttling', message: 'Rate exceeded' });
    await serve(org);

    const outcome = await handler(scheduledEvent());

    expect(outcome.complianceType).toBe('NON_COMPLIANT');
    expect(reported(org).Annotation).toMatch(/^CANNOT CHECK: hook: cannot describe RCFGE::Config::LambdaHook: Throttling/);
  });

  test('access denied to the rule\'s role', async () => {
    const org = healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] });
    org.faults.push({ action: 'BatchDescribeTypeConfigurations', status: 403, code: 'AccessDenied', message: 'not authorized to perform: cloudformation:BatchDescribeTypeConfigurations' });
    await serve(org);

    await handler(scheduledEvent());

    expect(reported(org)).toMatchObject({ ComplianceType: 'NON_COMPLIANT' });
    expect(reported(org).Annotation).toMatch(/^CANNOT CHECK: configuration: cannot read the type configuration: AccessDenied/);
  });

  test('rule parameters missing the bucket: NON_COMPLIANT, naming the parameter', async () => {
    const org = await serve(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] }));
    const { TemplateBucket: _dropped, ...incomplete } = RULE_PARAMETERS;

    await handler(scheduledEvent(incomplete));

    expect(reported(org)).toMatchObject({ ComplianceType: 'NON_COMPLIANT' });
    expect(reported(org).Annotation).toContain('TemplateBucket is not known');
  });

  test('an event without a result token is refused before anything is called', async () => {
    const org = await serve(healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] }));
    const { resultToken: _dropped, ...event } = scheduledEvent();

    await expect(handler(event)).rejects.toThrow(/no resultToken/);
    expect(org.calls).toEqual([]);
  });
});

// Last in the file: the abandoned checks keep calling the slow endpoint after the verdict.
describe('AWS Config rule: a deadline inside the function\'s timeout', () => {
  test('APIs that do not answer in time: CANNOT CHECK is still reported before the function\'s timeout', async () => {
    const org = healthyOrganisation('Lambda', { members: [ACCOUNT], regions: [REGION] });
    org.delayMs = 1500;
    await serve(org);
    // 11 s left: 10 s are kept for reporting, so the checks get 1 s and every call takes 1.5 s.
    const context = { getRemainingTimeInMillis: () => 11_000 };

    const outcome = await handler(scheduledEvent(), context);

    expect(outcome.complianceType).toBe('NON_COMPLIANT');
    expect(reported(org).Annotation).toBe('CANNOT CHECK: hook: no answer from the AWS APIs within 1 s; the checks were abandoned');
  });
});
