import { byId } from '../fixtures/validate/cli';
import { bucketPolicyStack, Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 11: `contains` beside values known only at deploy time. An item satisfies
 * `contains` only if it could with its unknown values left unknown; when no item can, the
 * Hook will refuse the resource whatever those values are, so validate reports it too.
 * The Hook face gets the values CloudFormation would send once the bucket exists.
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

const BUCKET_ARN = 'arn:aws:s3:::data-1a2b3c';

function stack(statements: string): string {
  return bucketPolicyStack(statements, '  Bucket:\n    Type: AWS::S3::Bucket\n');
}

const ALLOW_UNKNOWN = `          - Effect: Allow
            Principal: {AWS: arn:aws:iam::123456789012:role/reader}
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`;
const DENY_UNKNOWN = (secure: string) => `          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: !GetAtt Bucket.Arn
            Condition: {Bool: {'aws:SecureTransport': '${secure}'}}
`;
const ALLOW_SENT = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/reader' }, Action: 's3:GetObject', Resource: `${BUCKET_ARN}/*` };
const DENY_SENT = (secure: string) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: BUCKET_ARN, Condition: { Bool: { 'aws:SecureTransport': secure } } });

async function judge(statements: string, sent: unknown[]) {
  // The bucket only gives the policy its deploy-time ARN; no template judges it here.
  const run = await faces.validate(scratchStack(stack(statements)), ['--missing-template', 'allow']);
  const hook = await faces.hook(faces.request('AWS::S3::BucketPolicy', { Bucket: 'data', PolicyDocument: { Statement: sent } }, { logicalId: 'Policy' }));
  const policy = byId(run.report!, 'Policy');
  return { run, hook, policy, paths: policy.findings.map((f) => `${f.path} ${f.keyword}`) };
}

describe('contains above unresolved values', () => {
  it('no TLS-deny statement at all, one Resource unknown: a finding on both faces', async () => {
    const { run, hook, policy, paths } = await judge(ALLOW_UNKNOWN, [ALLOW_SENT]);
    expect(policy.unresolved).toEqual(['/PolicyDocument/Statement/0/Resource']);
    expect(run.code).toBe(1);
    expect(paths).toEqual(['/PolicyDocument/Statement contains']);
    expect(hook).toMatchObject({ verdict: 'FAIL', errorCode: 'NonCompliant', paths });
  });

  it('the TLS deny with an unknown Resource could qualify: no finding on either face', async () => {
    const { run, hook, policy } = await judge(ALLOW_UNKNOWN + DENY_UNKNOWN('false'), [ALLOW_SENT, DENY_SENT('false')]);
    expect(policy).toMatchObject({ status: 'PASS', findings: [] });
    expect(run.code).toBe(0);
    expect(hook.verdict).toBe('PASS');
  });

  it('a deny whose known values already disqualify it (SecureTransport true) does not count: a finding on both faces', async () => {
    const { hook, paths } = await judge(ALLOW_UNKNOWN + DENY_UNKNOWN('true'), [ALLOW_SENT, DENY_SENT('true')]);
    expect(paths).toEqual(['/PolicyDocument/Statement contains']);
    expect(hook).toMatchObject({ verdict: 'FAIL', paths });
  });

  it('a statement that is unknown as a whole could be anything: not judged', async () => {
    const { policy } = await judge(`${ALLOW_UNKNOWN}          - !ImportValue shared-tls-deny-statement\n`, [ALLOW_SENT]);
    expect(policy).toMatchObject({ status: 'PASS', findings: [], unresolved: ['/PolicyDocument/Statement/0/Resource', '/PolicyDocument/Statement/1'] });
  });
});
