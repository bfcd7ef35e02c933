import { healthyOrganisation, RELEASE } from '../support/fake-aws/organisation';
import { type FakeOrganisation, member } from '../support/fake-aws/state';
import { hookConfiguration, lineOf, useAuditHarness } from './support/harness';

/**
 * Each thing `rcfge audit` promises to check (issue 14 item 2: the Hook enabled at the expected
 * version, every setting of its type configuration, the stack instance current and not drifted,
 * the member stack as the StackSet deployed it, the templates bucket answering), broken alone in
 * one account and region of an otherwise healthy organisation, against the stand-in for the
 * CloudFormation and STS APIs (test/audit/support/harness.ts): that place is DRIFT (or CANNOT
 * CHECK), saying what, and the run exits 1 (2).
 */
const { serve, audit } = useAuditHarness();
const BROKEN = ['333333333333', 'eu-west-1'] as const;

async function auditBroken(org: FakeOrganisation, args: string[] = []) {
  await serve(org);
  const run = await audit(args);
  return { ...run, line: lineOf(run.stdout, ...BROKEN), others: run.stdout.split('\n').filter((l) => /^(OK|DRIFT|CANNOT CHECK)\s+\d{12}/.test(l) && !l.includes(`  ${BROKEN[0]}  ${BROKEN[1]} `)) };
}

describe('type configuration: every expected setting is compared', () => {
  test.each([
    ['TargetOperations narrowed to RESOURCE (stack-level operations unjudged)', 'Lambda', (c: ReturnType<typeof hookConfiguration>) => { c.TargetOperations = ['RESOURCE']; }, 'configuration: TargetOperations is RESOURCE (expected RESOURCE,STACK,CHANGE_SET,CLOUD_CONTROL)'],
    ['TemplatePrefix pointing elsewhere', 'Registered', (c: ReturnType<typeof hookConfiguration>) => { c.Properties.TemplatePrefix = 'drafts/'; }, 'TemplatePrefix is "drafts/" (expected "templates/")'],
    ['TemplateBucketOwner of another account', 'Registered', (c: ReturnType<typeof hookConfiguration>) => { c.Properties.TemplateBucketOwner = '999999999999'; }, 'TemplateBucketOwner is "999999999999" (expected "111111111111")'],
    ['MissingTemplateAction ALLOW (unapproved types pass)', 'Registered', (c: ReturnType<typeof hookConfiguration>) => { c.Properties.MissingTemplateAction = 'ALLOW'; }, 'MissingTemplateAction is "ALLOW" (expected "FAIL")'],
    ['the Lambda Hook invoking another function', 'Lambda', (c: ReturnType<typeof hookConfiguration>) => { c.Properties.LambdaFunction = 'arn:aws:lambda:eu-west-1:333333333333:function:always-success'; }, 'LambdaFunction is "arn:aws:lambda:eu-west-1:333333333333:function:always-success" (expected "arn:aws:lambda:eu-west-1:333333333333:function:RCFGE-ConfigHook")'],
  ] as const)('%s', async (_name, mode, breakIt, message) => {
    const org = healthyOrganisation(mode);
    breakIt(hookConfiguration(member(org, ...BROKEN)));

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toMatch(/^DRIFT\s/);
    expect(run.line).toContain(message);
    expect(run.others.every((l) => l.startsWith('OK'))).toBe(true);
  });
});

describe('the Hook at the expected version', () => {
  test('registered: a default version other than the one the member stack registered', async () => {
    const org = healthyOrganisation('Registered');
    member(org, ...BROKEN).hookType!.defaultVersionId = '00000002';

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain('hook: RCFGE::Config::Hook default version is 00000002, not 00000001 (the version the member stack registered)');
  });

  test('a member stack still on the previous release (ArtifactsPrefix)', async () => {
    const org = healthyOrganisation();
    member(org, ...BROKEN).stack!.parameters.ArtifactsPrefix = 'releases/0.0.9/';

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain(`stack: parameter ArtifactsPrefix is "releases/0.0.9/" (expected "${RELEASE}")`);
  });

  test('a deprecated Hook type', async () => {
    const org = healthyOrganisation('Registered');
    member(org, ...BROKEN).hookType!.deprecated = true;

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain('hook: RCFGE::Config::Hook is deprecated');
  });
});

