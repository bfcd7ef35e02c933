/**
 * stacksets/operator-policy.json: what the platform engineer who runs the runbook needs in
 * the delegated administrator account, and no more. Each runbook step's calls (including
 * the ones CloudFormation makes with the caller's credentials while it deploys the admin
 * stack) are decided offline by iam-simulate with only this policy attached.
 */
import { readFileSync } from 'node:fs';
import { ADMIN, ARTIFACTS_BUCKET, MEMBER, REGION, TEMPLATES_BUCKET, properties, renderMember, templatePath, type PolicyDocument } from './support/org';
import { decide, type Caller } from './support/simulate';

const policy = JSON.parse(readFileSync(templatePath('operator-policy.json'), 'utf8')) as PolicyDocument;
const operator: Caller = { account: ADMIN, role: 'PlatformOperator', inOrg: true };
// Assuming a member's audit role needs its trust policy too (rcfge-member.yaml AuditRole, as the admin stack deploys it).
const auditTrust = properties(renderMember({ AuditAccountId: ADMIN }), 'AuditRole').AssumeRolePolicyDocument as PolicyDocument;
const ask = (action: string, resource: string, resourceAccount = ADMIN) =>
  decide({
    caller: operator, action, resource, resourceAccount, identityPolicies: [{ name: 'RCFGEOperator', policy }],
    ...(action === 'sts:AssumeRole' ? { resourcePolicy: auditTrust } : {}),
  });

const adminStack = `arn:aws:cloudformation:${REGION}:${ADMIN}:stack/rcfge-admin/11111111-2222-3333-4444-555555555555`;
const stackSet = `arn:aws:cloudformation:${REGION}:${ADMIN}:stackset/RCFGE-Hook:0b1c2d3e-aaaa-bbbb-cccc-1234567890ab`;

// [step, action, resource, account that owns the resource]
const RUNBOOK: [string, string, string, string][] = [
  // (step 0 and step 7 run in the management account, outside this policy)
  // steps 2 and 5: aws cloudformation deploy of rcfge-admin.yaml
  ['2/5 deploy', 'cloudformation:CreateChangeSet', adminStack, ADMIN],
  ['2/5 deploy', 'cloudformation:DescribeChangeSet', adminStack, ADMIN],
  ['2/5 deploy', 'cloudformation:ExecuteChangeSet', adminStack, ADMIN],
  ['2/5 deploy', 'cloudformation:DescribeStacks', adminStack, ADMIN],
  ['2/5 deploy', 'cloudformation:DescribeStackEvents', adminStack, ADMIN],
  ['2/5 deploy', 'cloudformation:GetTemplateSummary', adminStack, ADMIN],
  // ... and what CloudFormation then does with the caller's credentials
  ['2 buckets', 's3:CreateBucket', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['2 buckets', 's3:PutBucketPolicy', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['2 buckets', 's3:PutBucketVersioning', `arn:aws:s3:::${ARTIFACTS_BUCKET}`, ADMIN],
  ['2 buckets', 's3:PutEncryptionConfiguration', `arn:aws:s3:::${ARTIFACTS_BUCKET}`, ADMIN],
  ['2 buckets', 's3:PutBucketPublicAccessBlock', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['2 buckets', 's3:PutLifecycleConfiguration', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['2 buckets', 's3:GetBucketPolicy', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['5 StackSet', 'cloudformation:CreateStackSet', '*', ADMIN],
  ['5 StackSet', 'cloudformation:UpdateStackSet', stackSet, ADMIN],
  ['5 StackSet', 'cloudformation:CreateStackInstances', stackSet, ADMIN],
  ['5 StackSet', 'cloudformation:DescribeStackSetOperation', stackSet, ADMIN],
  ['5 StackSet', 'organizations:ListDelegatedAdministrators', '*', ADMIN],
  // step 3: upload the release; step 4: publish the templates
  ['3 upload', 's3:PutObject', `arn:aws:s3:::${ARTIFACTS_BUCKET}/releases/0.2.0/rcfge-lambda.zip`, ADMIN],
  ['4 publish', 's3:ListBucket', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['4 publish', 's3:GetObject', `arn:aws:s3:::${TEMPLATES_BUCKET}/templates/aws-s3-bucket.json`, ADMIN],
  ['4 publish', 's3:PutObject', `arn:aws:s3:::${TEMPLATES_BUCKET}/templates/aws-s3-bucket.json`, ADMIN],
  ['4 publish --delete', 's3:DeleteObject', `arn:aws:s3:::${TEMPLATES_BUCKET}/templates/aws-old-type.json`, ADMIN],
  // step 6 and later: verify, audit, roll back a template
  ['6 verify', 'cloudformation:ListStackInstances', stackSet, ADMIN],
  ['6 audit', 'cloudformation:DescribeStackSet', stackSet, ADMIN],
  ['6 audit', 'sts:AssumeRole', `arn:aws:iam::${MEMBER}:role/RCFGEAuditRole-${REGION}`, MEMBER],
  ['rollback', 's3:ListBucketVersions', `arn:aws:s3:::${TEMPLATES_BUCKET}`, ADMIN],
  ['rollback', 's3:GetObjectVersion', `arn:aws:s3:::${TEMPLATES_BUCKET}/templates/aws-s3-bucket.json`, ADMIN],
];

describe('the operator policy allows every runbook step', () => {
  // Every row has all four values: jest reads a test function with more parameters than the row as taking `done`.
  test.each(RUNBOOK)('step %s: %s on %s', async (_step, action, resource, account) => {
    expect((await ask(action, resource, account)).result).toBe('Allowed');
  });
});

describe('and nothing beyond RCFGE', () => {
  test.each([
    ['iam:CreateRole', `arn:aws:iam::${ADMIN}:role/anything`],
    ['s3:DeleteBucket', `arn:aws:s3:::${TEMPLATES_BUCKET}`],
    ['s3:PutObject', `arn:aws:s3:::${ARTIFACTS_BUCKET}/not-a-release.zip`],
    ['s3:PutObject', 'arn:aws:s3:::someone-elses-bucket/x'],
    ['s3:PutBucketPolicy', 'arn:aws:s3:::someone-elses-bucket'],
    ['cloudformation:UpdateStack', `arn:aws:cloudformation:${REGION}:${ADMIN}:stack/other-stack/1`],
    ['cloudformation:UpdateStackSet', `arn:aws:cloudformation:${REGION}:${ADMIN}:stackset/Other-StackSet:1`],
    ['sts:AssumeRole', `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`],
    ['organizations:AttachPolicy', 'arn:aws:organizations::000000000000:policy/o-abcdefghij/service_control_policy/p-12345678'],
    ['cloudformation:SetTypeConfiguration', '*'],
  ])('%s on %s is not allowed', async (action, resource) => {
    const account = resource.includes(`::${MEMBER}:`) ? MEMBER : ADMIN;

    expect((await ask(action, resource, account)).result).toBe('ImplicitlyDenied');
  });

  test('every statement has a Sid (the runbook cites them)', () => {
    expect(policy.Statement.every((s) => typeof s.Sid === 'string' && s.Sid.length > 0)).toBe(true);
  });
});
