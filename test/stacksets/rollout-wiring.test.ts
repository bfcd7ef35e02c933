/**
 * How the three templates fit together and with the registry: the StackSet
 * passes the member template exactly the parameters it declares, the buckets are
 * hardened as the design says, the member roles' trust holds up in the
 * simulator, and every resource uses only properties its registry schema has
 * (the full schema validation runs through `rcfge validate` elsewhere).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ADMIN, MEMBER, OUTSIDER, REGION, properties, renderAdmin, renderMember, renderScp, template, type PolicyDocument } from './support/org';
import { dropConditionKey, mutate } from './support/simulate';
import type { RenderedTemplate } from './support/cfn-render';

const SCHEMAS = join(__dirname, '..', '..', '..', 'shared', 'reference', 'resource-schemas');
const registrySchema = (type: string) => JSON.parse(readFileSync(join(SCHEMAS, `${type.toLowerCase().replace(/::/g, '-')}.json`), 'utf8'));

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

  test('without a MemberTemplateURL (first run) only the buckets are created', () => {
    expect(Object.keys(renderAdmin({ MemberTemplateURL: '' }).resources).sort()).toEqual(
      ['ArtifactsBucket', 'ArtifactsBucketPolicy', 'TemplatesBucket', 'TemplatesBucketPolicy'],
    );
  });

  test('DeploymentRole=ArtifactsOnly creates only the regional artifacts bucket', () => {
    expect(Object.keys(renderAdmin({ DeploymentRole: 'ArtifactsOnly' }).resources).sort()).toEqual(['ArtifactsBucket', 'ArtifactsBucketPolicy']);
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
    ['rcfge-member.yaml (Registered)', () => renderMember()],
    ['rcfge-member.yaml (Lambda)', () => renderMember({ HookMode: 'Lambda' })],
    ['rcfge-scp.yaml', () => renderScp()],
  ])('%s uses only properties its resource types define', (_name, render) => {
    expect(propertyProblems(render())).toEqual([]);
  });
});
