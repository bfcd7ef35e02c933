/**
 * The service control policies of stacksets/rcfge-scp.yaml, decided offline by
 * iam-simulate for an administrator (AdministratorAccess, `*:*`) of a member
 * account and for the StackSets execution role. Each test names the statement
 * it depends on; the mutation tests show each condition is what makes it pass.
 */
import fc from 'fast-check';
import { HOOK_FUNCTION_ARN, HOOK_LOG_GROUP_ARN, HOOK_ROLE, MEMBER, REGION, properties, renderAdmin, renderMember, renderScp, scpDocuments, type PolicyDocument } from './support/org';
import { ADMINISTRATOR_ACCESS, decide, dropAction, dropConditionKey, mutate, withoutStatement, type Caller } from './support/simulate';

const SCP_MAX_CHARACTERS = 5120;
// An OU takes at most 5 SCPs, and FullAWSAccess (or an allow list) takes one.
const SCP_MAX_PER_TARGET = 5 - 1;

const scps = scpDocuments(renderScp());
const scp = (name: string): PolicyDocument => {
  const found = scps.find((p) => p.name === name);
  if (!found) throw new Error(`no SCP named ${name}`);
  return found.policy;
};
const replace = (name: string, policy: PolicyDocument) => scps.map((p) => (p.name === name ? { name, policy } : p));

// The IAM actions of access level Write, Permissions management or Tagging whose
// resource type is `role` (Service Authorization Reference), but
// CreateServiceLinkedRole (see the comment in rcfge-scp.yaml).
const STACKSETS_EXEC_ROLE_MUTATIONS = [
  'iam:AttachRolePolicy', 'iam:CreateRole', 'iam:DeleteRole', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteRolePolicy',
  'iam:DeleteServiceLinkedRole', 'iam:DetachRolePolicy', 'iam:PassRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy',
  'iam:TagRole', 'iam:UntagRole', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateRole', 'iam:UpdateRoleDescription',
];

// CloudFormation's Write actions on the `stack` resource type, but DeleteChangeSet
// (changes nothing) and RecordHandlerProgress (resource providers report with it).
const HOOK_STACK_ACTIONS = [
  'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback', 'cloudformation:CreateChangeSet',
  'cloudformation:CreateStack', 'cloudformation:CreateStackRefactor', 'cloudformation:DeleteStack',
  'cloudformation:ExecuteChangeSet', 'cloudformation:ExecuteStackRefactor', 'cloudformation:RollbackStack',
  'cloudformation:SetStackPolicy', 'cloudformation:SignalResource', 'cloudformation:TagResource',
  'cloudformation:UntagResource', 'cloudformation:UpdateStack', 'cloudformation:UpdateTerminationProtection',
];

const administrator: Caller = { account: MEMBER, role: 'Administrator', inOrg: true };
const stackSetsExec: Caller = { account: MEMBER, role: 'stacksets-exec-0123456789abcdef', inOrg: true };
const viaCloudFormation = { 'aws:CalledViaFirst': 'cloudformation.amazonaws.com', 'aws:CalledVia': ['cloudformation.amazonaws.com'] };

// KMS honours identity policies only where the key policy delegates to the account (the default key policy).
const DEFAULT_KEY_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: 'kms:*', Resource: '*' }],
};

const ask = (caller: Caller, action: string, resource: string, options: { context?: Record<string, string | string[]>; policies?: typeof scps } = {}) =>
  decide({
    caller, action, resource, resourceAccount: MEMBER,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMINISTRATOR_ACCESS }],
    scps: options.policies ?? scps,
    ...(resource.startsWith('arn:aws:kms:') ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
    ...(options.context ? { context: options.context } : {}),
  });

