import { runCli } from '../fixtures/validate/cli';
import { ADMIN, BUCKET, healthyOrganisation, MEMBERS, type Mode, REGIONS } from '../support/fake-aws/organisation';
import { member } from '../support/fake-aws/state';
import { sarifValidator } from '../support/sarif-schema';
import { hookConfiguration, type JsonAudit, lineOf, useAuditHarness } from './support/harness';

/**
 * `rcfge audit` end to end (test/audit/support/harness.ts): the real CLI and SDK clients against
 * a local endpoint standing in for the CloudFormation and STS APIs (they cannot run here) and a
 * real S3-compatible server. Each test starts from a healthy organisation (two member accounts
 * x two regions, StackSet RCFGE-Hook) and breaks one thing.
 */
const { serve, audit } = useAuditHarness();

describe.each<Mode>(['Lambda', 'Registered'])('a healthy organisation (HookMode=%s)', (mode) => {
  test('every account and region is OK, the bucket answers, exit 0', async () => {
    await serve(healthyOrganisation(mode));

    const run = await audit();

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const account of MEMBERS) for (const region of REGIONS) expect(lineOf(run.stdout, account, region)).toMatch(/^OK\s/);
    expect(run.stdout).toMatch(/^OK\s+bucket\s+s3:\/\/rcfge-templates-111111111111-us-east-1\/templates\/ answers \(\d+ objects\)$/m);
    expect(run.stdout).toContain('4 account-region(s): 4 OK, 0 DRIFT, 0 CANNOT CHECK; bucket OK');
  });

  test('every place was read through its own audit role, with every check made', async () => {
    const org = await serve(healthyOrganisation(mode));

    const run = await audit(['--format', 'json']);
    const report = JSON.parse(run.stdout) as JsonAudit;

    expect(report.healthy).toBe(true);
    const expectedChecks = ['stack-instance', 'hook', 'configuration', 'stack', ...(mode === 'Lambda' ? ['function'] : [])];
    for (const place of report.places) expect(place.checks.map((c) => [c.id, c.status])).toEqual(expectedChecks.map((id) => [id, 'ok']));
    const assumed = org.calls.filter((c) => c.action === 'AssumeRole').map((c) => c.params.RoleArn).sort();
    expect(assumed).toEqual(MEMBERS.flatMap((a) => REGIONS.map((r) => `arn:aws:iam::${a}:role/RCFGEAuditRole-${r}`)).sort());
    // The member calls were made as the member account, in the place's region.
    const describeType = org.calls.filter((c) => c.action === 'DescribeType').map((c) => `${c.account}/${c.region}`).sort();
    expect(describeType).toEqual(MEMBERS.flatMap((a) => REGIONS.map((r) => `${a}/${r}`)).sort());
  });
});

