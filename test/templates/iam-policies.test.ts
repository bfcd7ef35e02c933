import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../fixtures/validate/cli';
import { ACCOUNT, BothFaces, type FaceVerdict, type Judged, type Resource } from './support/both-faces';

/**
 * The policy rules of the baseline (issue 13 item 3, issue 10 item 3) through both faces:
 * `rcfge validate` on a stack and the Hook handler on CloudFormation's request, with the
 * baseline templates served by the local S3 server beside a catalogue small enough to read
 * (test/fixtures/iam/iam-actions.json), and once beside the full catalogue.
 */
const FIXTURE_CATALOGUE = join(ROOT, 'test', 'fixtures', 'iam', 'iam-actions.json');
const PARAMS = {
  OrgId: 'o-abcdefghij',
  PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/rcfge-boundary',
  TrustedAccounts: ['111122223333'],
  AllowedServicePrincipals: ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'],
  ApprovedPrivilegedActions: [] as string[],
};
const V = '2012-10-17';
const BUCKET = 'data-bucket';
const own = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function role(statements: unknown[], trust?: unknown[]): Resource {
  return {
    type: 'AWS::IAM::Role',
    properties: {
      PermissionsBoundary: PARAMS.PermissionsBoundaryArn,
      AssumeRolePolicyDocument: { Version: V, Statement: trust ?? [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      Policies: [{ PolicyName: 'inline', PolicyDocument: { Version: V, Statement: statements } }],
    },
  };
}
const managed = (statements: unknown[], extra: Record<string, unknown> = {}): Resource => ({ type: 'AWS::IAM::ManagedPolicy', properties: { PolicyDocument: { Version: V, Statement: statements }, ...extra } });
const TLS = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const bucketPolicy = (statements: unknown[]): Resource => ({ type: 'AWS::S3::BucketPolicy', properties: { Bucket: BUCKET, PolicyDocument: { Version: V, Statement: [TLS, ...statements] } } });
const ROOT_STATEMENT = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const key = (statements: unknown[]): Resource => ({ type: 'AWS::KMS::Key', properties: { EnableKeyRotation: true, KeyPolicy: { Version: V, Statement: statements } } });
const readData = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${BUCKET}/*` };
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
const rolePolicy = (statements: unknown[]): Resource => ({ type: 'AWS::IAM::RolePolicy', properties: { RoleName: 'app', PolicyName: 'inline', PolicyDocument: { Version: V, Statement: statements } } });
const inlinePolicy = (statements: unknown[]): Resource => ({ type: 'AWS::IAM::Policy', properties: { PolicyName: 'inline', Roles: ['app'], PolicyDocument: { Version: V, Statement: statements } } });
const topicPolicy = (statements: unknown[]): Resource => ({ type: 'AWS::SNS::TopicPolicy', properties: { Topics: [TOPIC], PolicyDocument: { Version: V, Statement: statements } } });
const queuePolicy = (statements: unknown[]): Resource => ({ type: 'AWS::SQS::QueuePolicy', properties: { Queues: [QUEUE_URL], PolicyDocument: { Version: V, Statement: statements } } });

/** What a face reported: status and the rules it names, by path. */
function summary(verdict: FaceVerdict): { status: string; findings: string[] } {
  return { status: verdict.status, findings: verdict.findings.map((f) => `${f.path} ${f.rule}`).sort() };
}

/** Both faces agree, on the verdict and on every finding (path, rule, title, message). */
function agreed(judged: Judged): { status: string; findings: string[] } {
  expect(judged.hook.status).toBe(judged.validate.status);
  const words = (v: FaceVerdict) => v.findings.map((f) => [f.path, f.rule, f.title, f.message].join(' | ')).sort();
  expect(words(judged.hook)).toEqual(words(judged.validate));
  return summary(judged.validate);
}

/**
 * Both faces over a copy of the baseline templates whose iam-actions.json is the small fixture
 * catalogue (or `catalogue`, its text), with these TemplateParameters; started and closed around
 * the enclosing describe (registers the jest hooks itself).
 */
function useFaces(params: Readonly<Record<string, string | readonly string[]>>, catalogue?: string): Pick<BothFaces, 'judge'> {
  let faces: BothFaces | undefined;
  let templates: string;
  beforeAll(async () => {
    templates = mkdtempSync(join(tmpdir(), 'rcfge-iam-templates-'));
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    if (catalogue === undefined) cpSync(FIXTURE_CATALOGUE, join(templates, 'iam-actions.json'));
    else writeFileSync(join(templates, 'iam-actions.json'), catalogue);
    faces = await BothFaces.start({ templates, params });
  });
  afterAll(async () => {
    await faces?.close();
    rmSync(templates, { recursive: true, force: true });
  });
  return { judge: (resources) => (faces as BothFaces).judge(resources) };
}

describe('policy rules through both faces, with a small catalogue', () => {
  const faces = useFaces(PARAMS);
  let judged: Record<string, Judged>;

  const cases: Record<string, { resource: Resource; expected: { status: 'PASS' | 'FAIL'; findings: string[] } }> = {
    // RCFGE-IAM-3: actions exist in the approved catalogue, in every policy type and effect.
    RoleTypo: { resource: role([{ ...readData, Action: ['s3:GetObject', 's3:GetObjects'] }]), expected: { status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action/1 RCFGE-IAM-3'] } },
    ManagedDenyTypo: { resource: managed([{ Effect: 'Deny', Action: 's3:DeleteObjects', Resource: '*' }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-3'] } },
    BucketTypo: { resource: bucketPolicy([{ Effect: 'Allow', Principal: { AWS: own('reader') }, Action: 's3:GetObjectz', Resource: `arn:aws:s3:::${BUCKET}/*` }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/1/Action RCFGE-IAM-3'] } },
    KeyTypo: { resource: key([ROOT_STATEMENT, { Effect: 'Allow', Principal: { AWS: own('app') }, Action: ['kms:Decrpyt'], Resource: '*' }]), expected: { status: 'FAIL', findings: ['/KeyPolicy/Statement/1/Action/0 RCFGE-IAM-3'] } },
    NotInCatalogue: { resource: managed([{ Effect: 'Allow', Action: ['s3:GetObjectAttributes'], Resource: `arn:aws:s3:::${BUCKET}/*` }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action/0 RCFGE-IAM-3'] } },
    RolePolicyTypo: { resource: rolePolicy([{ ...readData, Action: 's3:PutObjcet' }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-3'] } },
    TopicPolicyTypo: { resource: topicPolicy([{ Effect: 'Allow', Principal: { AWS: own('publisher') }, Action: 'sns:Publsh', Resource: TOPIC }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-3'] } },
    QueuePolicy: { resource: queuePolicy([{ Effect: 'Allow', Principal: { AWS: own('producer') }, Action: ['sqs:SendMessage'], Resource: QUEUE }]), expected: { status: 'PASS', findings: [] } },
    // RCFGE-IAM-1: service:Action.
    Malformed: { resource: managed([{ Effect: 'Allow', Action: 's3GetObject', Resource: '*' }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-1'] } },
    // RCFGE-IAM-2 (CT.IAM.PR.1/2/3/5): no "*" or service:* in Allow; Deny may (issue 10 item 3).
    RoleServiceWildcard: { resource: role([{ ...readData, Action: 's3:*' }]), expected: { status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action RCFGE-IAM-2'] } },
    // "?" is one character: "s3:?*" is every s3 action, as "s3:*" is.
    PolicyQuestionWildcard: { resource: inlinePolicy([{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:?*'], Resource: QUEUE }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action/1 RCFGE-IAM-2'] } },
    ManagedStar: { resource: managed([{ Effect: 'Allow', Action: '*', Resource: '*' }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-2'] } },
    ManagedDenyStar: { resource: managed([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }]), expected: { status: 'PASS', findings: [] } },
    RoleDenyServiceWildcard: { resource: role([readData, { Effect: 'Deny', Action: ['iam:*', 'sts:*'], Resource: '*' }]), expected: { status: 'PASS', findings: [] } },
    KeyTrustedServiceWildcard: { resource: key([ROOT_STATEMENT, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 'kms:*', Resource: '*' }]), expected: { status: 'FAIL', findings: ['/KeyPolicy/Statement/1/Action RCFGE-IAM-2'] } },
    KeyDefaultPolicy: { resource: key([ROOT_STATEMENT, { Effect: 'Allow', Principal: { AWS: own('app') }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' }]), expected: { status: 'PASS', findings: [] } },
    // RCFGE-IAM-4: no NotAction in Allow; Deny may.
    PolicyServiceWildcard: { resource: inlinePolicy([{ Effect: 'Allow', Action: 'sqs:*', Resource: QUEUE }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-2'] } },
    QueuePolicyServiceWildcard: { resource: queuePolicy([{ Effect: 'Allow', Principal: { AWS: own('producer') }, Action: 'sqs:*', Resource: QUEUE }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-2'] } },
    TopicPolicyDenyStar: { resource: topicPolicy([{ Effect: 'Allow', Principal: { AWS: own('publisher') }, Action: 'sns:Publish', Resource: TOPIC }, { Effect: 'Deny', Principal: '*', Action: '*', Resource: TOPIC, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]), expected: { status: 'PASS', findings: [] } },
    ManagedAllowNotAction: { resource: managed([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/NotAction RCFGE-IAM-4'] } },
    RoleDenyNotAction: { resource: role([readData, { Effect: 'Deny', NotAction: ['s3:GetObject', 'logs:*'], Resource: '*' }]), expected: { status: 'PASS', findings: [] } },
    // RCFGE-IAM-5: privileged actions only on named resources (unless approved).
    RolePassRoleEverywhere: { resource: role([{ Effect: 'Allow', Action: ['iam:Pass*', 'iam:GetRole'], Resource: '*' }]), expected: { status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action/0 RCFGE-IAM-5'] } },
    // Trust actions match as IAM matches them: in any case (a trust statement has no Resource, so no RCFGE-IAM-5).
    TrustActionCase: { resource: role([readData], [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: ['STS:AssumeRole', 'sts:tagsession'] }]), expected: { status: 'PASS', findings: [] } },
    TrustActionOther: { resource: role([readData], [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:getcallerIDENTITY' }]), expected: { status: 'FAIL', findings: ['/AssumeRolePolicyDocument/Statement/0/Action RCFGE-IAM-3', '/AssumeRolePolicyDocument/Statement/0/Action RCFGE-ROLE-1'] } },
    RolePassRoleArnStar: { resource: role([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:*' }]), expected: { status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action RCFGE-IAM-5'] } },
    ManagedPassRoleStars: { resource: managed([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '**' }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action RCFGE-IAM-5'] } },
    RolePassRoleNamed: { resource: role([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: own('app-runtime') }]), expected: { status: 'PASS', findings: [] } },
    // RCFGE-IAM-6: policy variables in the case IAM resolves.
    ManagedVariableCase: { resource: managed([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/home/\${aws:UserName}/*` }]), expected: { status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Resource RCFGE-IAM-6'] } },
    ManagedVariable: { resource: managed([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/home/\${aws:username}/*` }]), expected: { status: 'PASS', findings: [] } },
    // RCFGE-IAM-7: the trust policy fits IAM's 2,048-character quota.
    TrustTooLong: {
      resource: role([readData], [{ Effect: 'Allow', Principal: { AWS: Array.from({ length: 45 }, (_, i) => own(`deployment-pipeline-${String(i).padStart(2, '0')}`)) }, Action: 'sts:AssumeRole' }]),
      expected: { status: 'FAIL', findings: ['/AssumeRolePolicyDocument RCFGE-IAM-7'] },
    },
    // CT.IAM.PR.4: a managed policy does not attach to users.
    ManagedOnUsers: { resource: managed([readData], { Users: ['alice'] }), expected: { status: 'FAIL', findings: ['/Users RCFGE-MANAGEDPOLICY-3'] } },
  };

  beforeAll(async () => {
    judged = await faces.judge(Object.fromEntries(Object.entries(cases).map(([id, c]) => [id, c.resource])));
  });

  it.each(Object.keys(cases))('%s', (id) => {
    expect(agreed(judged[id])).toEqual(cases[id].expected);
  });

  it('words the finding the same way in the Hook message and in validate', () => {
    const hook = judged.RoleTypo.hook;
    expect(hook.message).toContain('[RCFGE-IAM-3] Policy actions are in the approved IAM catalogue: /Policies/0/PolicyDocument/Statement/0/Action/1 "s3:GetObjects" is not in the approved IAM catalogue (did you mean s3:GetObject?)');
    expect(judged.RoleTypo.validate.findings[0]).toMatchObject({ rule: 'RCFGE-IAM-3', message: '"s3:GetObjects" is not in the approved IAM catalogue (did you mean s3:GetObject?)' });
  });
});

describe('privileged actions approved by the type configuration, through both faces', () => {
  const faces = useFaces({ ...PARAMS, ApprovedPrivilegedActions: ['iam:PassRole'] });

  it('lets the approved action through on "*" and still refuses the others', async () => {
    const judged = await faces.judge({
      Approved: role([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]),
      NotApproved: role([{ Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateAccessKey'], Resource: '*' }]),
    });
    expect(agreed(judged.Approved)).toEqual({ status: 'PASS', findings: [] });
    expect(agreed(judged.NotApproved)).toEqual({ status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action/1 RCFGE-IAM-5'] });
  });
});

// An organisation whose TemplateParameters predate ApprovedPrivilegedActions: publishing these
// templates must not fail every role, policy, bucket and key policy (it approves nothing instead).
describe('TemplateParameters without ApprovedPrivilegedActions, through both faces', () => {
  const { ApprovedPrivilegedActions: _none, ...older } = PARAMS;
  const faces = useFaces(older);

  it('judges every policy type as with an empty list: compliant ones pass, privileged actions on "*" are refused', async () => {
    const judged = await faces.judge({
      Role: role([readData]),
      Managed: managed([readData]),
      Bucket: bucketPolicy([{ Effect: 'Allow', Principal: { AWS: own('reader') }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }]),
      Key: key([ROOT_STATEMENT, { Effect: 'Allow', Principal: { AWS: own('app') }, Action: ['kms:Decrypt'], Resource: '*' }]),
      Queue: queuePolicy([{ Effect: 'Allow', Principal: { AWS: own('producer') }, Action: ['sqs:SendMessage'], Resource: QUEUE }]),
      PassRole: role([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]),
    });
    for (const id of ['Role', 'Managed', 'Bucket', 'Key', 'Queue']) expect([id, agreed(judged[id])]).toEqual([id, { status: 'PASS', findings: [] }]);
    expect(agreed(judged.PassRole)).toEqual({ status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action RCFGE-IAM-5'] });
  });
});

describe('withheld actions (rcfge iam-catalogue update --withhold-new), through both faces', () => {
  const catalogue = JSON.parse(readFileSync(FIXTURE_CATALOGUE, 'utf8'));
  const faces = useFaces(PARAMS, JSON.stringify({ ...catalogue, withheld: { s3: ['GetObjectAttributes'] } }));

  it('refuses an Allow wildcard that would grant a withheld action and the action by name; a Deny may name it', async () => {
    const judged = await faces.judge({
      Broad: managed([{ ...readData, Action: ['s3:GetObject*'] }]),
      ByName: role([{ ...readData, Action: ['s3:GetObjectAttributes'] }]),
      Narrow: managed([{ ...readData, Action: ['s3:GetObject', 's3:GetObjectA?l'] }]),
      Denied: managed([readData, { Effect: 'Deny', Action: 's3:GetObjectAttributes', Resource: '*' }]),
    });
    expect(agreed(judged.Broad)).toEqual({ status: 'FAIL', findings: ['/PolicyDocument/Statement/0/Action/0 RCFGE-IAM-3'] });
    expect(judged.Broad.validate.findings[0].message).toMatch(/^"s3:GetObject\*" also grants s3:GetObjectAttributes, which is not approved yet/);
    expect(agreed(judged.ByName)).toEqual({ status: 'FAIL', findings: ['/Policies/0/PolicyDocument/Statement/0/Action/0 RCFGE-IAM-3'] });
    expect(agreed(judged.Narrow)).toEqual({ status: 'PASS', findings: [] });
    expect(agreed(judged.Denied)).toEqual({ status: 'PASS', findings: [] });
  });
});

describe('policy rules with the full catalogue (templates/iam-actions.json)', () => {
  let faces: BothFaces;
  beforeAll(async () => {
    faces = await BothFaces.start({ params: PARAMS });
  });
  afterAll(async () => faces?.close());

  it('accepts a realistic role across services and refuses its misspelt and unapproved variants', async () => {
    const statements = [
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders` },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/orders:*` },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'ec2:Describe*', 'cloudwatch:PutMetricData'], Resource: '*' },
      { Effect: 'Allow', Action: ['sqs:SendMessage', 'sns:Publish', 'kms:Decrypt', 'secretsmanager:GetSecretValue'], Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders` },
      { Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' },
    ];
    const judged = await faces.judge({
      Realistic: role(statements),
      Misspelt: role([{ ...statements[0], Action: ['dynamodb:GetItems'] }, { ...statements[2], Action: ['xray:PutTraceSegment'] }]),
      UnknownService: role([{ ...statements[0], Action: ['dynamo:GetItem'] }]),
    });
    expect(agreed(judged.Realistic)).toEqual({ status: 'PASS', findings: [] });
    expect(agreed(judged.Misspelt).findings).toEqual(['/Policies/0/PolicyDocument/Statement/0/Action/0 RCFGE-IAM-3', '/Policies/0/PolicyDocument/Statement/1/Action/0 RCFGE-IAM-3']);
    expect(judged.Misspelt.validate.findings.map((f) => f.message)).toEqual([
      '"dynamodb:GetItems" is not in the approved IAM catalogue (did you mean dynamodb:GetItem?)',
      '"xray:PutTraceSegment" is not in the approved IAM catalogue (did you mean xray:PutTraceSegments?)',
    ]);
    expect(judged.UnknownService.validate.findings[0].message).toBe('"dynamo:GetItem": dynamo is not a service prefix in the approved IAM catalogue (did you mean dynamodb?)');
  });
});