describe('SCP documents', () => {
  test.each(scps.map((p) => [p.name, p.policy] as const))('%s is at most 5,120 characters as minified JSON', (_name, policy) => {
    expect(JSON.stringify(policy).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
  });

  test(`RCFGE needs at most ${SCP_MAX_PER_TARGET} SCPs per target`, () => {
    expect(scps.length).toBeGreaterThan(0);
    expect(scps.length).toBeLessThanOrEqual(SCP_MAX_PER_TARGET);
  });

  test('every statement has a Sid, unique across the policies (tests and incident responders cite them)', () => {
    const sids = scps.flatMap((p) => p.policy.Statement.map((s) => s.Sid));

    expect(sids.every((sid) => typeof sid === 'string' && sid.length > 0)).toBe(true);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('RCFGE-ProtectHook', () => {
  // These actions take no resource ARN: IAM authorizes them on "*", which is why
  // DenyHookTypeChanges cannot be scoped to the Hook's type ARN.
  test.each(['cloudformation:SetTypeConfiguration', 'cloudformation:DeregisterType', 'cloudformation:SetTypeDefaultVersion', 'cloudformation:DeactivateType'])(
    'DenyHookTypeChanges: an administrator is denied %s, the StackSets execution role is not',
    async (action) => {
      const admin = await ask(administrator, action, '*');
      const exec = await ask(stackSetsExec, action, '*');

      expect(admin.result).toBe('ExplicitlyDenied');
      expect(admin.deniedBy).toContain('RCFGE-ProtectHook:DenyHookTypeChanges');
      expect(exec.result).toBe('Allowed');
    },
  );

  test('DenyHookTypeChanges: the simulator confirms type actions cannot be scoped to the type ARN', async () => {
    await expect(ask(administrator, 'cloudformation:SetTypeConfiguration', `arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/RCFGE-Config-Hook`))
      .rejects.toThrow(/must\.use\.wildcard/);
  });

  test.each(['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:PassRole'])(
    'DenyHookRoleChanges: an administrator is denied %s on the hook role, even through CloudFormation; the StackSets execution role is not',
    async (action) => {
      const role = `arn:aws:iam::${MEMBER}:role/${HOOK_ROLE}`;
      const direct = await ask(administrator, action, role);
      const viaStack = await ask(administrator, action, role, { context: viaCloudFormation });
      const exec = await ask(stackSetsExec, action, role);

      expect(direct.deniedBy).toContain('RCFGE-ProtectHook:DenyHookRoleChanges');
      expect(viaStack.deniedBy).toContain('RCFGE-ProtectHook:DenyHookRoleChanges');
      expect(exec.result).toBe('Allowed');
    },
  );

  test('DenyHookRoleChanges: nobody but StackSets can create a role with the hook role name (no squatting)', async () => {
    const decision = await ask(administrator, 'iam:CreateRole', `arn:aws:iam::${MEMBER}:role/RCFGEHookExecutionRole-eu-west-1`, { context: viaCloudFormation });

    expect(decision.deniedBy).toContain('RCFGE-ProtectHook:DenyHookRoleChanges');
  });

  const hookStack = `arn:aws:cloudformation:${REGION}:${MEMBER}:stack/StackSet-RCFGE-Hook-0b1c2d3e-aaaa-bbbb-cccc-1234567890ab/11111111-2222-3333-4444-555555555555`;
  // A stack that does not exist yet: CreateStack is authorized on its name with any stack ID.
  const stackNamed = (name: string) => `arn:aws:cloudformation:${REGION}:${MEMBER}:stack/${name}/*`;

  // Every CloudFormation action that creates or changes a stack, or moves resources in or out of one.
  test.each(HOOK_STACK_ACTIONS)(
    'DenyHookStackChanges: an administrator is denied %s on the StackSet instance, the StackSets execution role is not',
    async (action) => {
      const admin = await ask(administrator, action, hookStack);
      const exec = await ask(stackSetsExec, action, hookStack);

      expect(admin.deniedBy).toContain('RCFGE-ProtectHook:DenyHookStackChanges');
      expect(exec.result).toBe('Allowed');
    },
  );

  test('DenyHookStackChanges: an administrator cannot create a stack named like the Hook\'s (the Hook would pass its resources unchecked); the StackSets execution role can', async () => {
    const admin = await ask(administrator, 'cloudformation:CreateStack', stackNamed('StackSet-RCFGE-Hook-fake'));
    const exec = await ask(stackSetsExec, 'cloudformation:CreateStack', stackNamed('StackSet-RCFGE-Hook-fake'));

    expect(admin.deniedBy).toContain('RCFGE-ProtectHook:DenyHookStackChanges');
    expect(exec.result).toBe('Allowed');
  });

  test('DenyHookStackChanges: nor can the execution role of a self-managed StackSet the administrator set up', async () => {
    const selfManaged: Caller = { account: MEMBER, role: 'AWSCloudFormationStackSetExecutionRole', inOrg: true };

    expect((await ask(selfManaged, 'cloudformation:CreateStack', stackNamed('StackSet-RCFGE-Hook-fake'))).deniedBy).toContain('RCFGE-ProtectHook:DenyHookStackChanges');
    expect((await ask(selfManaged, 'cloudformation:UpdateStack', hookStack)).deniedBy).toContain('RCFGE-ProtectHook:DenyHookStackChanges');
  });

  test('DenyHookStackChanges covers every stack-name prefix the StackSet tells the Hook to exempt', async () => {
    const passed = (properties(renderAdmin(), 'HookStackSet').Parameters as { ParameterKey: string; ParameterValue: string }[])
      .find((p) => p.ParameterKey === 'ExemptStackNamePrefixes')?.ParameterValue ?? '';
    const prefixes = passed.split(',').filter((prefix) => prefix !== '');

    expect(prefixes.length).toBeGreaterThan(0);
    for (const prefix of prefixes) {
      expect((await ask(administrator, 'cloudformation:CreateStack', stackNamed(`${prefix}fake`))).deniedBy).toContain('RCFGE-ProtectHook:DenyHookStackChanges');
    }
  });

  test('DenyHookStackChanges covers any ExemptStackNamePrefixes the member template accepts (its AllowedPattern)', async () => {
    const stackName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/);
    const prefix = fc.oneof(stackName.map((rest) => `StackSet-RCFGE${rest}`), stackName);
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(prefix, { minLength: 1, maxLength: 3 }), async (prefixes) => {
        try {
          renderMember({ ExemptStackNamePrefixes: prefixes.join(',') });
        } catch {
          rejected += 1;
          return true;
        }
        accepted += 1;
        for (const p of prefixes) {
          const decision = await ask(administrator, 'cloudformation:CreateStack', stackNamed(`${p}x`));
          if (!decision.deniedBy.includes('RCFGE-ProtectHook:DenyHookStackChanges')) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );

    // Both sides of the pattern were exercised: otherwise the property proved nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  test('DenyHookStackChanges: an administrator still updates their own stacks', async () => {
    const own = `arn:aws:cloudformation:${REGION}:${MEMBER}:stack/my-app/11111111-2222-3333-4444-555555555555`;

    expect((await ask(administrator, 'cloudformation:UpdateStack', own)).result).toBe('Allowed');
  });

  test.each([
    ['lambda:UpdateFunctionCode', HOOK_FUNCTION_ARN],
    ['lambda:UpdateFunctionConfiguration', HOOK_FUNCTION_ARN],
    ['logs:DeleteLogGroup', HOOK_LOG_GROUP_ARN],
    ['logs:PutRetentionPolicy', HOOK_LOG_GROUP_ARN],
    // A subscription filter would copy the Hook's decisions elsewhere, or stop a copy the security team set up.
    ['logs:PutSubscriptionFilter', HOOK_LOG_GROUP_ARN],
    ['logs:DeleteSubscriptionFilter', HOOK_LOG_GROUP_ARN],
  ])('DenyHookFunctionAndLogChanges: %s on the hook is denied even through CloudFormation (resource import)', async (action, resource) => {
    const decision = await ask(administrator, action, resource, { context: viaCloudFormation });

    expect(decision.deniedBy).toContain('RCFGE-ProtectHook:DenyHookFunctionAndLogChanges');
  });

  test('DenyHookFunctionAndLogChanges leaves the Hook working: it may be invoked and may write its logs', async () => {
    const invoke = await ask({ account: MEMBER, role: `RCFGEHookInvokeRole-${REGION}`, inOrg: true }, 'lambda:InvokeFunction', HOOK_FUNCTION_ARN);
    const log = await ask({ account: MEMBER, role: HOOK_ROLE, inOrg: true }, 'logs:PutLogEvents', `${HOOK_LOG_GROUP_ARN.slice(0, -1)}log-stream:s`);

    expect(invoke.result).toBe('Allowed');
    expect(log.result).toBe('Allowed');
  });

  test.each(STACKSETS_EXEC_ROLE_MUTATIONS)(
    'ProtectStackSetsExecutionRole: %s on a stacksets-exec role is denied to everyone, itself included',
    async (action) => {
      const role = `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123456789abcdef`;

      expect((await ask(administrator, action, role)).deniedBy).toContain('RCFGE-ProtectHook:ProtectStackSetsExecutionRole');
      expect((await ask(stackSetsExec, action, role)).deniedBy).toContain('RCFGE-ProtectHook:ProtectStackSetsExecutionRole');
    },
  );

  test.each([
    ['stacksets-exec-pwn', true],
    // The exemption's ArnNotLike role/stacksets-exec-* spans "/": a role whose path starts so is exempt too.
    ['stacksets-exec-x/pwn', true],
    ['team/stacksets-exec-pwn', false],
  ] as const)('why ProtectStackSetsExecutionRole matters: a role %s would be exempt from the SCPs: %s', async (role, exempt) => {
    const forged: Caller = { account: MEMBER, role, inOrg: true };

    const typeChange = await ask(forged, 'cloudformation:SetTypeConfiguration', '*');
    const directBucket = await ask(forged, 's3:CreateBucket', 'arn:aws:s3:::new-bucket');

    expect([typeChange.result, directBucket.result]).toEqual(exempt ? ['Allowed', 'Allowed'] : ['ExplicitlyDenied', 'ExplicitlyDenied']);
  });

  test.each([
    ['stacksets-exec-pwn'],
    ['stacksets-exec-x/pwn'],
    ['team/stacksets-exec-pwn'],
  ])('ProtectStackSetsExecutionRole: an administrator cannot create role/%s, directly or through CloudFormation', async (role) => {
    const arn = `arn:aws:iam::${MEMBER}:role/${role}`;

    const direct = await ask(administrator, 'iam:CreateRole', arn);
    const viaStack = await ask(administrator, 'iam:CreateRole', arn, { context: viaCloudFormation });

    expect(direct.deniedBy).toContain('RCFGE-ProtectHook:ProtectStackSetsExecutionRole');
    expect(viaStack.deniedBy).toContain('RCFGE-ProtectHook:ProtectStackSetsExecutionRole');
  });

  describe('mutations', () => {
    test.each(['DenyHookTypeChanges', 'DenyHookRoleChanges', 'DenyHookStackChanges', 'DenyHookFunctionAndLogChanges'])(
      'without the aws:PrincipalArn exemption of %s the StackSets execution role is locked out too',
      async (sid) => {
        const weakened = replace('RCFGE-ProtectHook', mutate(scp('RCFGE-ProtectHook'), sid, (s) => dropConditionKey(s, 'aws:PrincipalArn')));
        const [action, resource] = {
          DenyHookTypeChanges: ['cloudformation:SetTypeConfiguration', '*'],
          DenyHookRoleChanges: ['iam:PutRolePolicy', `arn:aws:iam::${MEMBER}:role/${HOOK_ROLE}`],
          DenyHookStackChanges: ['cloudformation:UpdateStack', hookStack],
          DenyHookFunctionAndLogChanges: ['lambda:UpdateFunctionCode', HOOK_FUNCTION_ARN],
        }[sid]!;

        const decision = await ask(stackSetsExec, action, resource, { policies: weakened });

        expect(decision.deniedBy).toContain(`RCFGE-ProtectHook:${sid}`);
      },
    );

    test.each(['iam:CreateRole', 'iam:TagRole', 'iam:UntagRole', 'iam:UpdateRoleDescription', 'iam:PassRole'])(
      'without %s in ProtectStackSetsExecutionRole an administrator can do it to a stacksets-exec role through CloudFormation',
      async (action) => {
        const weakened = replace('RCFGE-ProtectHook', mutate(scp('RCFGE-ProtectHook'), 'ProtectStackSetsExecutionRole', (s) => dropAction(s, action)));

        expect((await ask(administrator, action, `arn:aws:iam::${MEMBER}:role/stacksets-exec-pwn`, { context: viaCloudFormation, policies: weakened })).result).toBe('Allowed');
      },
    );

    test('without role/stacksets-exec-* in ProtectStackSetsExecutionRole an administrator can create an exempt role under a stacksets-exec- path', async () => {
      const weakened = replace('RCFGE-ProtectHook', mutate(scp('RCFGE-ProtectHook'), 'ProtectStackSetsExecutionRole', (s) => {
        s.Resource = (s.Resource as string[]).filter((r) => !r.endsWith(':role/stacksets-exec-*'));
      }));

      expect((await ask(administrator, 'iam:CreateRole', `arn:aws:iam::${MEMBER}:role/stacksets-exec-x/pwn`, { context: viaCloudFormation, policies: weakened })).result).toBe('Allowed');
    });

    test('without cloudformation:CreateStack in DenyHookStackChanges an administrator can create a stack the Hook exempts', async () => {
      const weakened = replace('RCFGE-ProtectHook', mutate(scp('RCFGE-ProtectHook'), 'DenyHookStackChanges', (s) => dropAction(s, 'cloudformation:CreateStack')));

      expect((await ask(administrator, 'cloudformation:CreateStack', stackNamed('StackSet-RCFGE-Hook-fake'), { policies: weakened })).result).toBe('Allowed');
    });

    test('without logs:PutSubscriptionFilter in DenyHookFunctionAndLogChanges an administrator can stream the Hook\'s log group away', async () => {
      const weakened = replace('RCFGE-ProtectHook', mutate(scp('RCFGE-ProtectHook'), 'DenyHookFunctionAndLogChanges', (s) => dropAction(s, 'logs:PutSubscriptionFilter')));

      expect((await ask(administrator, 'logs:PutSubscriptionFilter', HOOK_LOG_GROUP_ARN, { context: viaCloudFormation, policies: weakened })).result).toBe('Allowed');
    });

    test('without DenyHookTypeChanges an administrator can reconfigure the Hook', async () => {
      const weakened = replace('RCFGE-ProtectHook', withoutStatement(scp('RCFGE-ProtectHook'), 'DenyHookTypeChanges'));

      expect((await ask(administrator, 'cloudformation:SetTypeConfiguration', '*', { policies: weakened })).result).toBe('Allowed');
    });
  });
});

// One representative change per protected resource type, and the statement that must stop it.
const PROTECTED: [string, string, string, string][] = [
  ['AWS::S3::Bucket', 's3:CreateBucket', 'arn:aws:s3:::new-bucket', 'RCFGE-CfnOnlyData:DenyDirectS3BucketChanges'],
  ['AWS::S3::Bucket', 's3:PutBucketPublicAccessBlock', 'arn:aws:s3:::new-bucket', 'RCFGE-CfnOnlyData:DenyDirectS3BucketChanges'],
  ['AWS::S3::Bucket', 's3:PutEncryptionConfiguration', 'arn:aws:s3:::new-bucket', 'RCFGE-CfnOnlyData:DenyDirectS3BucketChanges'],
  ['AWS::S3::BucketPolicy', 's3:PutBucketPolicy', 'arn:aws:s3:::new-bucket', 'RCFGE-CfnOnlyData:DenyDirectS3BucketChanges'],
  ['AWS::SNS::Topic', 'sns:SetTopicAttributes', `arn:aws:sns:${REGION}:${MEMBER}:t`, 'RCFGE-CfnOnlyData:DenyDirectSnsTopicChanges'],
  ['AWS::SQS::Queue', 'sqs:CreateQueue', `arn:aws:sqs:${REGION}:${MEMBER}:q`, 'RCFGE-CfnOnlyData:DenyDirectSqsQueueChanges'],
  ['AWS::KMS::Key', 'kms:PutKeyPolicy', `arn:aws:kms:${REGION}:${MEMBER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, 'RCFGE-CfnOnlyData:DenyDirectKmsKeyChanges'],
  ['AWS::DynamoDB::Table', 'dynamodb:UpdateTable', `arn:aws:dynamodb:${REGION}:${MEMBER}:table/t`, 'RCFGE-CfnOnlyData:DenyDirectDynamoDbTableChanges'],
  ['AWS::IAM::Role', 'iam:CreateRole', `arn:aws:iam::${MEMBER}:role/app`, 'RCFGE-CfnOnlyCompute:DenyDirectIamRoleChanges'],
  ['AWS::IAM::Role', 'iam:UpdateAssumeRolePolicy', `arn:aws:iam::${MEMBER}:role/app`, 'RCFGE-CfnOnlyCompute:DenyDirectIamRoleChanges'],
  ['AWS::IAM::ManagedPolicy', 'iam:CreatePolicyVersion', `arn:aws:iam::${MEMBER}:policy/p`, 'RCFGE-CfnOnlyCompute:DenyDirectIamManagedPolicyChanges'],
  ['AWS::Lambda::Function', 'lambda:CreateFunction', `arn:aws:lambda:${REGION}:${MEMBER}:function:f`, 'RCFGE-CfnOnlyCompute:DenyDirectLambdaFunctionChanges'],
  ['AWS::Logs::LogGroup', 'logs:PutRetentionPolicy', `arn:aws:logs:${REGION}:${MEMBER}:log-group:app:*`, 'RCFGE-CfnOnlyCompute:DenyDirectLogGroupChanges'],
  ['AWS::EC2::SecurityGroup', 'ec2:AuthorizeSecurityGroupIngress', `arn:aws:ec2:${REGION}:${MEMBER}:security-group/sg-0123456789abcdef0`, 'RCFGE-CfnOnlyCompute:DenyDirectSecurityGroupChanges'],
];

describe('RCFGE-CfnOnlyData / RCFGE-CfnOnlyCompute', () => {
  test.each(PROTECTED)('%s: a direct %s is denied by the SCP', async (_type, action, resource, sid) => {
    const decision = await ask(administrator, action, resource);

    expect(decision.result).toBe('ExplicitlyDenied');
    expect(decision.deniedBy).toContain(sid);
  });

  test.each(PROTECTED)('%s: %s through CloudFormation (aws:CalledViaFirst) is allowed', async (_type, action, resource) => {
    expect((await ask(administrator, action, resource, { context: viaCloudFormation })).result).toBe('Allowed');
  });

  test('DenyDirectS3BucketChanges: a call that merely passed through CloudFormation later in the chain is still denied', async () => {
    const decision = await ask(administrator, 's3:CreateBucket', 'arn:aws:s3:::new-bucket', {
      context: { 'aws:CalledViaFirst': 'athena.amazonaws.com', 'aws:CalledVia': ['athena.amazonaws.com', 'cloudformation.amazonaws.com'] },
    });

    expect(decision.deniedBy).toContain('RCFGE-CfnOnlyData:DenyDirectS3BucketChanges');
  });

  test.each([
    ['s3:PutObject', 'arn:aws:s3:::app-bucket/key'],
    ['s3:GetObject', 'arn:aws:s3:::app-bucket/key'],
    ['sqs:SendMessage', `arn:aws:sqs:${REGION}:${MEMBER}:q`],
    ['sns:Publish', `arn:aws:sns:${REGION}:${MEMBER}:t`],
    ['dynamodb:PutItem', `arn:aws:dynamodb:${REGION}:${MEMBER}:table/t`],
    ['kms:Decrypt', `arn:aws:kms:${REGION}:${MEMBER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ['lambda:InvokeFunction', `arn:aws:lambda:${REGION}:${MEMBER}:function:f`],
    ['logs:PutLogEvents', `arn:aws:logs:${REGION}:${MEMBER}:log-group:app:log-stream:s`],
  ])('data-plane %s stays allowed (no wildcard overreach)', async (action, resource) => {
    expect((await ask(administrator, action, resource)).result).toBe('Allowed');
  });

  test('the StackSets execution role may make a direct change (it deploys the Hook itself)', async () => {
    expect((await ask(stackSetsExec, 'iam:CreateRole', `arn:aws:iam::${MEMBER}:role/app`)).result).toBe('Allowed');
  });

  describe('mutations', () => {
    const sidOf = (label: string) => label.split(':')[1];
    const policyOf = (label: string) => label.split(':')[0];

    test.each(PROTECTED)('%s: without aws:CalledViaFirst in its statement, the CloudFormation route for %s is denied too', async (_type, action, resource, label) => {
      const weakened = replace(policyOf(label), mutate(scp(policyOf(label)), sidOf(label), (s) => dropConditionKey(s, 'aws:CalledViaFirst')));

      expect((await ask(administrator, action, resource, { context: viaCloudFormation, policies: weakened })).deniedBy).toContain(label);
    });

    test('without the aws:PrincipalArn exemption the StackSets execution role is denied a direct change', async () => {
      const label = 'RCFGE-CfnOnlyCompute:DenyDirectIamRoleChanges';
      const weakened = replace(policyOf(label), mutate(scp(policyOf(label)), sidOf(label), (s) => dropConditionKey(s, 'aws:PrincipalArn')));

      expect((await ask(stackSetsExec, 'iam:CreateRole', `arn:aws:iam::${MEMBER}:role/app`, { policies: weakened })).deniedBy).toContain(label);
    });
  });
});
