/**
 * Who may read the templates and the hook packages, decided offline by
 * iam-simulate on the policies rendered from stacksets/rcfge-admin.yaml (bucket
 * policies) and stacksets/rcfge-member.yaml (the hook role's identity policy).
 * Each "mutation" test drops one condition from a copy of the rendered policy
 * and shows that the matching named test would then fail.
 */
import {
  ADMIN, ARTIFACTS_BUCKET, HOOK_ROLE, MEMBER, ORG_ID, OUTSIDER, REGION, TEMPLATE_PREFIX, TEMPLATES_BUCKET,
  inlinePolicies, properties, renderAdmin, renderMember, type PolicyDocument,
} from './support/org';
import { ADMINISTRATOR_ACCESS, decide, dropConditionKey, mutate, withoutStatement, type Caller } from './support/simulate';

const admin = renderAdmin();
const member = renderMember();
const templatesPolicy = properties(admin, 'TemplatesBucketPolicy').PolicyDocument as PolicyDocument;
const artifactsPolicy = properties(admin, 'ArtifactsBucketPolicy').PolicyDocument as PolicyDocument;
const hookRolePolicies = inlinePolicies(member, 'HookExecutionRole');

const hookRole: Caller = { account: MEMBER, role: HOOK_ROLE, inOrg: true };
const templateKey = `arn:aws:s3:::${TEMPLATES_BUCKET}/${TEMPLATE_PREFIX}aws-s3-bucket.json`;
// Whoever else asks brings full permissions of their own: only the bucket policy stands in the way.
const administrators = [{ name: 'AdministratorAccess', policy: ADMINISTRATOR_ACCESS }];

const readTemplate = (caller: Caller, identityPolicies = administrators, resourcePolicy = templatesPolicy) =>
  decide({ caller, action: 's3:GetObject', resource: templateKey, resourceAccount: ADMIN, identityPolicies, resourcePolicy });