describe('drift (exit 1, the place is DRIFT, the others stay OK)', () => {
  const broken = ['222222222222', 'us-east-1'] as const;

  test('a disabled Hook', async () => {
    const org = healthyOrganisation();
    hookConfiguration(member(org, ...broken)).HookInvocationStatus = 'DISABLED';
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, ...broken)).toMatch(/^DRIFT\s.*configuration: the Hook is DISABLED \(HookInvocationStatus, expected ENABLED\)/);
    expect(lineOf(run.stdout, '222222222222', 'eu-west-1')).toMatch(/^OK\s/);
    expect(lineOf(run.stdout, '333333333333', 'us-east-1')).toMatch(/^OK\s/);
  });

  test('FailureMode changed to WARN', async () => {
    const org = healthyOrganisation('Registered');
    hookConfiguration(member(org, ...broken)).FailureMode = 'WARN';
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, ...broken)).toMatch(/^DRIFT\s.*FailureMode is WARN \(expected FAIL\)/);
  });

  test('a StackSet left in WARN after a pilot is drift everywhere, unless --failure-mode WARN says it is expected', async () => {
    const org = healthyOrganisation();
    org.stackSet!.parameters.FailureMode = 'WARN';
    for (const state of org.members.values()) {
      state.stack!.parameters.FailureMode = 'WARN';
      hookConfiguration(state).FailureMode = 'WARN';
    }
    await serve(org);

    const strict = await audit();
    const pilot = await audit(['--failure-mode', 'WARN']);

    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('4 account-region(s): 0 OK, 4 DRIFT');
    expect(pilot.code).toBe(0);
  });

  test('a wrong templates bucket in the registered Hook\'s configuration', async () => {
    const org = healthyOrganisation('Registered');
    hookConfiguration(member(org, ...broken)).Properties.TemplateBucket = 'attacker-templates';
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, ...broken)).toContain(`TemplateBucket is "attacker-templates" (expected "${BUCKET}")`);
  });

  test('a wrong templates bucket in the Lambda Hook\'s function (changed outside the stack: drift detection)', async () => {
    const org = healthyOrganisation('Lambda');
    member(org, ...broken).functionDrift = {
      status: 'MODIFIED',
      differences: [{ path: '/Environment/Variables/RCFGE_TEMPLATE_BUCKET', expected: BUCKET, actual: 'attacker-templates' }],
    };
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, ...broken)).toContain(`function: RCFGE-ConfigHook was changed outside the stack: /Environment/Variables/RCFGE_TEMPLATE_BUCKET is attacker-templates (expected ${BUCKET})`);
  });

  test('a templates bucket that does not exist', async () => {
    await serve(healthyOrganisation());

    const run = await audit(['--bucket', 'rcfge-templates-gone']);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^DRIFT\s+bucket\s+s3:\/\/rcfge-templates-gone\/templates\/: the bucket does not exist$/m);
  });

  test('a missing stack instance (an account named with --accounts/--regions that the StackSet does not cover)', async () => {
    const org = healthyOrganisation();
    org.stackSet!.instances = org.stackSet!.instances.filter((i) => !(i.account === '333333333333' && i.region === 'eu-west-1'));
    org.members.delete('333333333333/eu-west-1');
    await serve(org);

    const run = await audit(['--accounts', MEMBERS.join(','), '--regions', REGIONS.join(',')]);

    expect(run.code).toBe(1);
    const line = lineOf(run.stdout, '333333333333', 'eu-west-1');
    expect(line).toMatch(/^DRIFT\s/);
    expect(line).toContain('stack-instance: no stack instance of RCFGE-Hook here');
    expect(line).toContain('hook: RCFGE::Config::LambdaHook does not exist in this account and region');
  });

  test('an OUTDATED stack instance whose last operation failed', async () => {
    const org = healthyOrganisation();
    Object.assign(org.stackSet!.instances[0], { status: 'OUTDATED', detailedStatus: 'FAILED', statusReason: 'ResourceLogicalId:HookFunction, ResourceType:AWS::Lambda::Function, ResourceStatusReason:Access denied' });
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('stack-instance: instance is OUTDATED (ResourceLogicalId:HookFunction');
  });

  test('a member stack deleted out from under the StackSet', async () => {
    const org = healthyOrganisation();
    const state = member(org, ...broken);
    delete state.stack;
    delete state.hookType;
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, ...broken)).toContain('stack: no stack holds the Hook role RCFGEHookExecutionRole-us-east-1: the member stack is missing');
  });
});

