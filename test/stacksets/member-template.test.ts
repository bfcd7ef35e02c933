/**
 * stacksets/rcfge-member.yaml rendered in both Hook modes: the type
 * configuration CloudFormation will store must satisfy the Hook's own
 * schema.json, the Lambda environment must carry the same settings, and the
 * execution role must do one thing only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { ADMIN, HOOK_ROLE, MEMBER, REGION, TEMPLATES_BUCKET, inlinePolicies, properties, renderAdmin, renderMember, template, type PolicyDocument } from './support/org';

const hookSchema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema.json'), 'utf8'));
const validateTypeConfiguration = new Ajv({ allErrors: true, strict: false }).compile(hookSchema.typeConfiguration);

type HookConfiguration = {
  CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: string; FailureMode: string; TargetOperations: string[]; Properties: Record<string, unknown> } };
};
const configurationOf = (parameters: Record<string, string> = {}): HookConfiguration =>
  JSON.parse(String(properties(renderMember({ HookMode: 'Registered', ...parameters }), 'HookTypeConfig').Configuration));
const ALL_TARGET_OPERATIONS = ['RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL'];

const SETTINGS = {
  TemplatePrefix: 'rcfge/templates/',
  CacheTtlSeconds: '120',
  MaxStaleSeconds: '600',
  MissingTemplateAction: 'ALLOW',
  TemplateParameters: '{"AllowedRegions":["eu-west-1","eu-central-1"],"Owner":"sec \\"team\\""}',
  ExemptStackNamePrefixes: 'StackSet-RCFGE-Hook-,StackSet-RCFGE-Canary-',
};

describe('defaults', () => {
  test('HookMode defaults to Lambda, the path AWS documents for custom hook code', () => {
    expect(Object.keys(renderMember().resources)).toContain('LambdaHook');
    expect(template('rcfge-member.yaml').Parameters!.HookMode.Default).toBe('Lambda');
  });

  test('TargetOperations defaults to all four operations, in both modes', () => {
    expect(properties(renderMember(), 'LambdaHook').TargetOperations).toEqual(ALL_TARGET_OPERATIONS);
    expect(configurationOf().CloudFormationConfiguration.HookConfiguration.TargetOperations).toEqual(ALL_TARGET_OPERATIONS);
  });

  test.each([['RESOURCE'], ['RESOURCE,CHANGE_SET'], ['STACK,CLOUD_CONTROL']])('TargetOperations=%s reaches both Hook kinds as a list', (value) => {
    expect(properties(renderMember({ TargetOperations: value }), 'LambdaHook').TargetOperations).toEqual(value.split(','));
    expect(configurationOf({ TargetOperations: value }).CloudFormationConfiguration.HookConfiguration.TargetOperations).toEqual(value.split(','));
  });

  // The StackSet passes the admin stack's values to every member: the admin stack's own defaults
  // are the ones an organisation gets.
  test('the admin stack defaults to the same: HookMode Lambda, all four TargetOperations, FailureMode FAIL', () => {
    const passed = Object.fromEntries((properties(renderAdmin(), 'HookStackSet').Parameters as { ParameterKey: string; ParameterValue: string }[]).map((p) => [p.ParameterKey, p.ParameterValue]));
    expect(passed).toMatchObject({ HookMode: 'Lambda', TargetOperations: ALL_TARGET_OPERATIONS.join(','), FailureMode: 'FAIL', MissingTemplateAction: 'FAIL' });
  });

  test.each(['RESOURCES', 'RESOURCE,stack', 'RESOURCE,,STACK'])('TargetOperations=%s is refused (AllowedValues, item by item)', (value) => {
    expect(() => renderMember({ TargetOperations: value })).toThrow(/TargetOperations/);
  });
});

describe('HookMode=Registered', () => {
  const rendered = renderMember({ ...SETTINGS, HookMode: 'Registered', FailureMode: 'WARN' });

  test('creates the registered Hook chain and no Lambda Hook', () => {
    expect(Object.keys(rendered.resources).sort()).toEqual(
      ['HookDefaultVersion', 'HookExecutionRole', 'HookFailureMetricFilter', 'HookLogGroup', 'HookLogRole', 'HookTypeConfig', 'HookVersion'].sort(),
    );
  });

  test('the HookTypeConfig Configuration is valid JSON whose Properties satisfy schema.json typeConfiguration', () => {
    const properties = configurationOf(SETTINGS).CloudFormationConfiguration.HookConfiguration.Properties;

    const valid = validateTypeConfiguration(properties);

    expect(validateTypeConfiguration.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('every setting comes from its parameter', () => {
    const config = configurationOf({ ...SETTINGS, FailureMode: 'WARN' }).CloudFormationConfiguration.HookConfiguration;

    expect(config).toEqual({
      HookInvocationStatus: 'ENABLED',
      FailureMode: 'WARN',
      TargetOperations: ALL_TARGET_OPERATIONS,
      Properties: {
        TemplateBucket: TEMPLATES_BUCKET,
        TemplatePrefix: 'rcfge/templates/',
        TemplateBucketRegion: REGION,
        TemplateBucketOwner: ADMIN,
        CacheTtlSeconds: 120,
        MaxStaleSeconds: 600,
        MissingTemplateAction: 'ALLOW',
        TemplateParameters: SETTINGS.TemplateParameters,
        ExemptStackNamePrefixes: SETTINGS.ExemptStackNamePrefixes,
      },
    });
  });

  test('by default the Hook exempts the RCFGE-Hook StackSet\'s own stacks, and an empty value is a valid configuration too', () => {
    const byDefault = configurationOf().CloudFormationConfiguration.HookConfiguration.Properties;
    const none = configurationOf({ ExemptStackNamePrefixes: '' }).CloudFormationConfiguration.HookConfiguration.Properties;

    expect(byDefault.ExemptStackNamePrefixes).toBe('StackSet-RCFGE-Hook-');
    expect(validateTypeConfiguration(none)).toBe(true);
  });

  test.each(['my-app-', 'StackSet-RCFGE-Hook-,my-app-', 'StackSet-RCFGE-Hook-,', 'stackset-rcfge-'])(
    'ExemptStackNamePrefixes outside the SCP-protected StackSet-RCFGE* names is refused: "%s"',
    (value) => {
      expect(() => renderMember({ HookMode: 'Registered', ExemptStackNamePrefixes: value })).toThrow(/ExemptStackNamePrefixes/);
    },
  );

  test('FailureMode defaults to FAIL', () => {
    expect(configurationOf().CloudFormationConfiguration.HookConfiguration.FailureMode).toBe('FAIL');
  });

  test('any TemplateParameters JSON survives being embedded in the Configuration (quotes, backslashes, unicode)', () => {
    const values = fc.dictionary(fc.string({ minLength: 1, unit: 'grapheme' }), fc.oneof(fc.string({ unit: 'grapheme' }), fc.array(fc.string({ unit: 'binary' }))));
    fc.assert(
      fc.property(values, (value) => {
        const text = JSON.stringify(value);
        const properties = configurationOf({ TemplateParameters: text }).CloudFormationConfiguration.HookConfiguration.Properties;
        return properties.TemplateParameters === text;
      }),
      { numRuns: 200 },
    );
  });

  test('HookVersion reads the release package from the regional artifacts bucket, with the execution and log roles', () => {
    const version = properties(rendered, 'HookVersion');

    expect(version).toEqual({
      TypeName: 'RCFGE::Config::Hook',
      SchemaHandlerPackage: `s3://rcfge-artifacts-${ADMIN}-${REGION}/releases/0.1.0/rcfge-config-hook.zip`,
      ExecutionRoleArn: `arn:aws:iam::${MEMBER}:role/${HOOK_ROLE}`,
      LoggingConfig: { LogGroupName: '/rcfge/config-hook', LogRoleArn: `arn:aws:iam::${MEMBER}:role/RCFGEHookLogRole-${REGION}` },
    });
  });

  test('the execution role may read templates and list the template prefix, nothing else, with no managed policies', () => {
    const role = properties(rendered, 'HookExecutionRole');
    const actions = inlinePolicies(rendered, 'HookExecutionRole').flatMap((p) => p.policy.Statement.flatMap((s) => [s.Action].flat()));

    expect(actions).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(role.ManagedPolicyArns).toBeUndefined();
  });

  test('schema.json asks for the same two permissions in every handler (CloudFormation gives the Hook no more than it declares)', () => {
    const handlers = Object.values(hookSchema.handlers as Record<string, { permissions: string[] }>);

    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) expect([...handler.permissions].sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  test('the execution role trusts only the two CloudFormation hook principals, for this account\'s RCFGE-Config-Hook type', () => {
    const trust = properties(rendered, 'HookExecutionRole').AssumeRolePolicyDocument as PolicyDocument;

    expect(trust.Statement).toEqual([
      {
        Sid: 'CloudFormationHookAssume',
        Effect: 'Allow',
        Principal: { Service: ['hooks.cloudformation.amazonaws.com', 'resources.cloudformation.amazonaws.com'] },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': MEMBER },
          ArnLike: { 'aws:SourceArn': `arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/RCFGE-Config-Hook/*` },
        },
      },
    ]);
  });
});

describe('HookMode=Lambda', () => {
  const rendered = renderMember({ ...SETTINGS, HookMode: 'Lambda' });

  test('creates the Lambda Hook and none of the registered Hook chain', () => {
    expect(Object.keys(rendered.resources).sort()).toEqual(
      ['HookExecutionRole', 'HookFailureMetricFilter', 'HookFunction', 'HookInvokeRole', 'HookLogGroup', 'LambdaHook'].sort(),
    );
  });

  test('the function runs the Lambda package with every setting in RCFGE_* variables', () => {
    const fn = properties(rendered, 'HookFunction');

    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Handler: 'dist/handlers.entrypoint',
      Role: `arn:aws:iam::${MEMBER}:role/${HOOK_ROLE}`,
      Code: { S3Bucket: `rcfge-artifacts-${ADMIN}-${REGION}`, S3Key: 'releases/0.1.0/rcfge-lambda.zip' },
      LoggingConfig: { LogGroup: '/rcfge/config-hook' },
    });
    expect((fn.Environment as { Variables: Record<string, string> }).Variables).toEqual({
      RCFGE_TEMPLATE_BUCKET: TEMPLATES_BUCKET,
      RCFGE_TEMPLATE_PREFIX: 'rcfge/templates/',
      RCFGE_TEMPLATE_BUCKET_REGION: REGION,
      RCFGE_TEMPLATE_BUCKET_OWNER: ADMIN,
      RCFGE_CACHE_TTL_SECONDS: '120',
      RCFGE_MAX_STALE_SECONDS: '600',
      RCFGE_MISSING_TEMPLATE_ACTION: 'ALLOW',
      RCFGE_TEMPLATE_PARAMETERS: SETTINGS.TemplateParameters,
      RCFGE_EXEMPT_STACK_NAME_PREFIXES: SETTINGS.ExemptStackNamePrefixes,
    });
  });

  test('the environment variables are exactly the schema.json settings, in upper snake case with the RCFGE_ prefix', () => {
    const names = Object.keys((properties(rendered, 'HookFunction').Environment as { Variables: object }).Variables);
    const expected = Object.keys(hookSchema.typeConfiguration.properties).map((name) => `RCFGE_${name.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}`);

    expect(names.sort()).toEqual(expected.sort());
  });

  test('the LambdaHook invokes the function through the invoke role for every resource operation', () => {
    expect(properties(rendered, 'LambdaHook')).toEqual({
      Alias: 'RCFGE::Config::LambdaHook',
      LambdaFunction: `arn:aws:lambda:${REGION}:${MEMBER}:function:RCFGE-ConfigHook`,
      ExecutionRole: `arn:aws:iam::${MEMBER}:role/RCFGEHookInvokeRole-${REGION}`,
      FailureMode: 'FAIL',
      HookStatus: 'ENABLED',
      TargetOperations: ALL_TARGET_OPERATIONS,
    });
  });

  test('the execution role is also trusted by Lambda, and may write only its own log group besides reading templates', () => {
    const trust = properties(rendered, 'HookExecutionRole').AssumeRolePolicyDocument as PolicyDocument;
    const statements = inlinePolicies(rendered, 'HookExecutionRole').flatMap((p) => p.policy.Statement);

    expect(trust.Statement.map((s) => s.Principal)).toContainEqual({ Service: 'lambda.amazonaws.com' });
    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      ['s3:GetObject', `arn:aws:s3:::${TEMPLATES_BUCKET}/rcfge/templates/*`],
      ['s3:ListBucket', `arn:aws:s3:::${TEMPLATES_BUCKET}`],
      [['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:${REGION}:${MEMBER}:log-group:/rcfge/config-hook:*`],
    ]);
  });
});

describe('both modes', () => {
  // The Hook's decisions are audit evidence: they outlive the stack instance.
  test('the Hook\'s log group is retained when the stack is deleted or the group replaced', () => {
    expect(template('rcfge-member.yaml').Resources.HookLogGroup).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
