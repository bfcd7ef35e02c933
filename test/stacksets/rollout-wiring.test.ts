/**
 * How the three templates fit together and with the registry: the StackSet
 * passes the member template exactly the parameters it declares, the buckets are
 * hardened as the design says, the member roles' trust holds up in the
 * simulator, and every resource uses only properties its registry schema has
 * (the full schema validation runs through `rcfge validate` elsewhere).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ADMIN, MEMBER, OUTSIDER, REGION, properties, renderAdmin, renderMember, renderScp, template, type PolicyDocument } from './support/org';
import { dropConditionKey, mutate } from './support/simulate';
import { RuleAssertionError, renderTemplate, type RenderedTemplate } from './support/cfn-render';
import { builtInRegistry } from '../support/paths';

const registrySchema = (type: string): any => builtInRegistry().schemaOfType(type)!;

describe('admin StackSet -> member template', () => {
  const stackSet = properties(renderAdmin(), 'HookStackSet');

  test('passes every member parameter that has no default, and no parameter the member template lacks', () => {
    const passed = (stackSet.Parameters as { ParameterKey: string }[]).map((p) => p.ParameterKey);
    const declared = template('rcfge-member.yaml').Parameters!;
    const required = Object.entries(declared).filter(([, d]) => d.Default === undefined).map(([name]) => name);

    expect(passed.filter((name) => !(name in declared))).toEqual([]);
    expect(required.filter((name) => !passed.includes(name))).toEqual([]);
  });

  test('the values it passes render a valid member stack (AllowedValues, patterns of the pass-through parameters)', () => {
    const overrides = Object.fromEntries((stackSet.Parameters as { ParameterKey: string; ParameterValue: string }[]).map((p) => [p.ParameterKey, p.ParameterValue]));

    expect(() => renderMember(overrides)).not.toThrow();
    expect(() => renderMember({ ...overrides, TemplatePrefix: 'has"quote/' })).toThrow(/AllowedPattern|does not match/);
    expect(overrides).toMatchObject({ TemplateBucketOwner: ADMIN, TemplateBucketRegion: REGION, ArtifactsBucketPrefix: `rcfge-artifacts-${ADMIN}` });
  });

  test('is service-managed, auto-deploys, tolerates failures and targets the OUs and regions given', () => {
    expect(stackSet).toMatchObject({
      StackSetName: 'RCFGE-Hook',
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      OperationPreferences: { FailureTolerancePercentage: '10', MaxConcurrentPercentage: '25' },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-abcd-11111111'] }, Regions: [REGION, 'eu-west-1'] }],
    });
  });

  test('tells the Hook to exempt exactly its own stack instances, StackSet-<StackSetName>-', () => {
    const passed = (stackSet.Parameters as { ParameterKey: string; ParameterValue: string }[]).find((p) => p.ParameterKey === 'ExemptStackNamePrefixes');

    expect(passed?.ParameterValue).toBe(`StackSet-${stackSet.StackSetName}-`);
  });

  test('without a MemberTemplateURL (first run) only the buckets are created', () => {
    expect(Object.keys(renderAdmin({ MemberTemplateURL: '' }).resources).sort()).toEqual(
      ['ArtifactsBucket', 'ArtifactsBucketPolicy', 'TemplatesBucket', 'TemplatesBucketPolicy'],
    );
  });

  test('DeploymentRole=ArtifactsOnly creates only the regional artifacts bucket', () => {
    expect(Object.keys(renderAdmin({ DeploymentRole: 'ArtifactsOnly' }).resources).sort()).toEqual(['ArtifactsBucket', 'ArtifactsBucketPolicy']);
  });
});

describe('StackSetNeedsTargets (admin template Rules)', () => {
  test.each([
    ['TargetRegions', ''],
    ['TargetRegions', `${REGION},`],
    ['TargetOrganizationalUnitIds', ''],
    ['TargetOrganizationalUnitIds', 'ou-abcd-11111111,,ou-abcd-22222222'],
  ])('a StackSet with %s="%s" is refused before anything is created', (name, value) => {
    expect(() => renderAdmin({ [name]: value })).toThrow(RuleAssertionError);
    expect(() => renderAdmin({ [name]: value })).toThrow(new RegExp(name));
  });

  test.each([
    ['the first run (no MemberTemplateURL)', { MemberTemplateURL: '', TargetRegions: '', TargetOrganizationalUnitIds: '' }],
    ['an ArtifactsOnly region', { DeploymentRole: 'ArtifactsOnly', TargetRegions: '', TargetOrganizationalUnitIds: '' }],
  ])('does not apply to %s', (_name, parameters) => {
    expect(() => renderAdmin(parameters)).not.toThrow();
  });

  test('mutation: without the rule, an empty TargetRegions renders a StackSet that deploys nowhere', () => {
    const { Rules: _dropped, ...withoutRules } = template('rcfge-admin.yaml');
    const rendered = renderTemplate(withoutRules, {
      accountId: ADMIN, region: REGION,
      parameters: { OrganizationId: 'o-abcdefghij', MemberTemplateURL: 'https://example.com/rcfge-member.yaml', TargetOrganizationalUnitIds: 'ou-abcd-11111111', TargetRegions: '' },
      physicalIds: { TemplatesBucket: 't', ArtifactsBucket: 'a' },
      attributes: { 'TemplatesBucket.Arn': 'arn:aws:s3:::t', 'ArtifactsBucket.Arn': 'arn:aws:s3:::a' },
    });

    expect(properties(rendered, 'HookStackSet').StackInstancesGroup).toEqual([{ DeploymentTargets: { OrganizationalUnitIds: ['ou-abcd-11111111'] }, Regions: [''] }]);
  });
});

describe('bucket hardening', () => {
  test.each(['TemplatesBucket', 'ArtifactsBucket'])('%s: versioned, encrypted, public access blocked, owner-enforced', (logicalId) => {
    expect(properties(renderAdmin(), logicalId)).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });
});

describe('CloudFormationHookAssume (member HookExecutionRole trust policy)', () => {
  const trust = properties(renderMember(), 'HookExecutionRole').AssumeRolePolicyDocument as PolicyDocument;
  const assume = async (sourceArn: string, sourceAccount: string, policy = trust) => {
    const response = await runSimulation({
      request: {
        principal: 'hooks.cloudformation.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: { resource: `arn:aws:iam::${MEMBER}:role/RCFGEHookExecutionRole-${REGION}`, accountId: MEMBER },
        contextVariables: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
      },
      identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: policy,
    }, {});
    if (response.resultType === 'error') throw new Error(JSON.stringify(response.errors));
    return response.overallResult;
  };
  const ownHook = `arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/RCFGE-Config-Hook/00000001`;

  test('the Hooks service may assume it for this account\'s RCFGE-Config-Hook', async () => {
    expect(await assume(ownHook, MEMBER)).toBe('Allowed');
  });

  test('aws:SourceArn: not for another hook type in the same account', async () => {
    expect(await assume(`arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/Other-Team-Hook/00000001`, MEMBER)).not.toBe('Allowed');
  });

  test('aws:SourceAccount + aws:SourceArn: not for a hook in another account', async () => {
    expect(await assume(`arn:aws:cloudformation:${REGION}:${OUTSIDER}:type/hook/RCFGE-Config-Hook/00000001`, OUTSIDER)).not.toBe('Allowed');
  });

  test('mutation: without aws:SourceArn another hook type of the account could use the role', async () => {
    const weakened = mutate(trust, 'CloudFormationHookAssume', (s) => dropConditionKey(s, 'aws:SourceArn'));

    expect(await assume(`arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/Other-Team-Hook/00000001`, MEMBER, weakened)).toBe('Allowed');
  });
});

describe('CloudFormationHookAssume (member HookInvokeRole trust policy, HookMode=Lambda)', () => {
  const trust = properties(renderMember({ HookMode: 'Lambda' }), 'HookInvokeRole').AssumeRolePolicyDocument as PolicyDocument;
  const assume = async (sourceArn: string, policy = trust) => {
    const response = await runSimulation({
      request: {
        principal: 'hooks.cloudformation.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: { resource: `arn:aws:iam::${MEMBER}:role/RCFGEHookInvokeRole-${REGION}`, accountId: MEMBER },
        contextVariables: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': MEMBER },
      },
      identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: policy,
    }, {});
    if (response.resultType === 'error') throw new Error(JSON.stringify(response.errors));
    return response.overallResult;
  };
  const hookType = (name: string) => `arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/${name}`;
  // The type ARN of a Lambda Hook is its Alias with "::" replaced by "-".
  const ownType = hookType(String(properties(renderMember({ HookMode: 'Lambda' }), 'LambdaHook').Alias).replace(/::/g, '-'));

  test.each([['the type', ownType], ['a version of the type', `${ownType}/00000001`]])(
    'the Hooks service may assume it for %s of this account\'s LambdaHook', async (_name, sourceArn) => {
      expect(await assume(sourceArn)).toBe('Allowed');
    },
  );

  test.each([hookType('Other-Team-LambdaHook'), `${ownType}Evil`, `arn:aws:cloudformation:${REGION}:${MEMBER}:stack/x/1`])(
    'aws:SourceArn: not for %s', async (sourceArn) => {
      expect(await assume(sourceArn)).not.toBe('Allowed');
    },
  );

  test('mutation: without aws:SourceArn another hook of the account could invoke the function through the role', async () => {
    const weakened = mutate(trust, 'CloudFormationHookAssume', (s) => dropConditionKey(s, 'aws:SourceArn'));

    expect(await assume(hookType('Other-Team-LambdaHook'), weakened)).toBe('Allowed');
  });
});

/** Top-level property names and required sets only: enough to catch a misspelt or invented property early. */
function propertyProblems(rendered: RenderedTemplate): string[] {
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(rendered.resources)) {
    const schema = registrySchema(resource.Type);
    const readOnly = new Set((schema.readOnlyProperties ?? []).map((p: string) => p.replace('/properties/', '')));
    for (const name of Object.keys(resource.Properties)) {
      if (!(name in schema.properties)) problems.push(`${logicalId}: ${resource.Type} has no property ${name}`);
      if (readOnly.has(name)) problems.push(`${logicalId}: ${name} is read-only`);
    }
    for (const name of schema.required ?? []) {
      if (!(name in resource.Properties)) problems.push(`${logicalId}: missing required ${name}`);
    }
    const alternatives: { required: string[] }[] = schema.oneOf ?? [];
    const satisfied = alternatives.filter((alt) => alt.required.every((name) => name in resource.Properties));
    if (alternatives.length > 0 && satisfied.length !== 1) problems.push(`${logicalId}: must match exactly one of ${JSON.stringify(alternatives)}`);
  }
  return problems;
}

describe('registry schemas', () => {
  test.each([
    ['rcfge-admin.yaml', () => renderAdmin()],
    ['rcfge-member.yaml (Registered)', () => renderMember({ HookMode: 'Registered' })],
    ['rcfge-member.yaml (Lambda)', () => renderMember({ HookMode: 'Lambda' })],
    ['rcfge-scp.yaml', () => renderScp()],
  ])('%s uses only properties its resource types define', (_name, render) => {
    expect(propertyProblems(render())).toEqual([]);
  });
});