describe('the stack instance and the member stack', () => {
  test('a stack instance the StackSet found DRIFTED', async () => {
    const org = healthyOrganisation();
    org.stackSet!.instances.find((i) => i.account === BROKEN[0] && i.region === BROKEN[1])!.driftStatus = 'DRIFTED';

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain('stack-instance: instance has drifted from the StackSet template');
  });

  test('a member stack whose last drift detection found DRIFTED resources', async () => {
    const org = healthyOrganisation();
    member(org, ...BROKEN).stack!.driftStatus = 'DRIFTED';

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toMatch(/stack: resources drifted from the template \(aws cloudformation describe-stack-resource-drifts --stack-name StackSet-RCFGE-Hook-[0-9a-f-]+\)/);
  });

  test('a member stack rolled back', async () => {
    const org = healthyOrganisation();
    Object.assign(member(org, ...BROKEN).stack!, { status: 'UPDATE_ROLLBACK_COMPLETE', statusReason: 'Resource update cancelled' });

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain('is UPDATE_ROLLBACK_COMPLETE (Resource update cancelled)');
  });

  test('the Hook role owned by a stack the StackSet did not deploy', async () => {
    const org = healthyOrganisation();
    member(org, ...BROKEN).stack!.name = 'my-own-hook';

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain("stack: the Hook's role belongs to stack my-own-hook, not to a StackSet instance (StackSet-RCFGE*): deployed outside the StackSet");
  });

  test('a member stack CloudFormation no longer describes (deleted after its resources were listed) is DRIFT', async () => {
    const org = healthyOrganisation();
    const name = member(org, ...BROKEN).stack!.name;
    org.faults.push({ account: BROKEN[0], region: BROKEN[1], action: 'DescribeStacks', status: 400, code: 'ValidationError', message: `Stack with id ${name} does not exist` });

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain(`stack: stack ${name} does not exist`);
  });

  test('an operation in progress is CANNOT CHECK, not OK', async () => {
    const org = healthyOrganisation();
    member(org, ...BROKEN).stack!.status = 'UPDATE_IN_PROGRESS';

    const run = await auditBroken(org);

    expect(run.code).toBe(2);
    expect(run.line).toMatch(/^CANNOT CHECK\s.*stack: StackSet-RCFGE-Hook-\S+ is UPDATE_IN_PROGRESS; check again when the operation ends/);
  });
});

describe('the templates bucket', () => {
  test('a prefix that holds no template: the Hook would refuse every type', async () => {
    await serve(healthyOrganisation());

    const run = await audit(['--prefix', 'nothing-here/']);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^DRIFT\s+bucket\s+s3:\/\/\S+\/nothing-here\/ holds no template: the Hook refuses every type$/m);
  });
});

describe('a type configuration that cannot be read', () => {
  test('none at all (TypeConfigurationNotFound): DRIFT, a Hook without configuration judges nothing', async () => {
    const org = healthyOrganisation('Registered');
    delete member(org, ...BROKEN).configuration;

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toMatch(/^DRIFT\s.*configuration: the Hook has no type configuration \(TypeConfigurationNotFoundException\): it judges nothing/);
  });

  test('an entry in Errors (a 3-character ErrorCode, as documented) other than not-found: CANNOT CHECK', async () => {
    const org = healthyOrganisation();
    member(org, ...BROKEN).configurationError = { code: '500', message: 'Internal error reading the configuration' };

    const run = await auditBroken(org);

    expect(run.code).toBe(2);
    expect(run.line).toMatch(/^CANNOT CHECK\s.*configuration: cannot read the type configuration: 500: Internal error reading the configuration/);
  });

  test('an entry in Errors saying not found (404): DRIFT', async () => {
    const org = healthyOrganisation();
    member(org, ...BROKEN).configurationError = { code: '404', message: 'Type configuration not found' };

    const run = await auditBroken(org);

    expect(run.code).toBe(1);
    expect(run.line).toContain('configuration: the Hook has no type configuration (404): it judges nothing');
  });
});
