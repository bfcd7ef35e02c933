/**
 * The parts of stacksets/rcfge-member.yaml that watch the Hook (issue 14): the metric filter
 * and alarm on the Hook's failures, the read-only audit role `rcfge audit` assumes, and the
 * AWS Config rule RCFGE-HookIntact; and the SCP statements that protect them. Rendered with
 * the test-side CloudFormation renderer, decided offline by iam-simulate.
 */
import { expectationFrom } from '../../src/audit/expectation';
import { auditRoleName, HOOK_FUNCTION_LOGICAL_ID, HOOK_FUNCTION_NAME, HOOK_TYPE_NAMES, HOOK_VERSION_LOGICAL_ID, hookExecutionRoleName, PROTECTED_STACK_PREFIX } from '../../src/audit/names';
import { CONFIG_RULE_HANDLER, CONFIG_RULE_PACKAGE } from '../../src/packaging/layout';
import {
  ADMIN, ALARM_ARN, HOOK_FUNCTION_ARN, HOOK_LOG_GROUP_ARN, MEMBER, OUTSIDER, REGION, RULE_FUNCTION_ARN, RULE_LOG_GROUP_ARN,
  inlinePolicies, properties, renderAdmin, renderMember, renderScp, scpDocuments, template, type PolicyDocument, type Statement,
} from './support/org';
import { ADMINISTRATOR_ACCESS, decide, dropConditionKey, mutate, type Caller } from './support/simulate';

const EVERYTHING = { AlarmTopicName: 'rcfge-alarms', AuditAccountId: ADMIN, ConfigRule: 'Enabled' };
const lambda = renderMember({ HookMode: 'Lambda', ...EVERYTHING });
const administrators = [{ name: 'AdministratorAccess', policy: ADMINISTRATOR_ACCESS }];
const stackSetStack = `arn:aws:cloudformation:${REGION}:${MEMBER}:stack/StackSet-RCFGE-Hook-0b1c2d3e/11111111-2222-3333-4444-555555555555`;

describe('defaults', () => {
  test('the metric filter is always there; the alarm, the audit role and the Config rule only when asked for', () => {
    const plain = Object.keys(renderMember().resources);

    expect(plain).toContain('HookFailureMetricFilter');
    for (const optional of ['HookFailureAlarm', 'AuditRole', 'ConfigRuleRole', 'ConfigRuleFunction', 'ConfigRulePermission', 'ConfigRuleLogGroup', 'HookIntactRule']) {
      expect(plain).not.toContain(optional);
      expect(Object.keys(lambda.resources)).toContain(optional);
    }
  });

  test('the admin stack gives every member the audit role for its own account, and passes the alarm and Config rule settings', () => {
    const passed = (parameters: Record<string, string> = {}) =>
      Object.fromEntries((properties(renderAdmin(parameters), 'HookStackSet').Parameters as { ParameterKey: string; ParameterValue: string }[]).map((p) => [p.ParameterKey, p.ParameterValue]));

    expect(passed()).toMatchObject({ AuditAccountId: ADMIN, ConfigRule: 'Disabled', AlarmTopicName: '', AlarmTopicAccountId: '', AlarmThreshold: '1', AlarmPeriodSeconds: '300' });
    expect(passed({ AuditRole: 'Disabled', ConfigRule: 'Enabled', AlarmTopicName: 'rcfge-alarms', AlarmTopicAccountId: '444455556666' })).toMatchObject({
      AuditAccountId: '', ConfigRule: 'Enabled', AlarmTopicName: 'rcfge-alarms', AlarmTopicAccountId: '444455556666',
    });
  });
});