describe('cannot check (exit 2, never OK)', () => {
  test('throttling: the SDK retries, then the place is CANNOT CHECK', async () => {
    const org = healthyOrganisation();
    org.faults.push({ account: '333333333333', region: 'eu-west-1', action: 'BatchDescribeTypeConfigurations', status: 400, code: 'Throttling', message: 'Rate exceeded' });
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(2);
    const line = lineOf(run.stdout, '333333333333', 'eu-west-1');
    expect(line).toMatch(/^CANNOT CHECK\s/);
    expect(line).toContain('configuration: cannot read the type configuration: Throttling');
    const attempts = org.calls.filter((c) => c.account === '333333333333' && c.region === 'eu-west-1' && c.action === 'BatchDescribeTypeConfigurations');
    expect(attempts.length).toBe(2); // AWS_MAX_ATTEMPTS=2: retried once
  });

  test('throttling that clears on retry is OK', async () => {
    const org = healthyOrganisation();
    org.faults.push({ action: 'DescribeType', status: 400, code: 'Throttling', message: 'Rate exceeded', times: 1 });
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(0);
  });

  test('access denied: the audit role cannot be assumed in one account', async () => {
    const org = healthyOrganisation();
    org.assumableRoles.delete('arn:aws:iam::333333333333:role/RCFGEAuditRole-us-east-1');
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(2);
    const line = lineOf(run.stdout, '333333333333', 'us-east-1');
    expect(line).toMatch(/^CANNOT CHECK\s/);
    expect(line).toContain('access: cannot assume arn:aws:iam::333333333333:role/RCFGEAuditRole-us-east-1: AccessDenied (HTTP 403)');
  });

  test('access denied on one read: that check cannot be made, the place is not OK although every other check passes', async () => {
    const org = healthyOrganisation();
    org.faults.push({ account: '222222222222', region: 'eu-west-1', action: 'DescribeStacks', status: 403, code: 'AccessDenied', message: 'User is not authorized to perform: cloudformation:DescribeStacks' });
    await serve(org);

    const run = await audit(['--format', 'json']);
    const place = (JSON.parse(run.stdout) as JsonAudit).places.find((p) => p.account === '222222222222' && p.region === 'eu-west-1')!;

    expect(run.code).toBe(2);
    expect(place.status).toBe('CANNOT_CHECK');
    expect(place.checks.filter((c) => c.status !== 'ok').map((c) => c.id)).toEqual(['stack']);
  });

  test('drift outranks cannot-check in the exit code', async () => {
    const org = healthyOrganisation();
    org.assumableRoles.delete('arn:aws:iam::333333333333:role/RCFGEAuditRole-us-east-1');
    hookConfiguration(member(org, '222222222222', 'us-east-1')).HookInvocationStatus = 'DISABLED';
    await serve(org);

    expect((await audit()).code).toBe(1);
  });

  test('the StackSet cannot be read: one line on stderr, exit 2, nothing claimed', async () => {
    const org = healthyOrganisation();
    org.faults.push({ action: 'DescribeStackSet', status: 403, code: 'AccessDenied', message: 'not authorized' });
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^rcfge audit: cannot read StackSet RCFGE-Hook in us-east-1 \(CallAs DELEGATED_ADMIN\): AccessDenied/);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  test('a StackSet without instances checks nothing: exit 2', async () => {
    const org = healthyOrganisation();
    org.stackSet!.instances = [];
    await serve(org);

    const run = await audit();

    expect(run.code).toBe(2);
    expect(run.stdout).toContain('0 account-region(s) (no stack instance to check)');
  });
});

describe('hundreds of accounts', () => {
  test('--concurrency bounds the accounts checked at once, and the StackSet is read page by page', async () => {
    const accounts = Array.from({ length: 12 }, (_, i) => String(400000000000 + i));
    const org = healthyOrganisation('Lambda', { members: accounts, regions: ['us-east-1'] });
    org.delayMs = 15;
    await serve(org);

    const run = await audit(['--concurrency', '3']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('12 account-region(s): 12 OK');
    expect(org.maxInFlight).toBeLessThanOrEqual(3);
    expect(org.maxInFlight).toBeGreaterThan(1);
    expect(org.calls.filter((c) => c.action === 'ListStackInstances')).toHaveLength(4); // 12 instances, 3 per page
  });
});

describe('formats', () => {
  async function mixed(): Promise<void> {
    const org = healthyOrganisation();
    hookConfiguration(member(org, '222222222222', 'us-east-1')).FailureMode = 'WARN';
    org.assumableRoles.delete('arn:aws:iam::333333333333:role/RCFGEAuditRole-eu-west-1');
    await serve(org);
  }

  test('json: one entry per place with every check, and the expectation it used', async () => {
    await mixed();

    const run = await audit(['--format', 'json']);
    const report = JSON.parse(run.stdout) as JsonAudit & { expected: Record<string, unknown>; summary: Record<string, number> };

    expect(run.code).toBe(1);
    expect(report.healthy).toBe(false);
    expect(report.summary).toEqual({ places: 4, ok: 2, drift: 1, cannotCheck: 1 });
    expect(report.expected).toMatchObject({ hookMode: 'Lambda', failureMode: 'FAIL', templateBucket: BUCKET, templateBucketOwner: ADMIN, release: 'releases/0.1.0/' });
  });

  test('sarif: valid SARIF 2.1.0, an error per drift and a warning per check that could not be made', async () => {
    await mixed();

    const run = await audit(['--format', 'sarif']);
    const log = JSON.parse(run.stdout);
    const validate = sarifValidator();

    expect(validate(log)).toBe(true);
    const results = log.runs[0].results as { ruleId: string; level: string; message: { text: string } }[];
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['RCFGE.audit.configuration', 'error'],
      ['RCFGE.audit.access', 'warning'],
    ]);
    expect(results[0].message.text).toMatch(/^222222222222\/us-east-1: FailureMode is WARN/);
  });

  test('junit: a test case per place and one for the bucket; drift is a failure, cannot-check an error', async () => {
    await mixed();

    const run = await audit(['--format', 'junit']);

    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rcfge audit" tests="5" failures="1" errors="1">/);
    expect(run.stdout.match(/<testcase /g)).toHaveLength(5);
    expect(run.stdout).toMatch(/<testcase classname="222222222222" name="us-east-1"><failure type="DRIFT" message="configuration: FailureMode is WARN \(expected FAIL\)">/);
    expect(run.stdout).toMatch(/<testcase classname="333333333333" name="eu-west-1"><error type="CANNOT_CHECK"/);
  });
});

describe('usage', () => {
  test.each([
    [['--format', 'xml'], /--format must be one of text, json, sarif, junit/],
    [['--accounts', '12345'], /--accounts takes 12-digit account IDs/],
    [['--concurrency', '0'], /--concurrency must be an integer from 1 to 100/],
    [['--call-as', 'ME'], /--call-as must be DELEGATED_ADMIN or SELF/],
    [['--target-operations', 'RESOURCE,EVERYTHING'], /TargetOperations "RESOURCE,EVERYTHING" must list some of/],
    [['stray'], /unexpected argument "stray"/],
  ])('%j: one line on stderr, exit 2', async (args, message) => {
    await serve(healthyOrganisation());

    const run = await audit(args);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  test('no region anywhere is a usage error', async () => {
    await serve(healthyOrganisation());
    delete process.env.AWS_REGION;

    const run = await audit();

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no region: pass --region/);
  });

  test('--help explains the checks and the exit codes', async () => {
    const run = await runCli(['audit', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 every place checked and healthy; 1 drift somewhere; 2 something could not be');
  });
});