describe('templates bucket (rcfge-admin.yaml TemplatesBucketPolicy + member HookExecutionRole)', () => {
  test('AllowHookRoleReadTemplates + ReadTemplatesFromAdminBucket: the member hook role reads a template', async () => {
    const decision = await readTemplate(hookRole, hookRolePolicies);

    expect(decision.result).toBe('Allowed');
    expect(decision.allowedBy).toEqual(expect.arrayContaining(['AllowHookRoleReadTemplates', 'ReadTemplatesFromAdminBucket']));
  });

  test.each(['s3:PutObject', 's3:DeleteObject', 's3:PutObjectAcl', 's3:GetObjectVersion'])(
    'ReadTemplatesFromAdminBucket grants nothing else: the hook role cannot %s a template',
    async (action) => {
      const decision = await decide({ caller: hookRole, action, resource: templateKey, resourceAccount: ADMIN, identityPolicies: hookRolePolicies, resourcePolicy: templatesPolicy });

      expect(decision.result).not.toBe('Allowed');
    },
  );

  test('ReadTemplatesFromAdminBucket: the hook role cannot read another bucket, even one open to the organisation', async () => {
    const openBucket: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'OrgRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team-data/*' }],
    };

    const decision = await decide({ caller: hookRole, action: 's3:GetObject', resource: 'arn:aws:s3:::team-data/x.json', resourceAccount: ADMIN, identityPolicies: hookRolePolicies, resourcePolicy: openBucket });

    expect(decision.result).toBe('ImplicitlyDenied');
  });

  test('ReadTemplatesFromAdminBucket: the hook role cannot read outside the template prefix', async () => {
    const decision = await decide({ caller: hookRole, action: 's3:GetObject', resource: `arn:aws:s3:::${TEMPLATES_BUCKET}/other/secret.json`, resourceAccount: ADMIN, identityPolicies: hookRolePolicies, resourcePolicy: templatesPolicy });

    expect(decision.result).toBe('ImplicitlyDenied');
  });

  // If the admin bucket were deleted, anyone could create one with its name.
  const squatted = (identityPolicies: typeof hookRolePolicies) =>
    decide({
      caller: hookRole, action: 's3:GetObject', resource: templateKey, resourceAccount: OUTSIDER, identityPolicies,
      resourcePolicy: { Version: '2012-10-17', Statement: [{ Sid: 'Bait', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${TEMPLATES_BUCKET}/*` }] },
    });

  test('ReadTemplatesFromAdminBucket (aws:ResourceAccount): a same-named bucket in another account is not read', async () => {
    expect((await squatted(hookRolePolicies)).result).toBe('ImplicitlyDenied');
  });

  test('a role outside the organisation, even named like the hook role, cannot read templates (AllowHookRoleReadTemplates: aws:PrincipalOrgID)', async () => {
    const decision = await readTemplate({ account: OUTSIDER, role: HOOK_ROLE, inOrg: false });

    expect(decision.result).toBe('ImplicitlyDenied');
  });

  test('another role in a member account cannot read templates (AllowHookRoleReadTemplates: aws:PrincipalArn)', async () => {
    const decision = await readTemplate({ account: MEMBER, role: 'Administrator', inOrg: true });

    expect(decision.result).toBe('ImplicitlyDenied');
  });

  test('DenyInsecureTransport: the hook role cannot read over plain HTTP', async () => {
    const decision = await decide({ caller: hookRole, action: 's3:GetObject', resource: templateKey, resourceAccount: ADMIN, identityPolicies: hookRolePolicies, resourcePolicy: templatesPolicy, context: { 'aws:SecureTransport': 'false' } });

    expect(decision.result).toBe('ExplicitlyDenied');
    expect(decision.deniedBy).toContain('DenyInsecureTransport');
  });

  // s3:ListBucket is what turns a missing template into a definite 404 NoSuchKey (issue 12),
  // and it is granted only under the template prefix.
  const bucketArn = `arn:aws:s3:::${TEMPLATES_BUCKET}`;
  const listPrefix = (caller: Caller, prefix: string | undefined, identityPolicies = hookRolePolicies, resourcePolicy = templatesPolicy) =>
    decide({
      caller, action: 's3:ListBucket', resource: bucketArn, resourceAccount: ADMIN, identityPolicies, resourcePolicy,
      ...(prefix === undefined ? {} : { context: { 's3:prefix': prefix } }),
    });

  test.each([TEMPLATE_PREFIX, `${TEMPLATE_PREFIX}aws-s3-bucket.json`])(
    'AllowHookRoleListTemplatePrefix + ListTemplatePrefix: the member hook role lists under the template prefix (s3:prefix "%s")',
    async (prefix) => {
      const decision = await listPrefix(hookRole, prefix);

      expect(decision.result).toBe('Allowed');
      expect(decision.allowedBy).toEqual(expect.arrayContaining(['AllowHookRoleListTemplatePrefix', 'ListTemplatePrefix']));
    },
  );

  test.each([['another prefix', 'other/'], ['the bucket root', ''], ['no prefix at all', undefined]])(
    'the hook role cannot list %s of the templates bucket (s3:prefix)',
    async (_name, prefix) => {
      expect((await listPrefix(hookRole, prefix)).result).not.toBe('Allowed');
    },
  );

  test('even a hook role with wider permissions of its own lists only under the prefix (AllowHookRoleListTemplatePrefix: s3:prefix)', async () => {
    expect((await listPrefix(hookRole, TEMPLATE_PREFIX, administrators)).result).toBe('Allowed');
    expect((await listPrefix(hookRole, 'other/', administrators)).result).toBe('ImplicitlyDenied');
  });

  test.each([
    ['a role outside the organisation named like the hook role', { account: OUTSIDER, role: HOOK_ROLE, inOrg: false }],
    ['another role of a member account', { account: MEMBER, role: 'Administrator', inOrg: true }],
  ])('%s cannot list the template prefix (AllowHookRoleListTemplatePrefix)', async (_name, caller) => {
    expect((await listPrefix(caller as Caller, TEMPLATE_PREFIX, administrators)).result).toBe('ImplicitlyDenied');
  });

  test('ListTemplatePrefix (aws:ResourceAccount): the hook role does not list a same-named bucket in another account', async () => {
    const bait: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'Bait', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: bucketArn }] };

    const decision = await decide({ caller: hookRole, action: 's3:ListBucket', resource: bucketArn, resourceAccount: OUTSIDER, identityPolicies: hookRolePolicies, resourcePolicy: bait, context: { 's3:prefix': TEMPLATE_PREFIX } });

    expect(decision.result).toBe('ImplicitlyDenied');
  });

  test('the bucket policy lets only RCFGE roles of the organisation in: the hook roles read and list, the Config rule role only lists', () => {
    const allows = templatesPolicy.Statement.filter((statement) => statement.Effect === 'Allow');

    expect(allows.map((statement) => [statement.Sid, statement.Action])).toEqual([
      ['AllowHookRoleReadTemplates', 's3:GetObject'],
      ['AllowHookRoleListTemplatePrefix', 's3:ListBucket'],
    ]);
    expect(allows.map((statement) => statement.Condition)).toEqual([
      { StringEquals: { 'aws:PrincipalOrgID': ORG_ID }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/RCFGEHookExecutionRole-*' } },
      {
        StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
        ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/RCFGEHookExecutionRole-*', 'arn:aws:iam::*:role/RCFGEConfigRuleRole-*'] },
        StringLike: { 's3:prefix': `${TEMPLATE_PREFIX}*` },
      },
    ]);
  });

  describe('the AWS Config rule role (member ConfigRuleRole, ConfigRule=Enabled)', () => {
    const ruleMember = renderMember({ HookMode: 'Lambda', ConfigRule: 'Enabled' });
    const rulePolicies = inlinePolicies(ruleMember, 'ConfigRuleRole');
    const ruleRole: Caller = { account: MEMBER, role: `RCFGEConfigRuleRole-${REGION}`, inOrg: true };

    test('AllowHookRoleListTemplatePrefix + its ListTemplatePrefix: it lists the template prefix (the bucket answers)', async () => {
      const decision = await listPrefix(ruleRole, TEMPLATE_PREFIX, rulePolicies);

      expect(decision.result).toBe('Allowed');
      expect(decision.allowedBy).toEqual(expect.arrayContaining(['AllowHookRoleListTemplatePrefix', 'ListTemplatePrefix']));
    });

    test('it lists nothing outside the prefix and reads no template', async () => {
      expect((await listPrefix(ruleRole, 'other/', rulePolicies)).result).not.toBe('Allowed');
      expect((await readTemplate(ruleRole, rulePolicies)).result).not.toBe('Allowed');
      // Even with wider permissions of its own: the bucket policy admits no read by it.
      expect((await readTemplate(ruleRole, administrators)).result).toBe('ImplicitlyDenied');
    });
  });

  describe('mutations: each condition is what makes its test pass', () => {
    test('without aws:PrincipalOrgID the outsider reads templates', async () => {
      const weakened = mutate(templatesPolicy, 'AllowHookRoleReadTemplates', (s) => dropConditionKey(s, 'aws:PrincipalOrgID'));

      expect((await readTemplate({ account: OUTSIDER, role: HOOK_ROLE, inOrg: false }, administrators, weakened)).result).toBe('Allowed');
    });

    test('without aws:PrincipalArn any member role reads templates', async () => {
      const weakened = mutate(templatesPolicy, 'AllowHookRoleReadTemplates', (s) => dropConditionKey(s, 'aws:PrincipalArn'));

      expect((await readTemplate({ account: MEMBER, role: 'Administrator', inOrg: true }, administrators, weakened)).result).toBe('Allowed');
    });

    test('without aws:ResourceAccount the hook role reads a squatted bucket', async () => {
      const weakened = hookRolePolicies.map((p) => ({
        name: p.name,
        policy: p.name === 'ReadTemplates' ? mutate(p.policy, 'ReadTemplatesFromAdminBucket', (s) => dropConditionKey(s, 'aws:ResourceAccount')) : p.policy,
      }));

      expect((await squatted(weakened)).result).toBe('Allowed');
    });

    test('without s3:prefix in AllowHookRoleListTemplatePrefix a widely permitted hook role lists the whole bucket', async () => {
      const weakened = mutate(templatesPolicy, 'AllowHookRoleListTemplatePrefix', (s) => dropConditionKey(s, 's3:prefix'));

      expect((await listPrefix(hookRole, 'other/', administrators, weakened)).result).toBe('Allowed');
    });

    test('without s3:prefix in ListTemplatePrefix the hook role lists all of a bucket open to it', async () => {
      const open: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: bucketArn }] };
      const weakened = hookRolePolicies.map((p) => ({
        name: p.name,
        policy: p.name === 'ReadTemplates' ? mutate(p.policy, 'ListTemplatePrefix', (s) => dropConditionKey(s, 's3:prefix')) : p.policy,
      }));

      expect((await listPrefix(hookRole, 'other/', hookRolePolicies, open)).result).toBe('ImplicitlyDenied');
      expect((await listPrefix(hookRole, 'other/', weakened, open)).result).toBe('Allowed');
    });

    test.each(['aws:PrincipalOrgID', 'aws:PrincipalArn'])('without %s in AllowHookRoleListTemplatePrefix the excluded caller lists templates', async (key) => {
      const weakened = mutate(templatesPolicy, 'AllowHookRoleListTemplatePrefix', (s) => dropConditionKey(s, key));
      const excluded: Caller = key === 'aws:PrincipalArn' ? { account: MEMBER, role: 'Administrator', inOrg: true } : { account: OUTSIDER, role: HOOK_ROLE, inOrg: false };

      expect((await listPrefix(excluded, TEMPLATE_PREFIX, administrators, weakened)).result).toBe('Allowed');
    });

    test('without DenyInsecureTransport a plain-HTTP read succeeds', async () => {
      const weakened = withoutStatement(templatesPolicy, 'DenyInsecureTransport');

      const decision = await decide({ caller: hookRole, action: 's3:GetObject', resource: templateKey, resourceAccount: ADMIN, identityPolicies: hookRolePolicies, resourcePolicy: weakened, context: { 'aws:SecureTransport': 'false' } });

      expect(decision.result).toBe('Allowed');
    });
  });
});

describe('artifacts bucket (rcfge-admin.yaml ArtifactsBucketPolicy)', () => {
  const packageKey = `arn:aws:s3:::${ARTIFACTS_BUCKET}/releases/0.1.0/rcfge-config-hook.zip`;
  const stackSetsExec: Caller = { account: MEMBER, role: 'stacksets-exec-0123456789abcdef', inOrg: true };
  const readPackage = (caller: Caller, resourcePolicy = artifactsPolicy) =>
    decide({ caller, action: 's3:GetObject', resource: packageKey, resourceAccount: ADMIN, identityPolicies: administrators, resourcePolicy });

  test('AllowOrgStackSetsReadArtifacts: the StackSets execution role of a member account reads the hook package', async () => {
    const decision = await readPackage(stackSetsExec);

    expect(decision.result).toBe('Allowed');
    expect(decision.allowedBy).toContain('AllowOrgStackSetsReadArtifacts');
  });

  test('AllowOrgStackSetsReadArtifacts (aws:PrincipalArn): another member role cannot read the package', async () => {
    expect((await readPackage({ account: MEMBER, role: 'Administrator', inOrg: true })).result).toBe('ImplicitlyDenied');
  });

  test('AllowOrgStackSetsReadArtifacts (aws:PrincipalOrgID): a stacksets-exec role outside the organisation cannot', async () => {
    expect((await readPackage({ ...stackSetsExec, account: OUTSIDER, inOrg: false })).result).toBe('ImplicitlyDenied');
  });

  test.each(['aws:PrincipalArn', 'aws:PrincipalOrgID'])('mutation: without %s the excluded caller reads the package', async (key) => {
    const weakened = mutate(artifactsPolicy, 'AllowOrgStackSetsReadArtifacts', (s) => dropConditionKey(s, key));
    const excluded: Caller = key === 'aws:PrincipalArn' ? { account: MEMBER, role: 'Administrator', inOrg: true } : { ...stackSetsExec, account: OUTSIDER, inOrg: false };

    expect((await readPackage(excluded, weakened)).result).toBe('Allowed');
  });
});