describe('HookFailureMetricFilter and HookFailureAlarm', () => {
  test('the alarm watches the metric the filter writes, on the documented thresholds', () => {
    const filter = properties(lambda, 'HookFailureMetricFilter');
    const alarm = properties(lambda, 'HookFailureAlarm');
    const [transformation] = filter.MetricTransformations as { MetricNamespace: string; MetricName: string; MetricValue: string }[];

    expect(filter.LogGroupName).toBe('/rcfge/config-hook');
    expect([alarm.Namespace, alarm.MetricName]).toEqual([transformation.MetricNamespace, transformation.MetricName]);
    expect(transformation.MetricValue).toBe('1');
    expect(alarm).toMatchObject({ Statistic: 'Sum', Period: '300', EvaluationPeriods: '1', Threshold: '1', ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
  });

  // CloudWatch's DatapointsToAlarm is the M of an "M out of N" alarm. The runbook raises
  // AlarmEvaluationPeriods to ignore short bursts: that only works when every one of the N
  // periods must breach (M = N). With M fixed at 1, more periods would make the alarm touchier.
  test('AlarmEvaluationPeriods=N alarms only when all N periods breach (DatapointsToAlarm = N), as the runbook\'s advice assumes', () => {
    for (const periods of ['1', '3']) {
      const alarm = properties(renderMember({ AlarmTopicName: 'rcfge-alarms', AlarmEvaluationPeriods: periods }), 'HookFailureAlarm');
      expect([alarm.EvaluationPeriods, alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods]).toEqual([periods, periods]);
    }
  });

  test('the topic is in the stack\'s own region (one StackSet value serves every region), in this account or the one named', () => {
    const alarm = properties(lambda, 'HookFailureAlarm');
    const central = properties(renderMember({ AlarmTopicName: 'central', AlarmTopicAccountId: '444455556666' }), 'HookFailureAlarm');

    expect(alarm.AlarmActions).toEqual([`arn:aws:sns:${REGION}:${MEMBER}:rcfge-alarms`]);
    expect(alarm.OKActions).toEqual(alarm.AlarmActions);
    expect(central.AlarmActions).toEqual([`arn:aws:sns:${REGION}:444455556666:central`]);
  });

  test.each([['AlarmTopicName', 'arn:aws:sns:us-east-1:1:t'], ['AlarmTopicName', 'has space'], ['AlarmTopicAccountId', '1234']])('%s %s is refused', (name, value) => {
    expect(() => renderMember({ AlarmTopicName: 't', [name]: value })).toThrow(new RegExp(name));
  });

  test('the alarm\'s name is inside the SCP-protected RCFGE-* names', () => {
    expect(String(properties(lambda, 'HookFailureAlarm').AlarmName)).toMatch(/^RCFGE-/);
  });
});

describe('names the audit and the Config rule rely on (src/audit/names.ts)', () => {
  test('match the member template', () => {
    const registered = renderMember({ HookMode: 'Registered' });

    expect(properties(lambda, 'HookFunction').FunctionName).toBe(HOOK_FUNCTION_NAME);
    expect(lambda.resources[HOOK_FUNCTION_LOGICAL_ID].Type).toBe('AWS::Lambda::Function');
    expect(registered.resources[HOOK_VERSION_LOGICAL_ID].Type).toBe('AWS::CloudFormation::HookVersion');
    expect(properties(registered, 'HookVersion').TypeName).toBe(HOOK_TYPE_NAMES.Registered);
    expect(properties(lambda, 'LambdaHook').Alias).toBe(HOOK_TYPE_NAMES.Lambda);
    expect(properties(lambda, 'HookExecutionRole').RoleName).toBe(hookExecutionRoleName(REGION));
    expect(properties(lambda, 'AuditRole').RoleName).toBe(auditRoleName(REGION));
    expect(String(properties(renderAdmin(), 'HookStackSet').StackSetName)).toMatch(new RegExp(`^${PROTECTED_STACK_PREFIX.slice('StackSet-'.length)}`));
  });

  test('the Config rule function runs the zip and handler rcfge package builds', () => {
    expect(properties(lambda, 'ConfigRuleFunction')).toMatchObject({
      FunctionName: 'RCFGE-ConfigRule',
      Runtime: 'nodejs22.x',
      Handler: CONFIG_RULE_HANDLER,
      Code: { S3Bucket: `rcfge-artifacts-${ADMIN}-${REGION}`, S3Key: `releases/0.1.0/${CONFIG_RULE_PACKAGE}` },
    });
  });
});

describe('HookIntactRule (AWS Config rule)', () => {
  test('runs on a schedule and on configuration changes, evaluating through the function', () => {
    const rule = properties(lambda, 'HookIntactRule');

    expect(rule.Source).toEqual({
      Owner: 'CUSTOM_LAMBDA',
      SourceIdentifier: RULE_FUNCTION_ARN,
      SourceDetails: [
        { EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: 'Six_Hours' },
        { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
        { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
      ],
    });
    expect(properties(lambda, 'ConfigRulePermission')).toEqual({ FunctionName: RULE_FUNCTION_ARN, Action: 'lambda:InvokeFunction', Principal: 'config.amazonaws.com', SourceAccount: MEMBER });
  });

  test('its input parameters give the rule the same expectation the audit derives from the stack parameters', () => {
    const inputs = properties(lambda, 'HookIntactRule').InputParameters as Record<string, string>;
    const stackParameters = Object.fromEntries(Object.entries(lambda.parameters).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));

    expect(expectationFrom(inputs, {})).toEqual(expectationFrom(stackParameters, {}));
    expect(expectationFrom(inputs, {})).toMatchObject({ hookMode: 'Lambda', failureMode: 'FAIL', templateBucketOwner: ADMIN, release: 'releases/0.1.0/' });
  });
});

const auditPolicies = inlinePolicies(lambda, 'AuditRole');
const rulePolicies = inlinePolicies(lambda, 'ConfigRuleRole');
const statementsOf = (policies: { policy: PolicyDocument }[]): Statement[] => policies.flatMap((p) => p.policy.Statement);

describe('AuditRole and ConfigRuleRole: read only, and only the Hook', () => {
  const auditor: Caller = { account: MEMBER, role: auditRoleName(REGION), inOrg: true };
  const ask = (action: string, resource: string, identityPolicies = auditPolicies) => decide({ caller: auditor, action, resource, resourceAccount: MEMBER, identityPolicies });

  test('the Config rule role reads what the audit role reads (the same checks), and may also report to Config, list the template prefix and log', () => {
    const read = new Set(['ReadHookType', 'ReadMemberStack', 'ReadHookFunction']);

    expect(statementsOf(rulePolicies).filter((s) => read.has(String(s.Sid)))).toEqual(statementsOf(auditPolicies));
    expect(statementsOf(rulePolicies).map((s) => s.Sid).filter((sid) => !read.has(String(sid)))).toEqual(['ReportEvaluations', 'ListTemplatePrefix', 'WriteRuleLogs']);
  });

  test.each([
    ['cloudformation:DescribeType', '*'],
    ['cloudformation:BatchDescribeTypeConfigurations', '*'],
    ['cloudformation:DescribeStacks', stackSetStack],
    ['cloudformation:DetectStackResourceDrift', stackSetStack],
    ['lambda:GetFunction', HOOK_FUNCTION_ARN],
  ])('ReadHookType/ReadMemberStack/ReadHookFunction: %s is allowed', async (action, resource) => {
    expect((await ask(action, resource)).result).toBe('Allowed');
  });

  test.each([
    ['cloudformation:DescribeStacks', `arn:aws:cloudformation:${REGION}:${MEMBER}:stack/my-app/1`],
    ['cloudformation:UpdateStack', stackSetStack],
    ['cloudformation:SetTypeConfiguration', '*'],
    ['lambda:GetFunction', `arn:aws:lambda:${REGION}:${MEMBER}:function:my-app`],
    ['lambda:UpdateFunctionConfiguration', HOOK_FUNCTION_ARN],
    ['config:PutEvaluations', '*'],
    ['s3:GetObject', 'arn:aws:s3:::rcfge-templates-111111111111-us-east-1/templates/aws-s3-bucket.json'],
  ])('the audit role may not %s on %s', async (action, resource) => {
    expect((await ask(action, resource)).result).toBe('ImplicitlyDenied');
  });

  test('ReportEvaluations: only the Config rule role reports to Config', async () => {
    expect((await ask('config:PutEvaluations', '*', rulePolicies)).result).toBe('Allowed');
  });

  test('WriteRuleLogs: the rule function writes its own log group, not the Hook\'s', async () => {
    expect((await ask('logs:PutLogEvents', `${RULE_LOG_GROUP_ARN.slice(0, -1)}log-stream:s`, rulePolicies)).result).toBe('Allowed');
    expect((await ask('logs:PutLogEvents', `${HOOK_LOG_GROUP_ARN.slice(0, -1)}log-stream:s`, rulePolicies)).result).toBe('ImplicitlyDenied');
  });
});

describe('AuditAccountAssume (AuditRole trust policy)', () => {
  const trust = properties(lambda, 'AuditRole').AssumeRolePolicyDocument as PolicyDocument;
  const roleArn = `arn:aws:iam::${MEMBER}:role/${auditRoleName(REGION)}`;
  const assume = (caller: Caller, policy = trust) =>
    decide({ caller, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: MEMBER, identityPolicies: administrators, resourcePolicy: policy });

  test('an operator of the audit account may assume it', async () => {
    const decision = await assume({ account: ADMIN, role: 'PlatformOperator', inOrg: true });

    expect(decision.result).toBe('Allowed');
    expect(decision.allowedBy).toContain('AuditAccountAssume');
  });

  test('another account may not, in the organisation or outside it', async () => {
    expect((await assume({ account: '333333333333', role: 'PlatformOperator', inOrg: true })).result).not.toBe('Allowed');
    expect((await assume({ account: OUTSIDER, role: 'PlatformOperator', inOrg: false })).result).not.toBe('Allowed');
  });

  test('mutation: trusting any principal would let the outsider in', async () => {
    const weakened = mutate(trust, 'AuditAccountAssume', (s) => {
      s.Principal = { AWS: '*' };
    });

    expect((await assume({ account: OUTSIDER, role: 'PlatformOperator', inOrg: false }, weakened)).result).toBe('Allowed');
  });
});

describe('LambdaFunctionAssume (ConfigRuleRole trust policy)', () => {
  const trust = properties(lambda, 'ConfigRuleRole').AssumeRolePolicyDocument as PolicyDocument;

  test('Lambda may assume it for this account only', () => {
    expect(trust.Statement).toEqual([
      { Sid: 'LambdaFunctionAssume', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': MEMBER } } },
    ]);
  });
});

describe('the SCP protects what watches the Hook', () => {
  const administrator: Caller = { account: MEMBER, role: 'Administrator', inOrg: true };
  const stackSetsExec: Caller = { account: MEMBER, role: 'stacksets-exec-0123456789abcdef', inOrg: true };
  const controlTower: Caller = { account: MEMBER, role: 'AWSControlTowerExecution', inOrg: true };
  const viaCloudFormation = { 'aws:CalledViaFirst': 'cloudformation.amazonaws.com', 'aws:CalledVia': ['cloudformation.amazonaws.com'] };
  const ask = (caller: Caller, action: string, resource: string, scps = scpDocuments(renderScp())) =>
    decide({ caller, action, resource, resourceAccount: MEMBER, identityPolicies: administrators, scps, context: viaCloudFormation });

  test.each([
    ['lambda:UpdateFunctionCode', RULE_FUNCTION_ARN],
    ['lambda:DeleteFunction', RULE_FUNCTION_ARN],
    ['lambda:RemovePermission', RULE_FUNCTION_ARN],
    ['logs:DeleteLogGroup', RULE_LOG_GROUP_ARN],
    ['logs:DeleteMetricFilter', HOOK_LOG_GROUP_ARN],
    ['logs:PutMetricFilter', HOOK_LOG_GROUP_ARN],
  ])('DenyHookFunctionAndLogChanges: %s on %s is denied to an administrator, even through CloudFormation', async (action, resource) => {
    const decision = await ask(administrator, action, resource);

    expect(decision.deniedBy).toContain('RCFGE-ProtectHook:DenyHookFunctionAndLogChanges');
    expect((await ask(stackSetsExec, action, resource)).result).toBe('Allowed');
  });

  test.each(['cloudwatch:DeleteAlarms', 'cloudwatch:DisableAlarmActions', 'cloudwatch:PutMetricAlarm'])(
    'DenyHookAlarmChanges: %s on RCFGE-HookFailures is denied to an administrator, not to StackSets',
    async (action) => {
      expect((await ask(administrator, action, ALARM_ARN)).deniedBy).toContain('RCFGE-ProtectHook:DenyHookAlarmChanges');
      expect((await ask(stackSetsExec, action, ALARM_ARN)).result).toBe('Allowed');
    },
  );

  test('DenyHookAlarmChanges leaves other alarms and a test notification (SetAlarmState) alone', async () => {
    expect((await ask(administrator, 'cloudwatch:PutMetricAlarm', `arn:aws:cloudwatch:${REGION}:${MEMBER}:alarm:my-app-errors`)).result).toBe('Allowed');
    expect((await ask(administrator, 'cloudwatch:SetAlarmState', ALARM_ARN)).result).toBe('Allowed');
  });

  test.each([auditRoleName(REGION), `RCFGEConfigRuleRole-${REGION}`])('DenyHookRoleChanges: the new role %s cannot be changed or squatted', async (role) => {
    const arn = `arn:aws:iam::${MEMBER}:role/${role}`;

    expect((await ask(administrator, 'iam:PutRolePolicy', arn)).deniedBy).toContain('RCFGE-ProtectHook:DenyHookRoleChanges');
    expect((await ask(administrator, 'iam:UpdateAssumeRolePolicy', arn)).deniedBy).toContain('RCFGE-ProtectHook:DenyHookRoleChanges');
    expect((await ask(administrator, 'iam:CreateRole', `arn:aws:iam::${MEMBER}:role/${role.replace(REGION, 'eu-west-1')}`)).deniedBy).toContain('RCFGE-ProtectHook:DenyHookRoleChanges');
  });

  describe('DenyConfigRuleChanges (ConfigRuleProtection=Enabled)', () => {
    const protectedScps = scpDocuments(renderScp({ ConfigRuleProtection: 'Enabled' }));
    const rule = `arn:aws:config:${REGION}:${MEMBER}:config-rule/config-rule-abc123`;

    test.each(['config:DeleteConfigRule', 'config:PutConfigRule', 'config:DeleteEvaluationResults', 'config:StopConfigurationRecorder', 'config:PutConfigurationRecorder'])(
      '%s is denied to an administrator, allowed to StackSets and AWS Control Tower',
      async (action) => {
        const resource = action.includes('Recorder') ? `arn:aws:config:${REGION}:${MEMBER}:configuration-recorder/default/abcd1234` : rule;

        expect((await ask(administrator, action, resource, protectedScps)).deniedBy).toContain('RCFGE-ProtectHook:DenyConfigRuleChanges');
        expect((await ask(stackSetsExec, action, resource, protectedScps)).result).toBe('Allowed');
        expect((await ask(controlTower, action, resource, protectedScps)).result).toBe('Allowed');
      },
    );

    test('is absent by default (the member stack\'s Config rule is off by default too)', async () => {
      expect((await ask(administrator, 'config:DeleteConfigRule', rule)).result).toBe('Allowed');
      expect(scpDocuments(renderScp()).flatMap((p) => p.policy.Statement.map((s) => s.Sid))).not.toContain('DenyConfigRuleChanges');
    });

    test('mutation: without its aws:PrincipalArn exemption StackSets could not deploy the rule', async () => {
      const weakened = protectedScps.map((p) => (p.name === 'RCFGE-ProtectHook' ? { name: p.name, policy: mutate(p.policy, 'DenyConfigRuleChanges', (s) => dropConditionKey(s, 'aws:PrincipalArn')) } : p));

      expect((await ask(stackSetsExec, 'config:PutConfigRule', rule, weakened)).deniedBy).toContain('RCFGE-ProtectHook:DenyConfigRuleChanges');
    });

    test('the protected SCP still fits in 5,120 characters', () => {
      for (const p of protectedScps) expect(JSON.stringify(p.policy).length).toBeLessThanOrEqual(5120);
    });
  });

  test('the member stack names exactly these parts (the tests above show the SCP protects each kind), and Config rule protection is off unless asked for', () => {
    const nameOf: Record<string, string> = { 'AWS::IAM::Role': 'RoleName', 'AWS::Lambda::Function': 'FunctionName', 'AWS::Logs::LogGroup': 'LogGroupName', 'AWS::CloudWatch::Alarm': 'AlarmName' };
    const names = Object.values(lambda.resources).filter((r) => r.Type in nameOf).map((r) => String(r.Properties[nameOf[r.Type]]));

    expect(names.sort()).toEqual([
      'RCFGE-ConfigHook', 'RCFGE-ConfigRule', 'RCFGE-HookFailures',
      `RCFGEAuditRole-${REGION}`, `RCFGEConfigRuleRole-${REGION}`, `RCFGEHookExecutionRole-${REGION}`, `RCFGEHookInvokeRole-${REGION}`,
      '/rcfge/config-hook', '/rcfge/config-rule',
    ].sort());
    expect(template('rcfge-scp.yaml').Parameters!.ConfigRuleProtection.Default).toBe('Disabled');
  });
});
