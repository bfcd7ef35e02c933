import fc from 'fast-check';
import { stringTyped } from '../support/requests';
import { ACCOUNT, BothFaces, findingKeys } from './support/both-faces';
import { decideS3 } from './support/s3-simulate';
import { runSeed } from '../support/fuzz';

/**
 * Issue 10, bypass 1: the bucket policy template's TLS rule. For every bucket policy the
 * template accepts, plain-HTTP s3:GetObject and s3:PutObject are denied (IAM simulation of
 * the very policy, as CloudFormation hands it to S3); each known way to neutralise the TLS
 * statement is refused by `rcfge validate` and by the Hook handler alike, and the
 * simulation shows it really was a way in.
 */
const TYPE = 'AWS::S3::BucketPolicy';
const BUCKET = `data-${ACCOUNT}-us-east-1`;
const ARN = `arn:aws:s3:::${BUCKET}`;

type Statement = Record<string, unknown>;

const TLS: Statement = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

const READER: Statement = {
  Sid: 'AllowReader',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/data-reader` },
  Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
  Resource: [ARN, `${ARN}/*`],
};

function policy(...statements: Statement[]): Record<string, unknown> {
  return { Bucket: BUCKET, PolicyDocument: { Version: '2012-10-17', Statement: statements } };
}

function tls(change: Statement): Statement {
  const statement: Statement = { ...TLS, ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete statement[key];
  return statement;
}

/** Forms of the TLS statement (and of the policy around it) that the template accepts. */
const ACCEPTED: Record<string, Record<string, unknown>> = {
  Documented: policy(TLS, READER),
  TlsStatementLast: policy(READER, tls({ Sid: undefined })),
  PrincipalAwsStar: policy(tls({ Principal: { AWS: '*' } }), READER),
  PrincipalAwsStarList: policy(tls({ Principal: { AWS: ['*'] } }), READER),
  ActionStar: policy(tls({ Action: '*' }), READER),
  ActionList: policy(tls({ Action: ['s3:GetObject', 's3:*'] }), READER),
  ActionUpperCase: policy(tls({ Action: 'S3:*' }), READER),
  ResourceStar: policy(tls({ Resource: '*' }), READER),
  ResourceAllBuckets: policy(tls({ Resource: 'arn:aws:s3:::*' }), READER),
  ResourceBucketPrefix: policy(tls({ Resource: [`arn:aws:s3:::data-*`] }), READER),
  ResourceAnyPartition: policy(tls({ Resource: [`arn:*:s3:::${BUCKET}`, `arn:*:s3:::${BUCKET}/*`] }), READER),
  ResourceExtraEntries: policy(tls({ Resource: ['arn:aws:s3:::other-bucket', ARN, `${ARN}/*`] }), READER),
  ConditionList: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }), READER),
  ConditionKeyLowerCase: policy(tls({ Condition: { Bool: { 'aws:securetransport': 'false' } } }), READER),
  Version2008: { Bucket: BUCKET, PolicyDocument: { Version: '2008-10-17', Statement: [TLS, READER] } },
};

/** Ways to keep a TLS-looking statement while letting plain HTTP through (issue 10, bypass 1, and relatives). */
const BYPASSES: Record<string, Record<string, unknown>> = {
  ExtraBoolKey: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': 'false', 'aws:MultiFactorAuthPresent': 'true' } } }), READER),
  ExtraOperatorNeverTrue: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpce': 'vpce-0000000000000000' } } }), READER),
  NotResourceObjects: policy(tls({ Resource: undefined, NotResource: `${ARN}/*` }), READER),
  BucketOnly: policy(tls({ Resource: ARN }), READER),
  ObjectsOnly: policy(tls({ Resource: `${ARN}/*` }), READER),
  SomeObjectsOnly: policy(tls({ Resource: [ARN, `${ARN}/private/*`] }), READER),
  OtherBucket: policy(tls({ Resource: ['arn:aws:s3:::other-bucket', 'arn:aws:s3:::other-bucket/*'] }), READER),
  OneAccountOnly: policy(tls({ Principal: { AWS: 'arn:aws:iam::999999999999:root' } }), READER),
  NotPrincipalOwnAccount: policy(tls({ Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }), READER),
  SomeActionsOnly: policy(tls({ Action: 's3:GetObject' }), READER),
  ConditionTrue: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), READER),
  NoTlsStatement: policy(READER),
};

/**
 * Spellings of `false` that the simulator matches (its Bool operator lower-cases both sides)
 * but IAM is not documented to: IAM's Bool compares with `true`/`false` (the JSON boolean
 * CloudFormation sends as "false"), every AWS example and Control Tower's CT.S3.PR.8 write
 * "false", and the docs say the case-sensitivity of a value depends on its operator without
 * calling Bool case-insensitive. A TLS statement whose condition IAM might never match would
 * deny nothing, so the template takes only the documented spelling, with a remediation that
 * says so.
 */
const UNDOCUMENTED_SPELLINGS: Record<string, Record<string, unknown>> = {
  ConditionCapitalised: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': 'False' } } }), READER),
  ConditionUpperCase: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': 'FALSE' } } }), READER),
  ConditionUpperCaseList: policy(tls({ Condition: { Bool: { 'aws:SecureTransport': ['FALSE'] } } }), READER),
};

/** The policy as S3 receives it: CloudFormation turns every scalar into a string. */
const asDeployed = (properties: Record<string, unknown>): unknown => (stringTyped(properties) as { PolicyDocument: unknown }).PolicyDocument;

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'] as const;

let faces: BothFaces;
beforeAll(async () => {
  faces = await BothFaces.start();
});
afterAll(async () => {
  await faces.close();
});

describe('accepted bucket policies deny plain HTTP', () => {
  let judged: Awaited<ReturnType<BothFaces['judge']>>;
  beforeAll(async () => {
    judged = await faces.judge(Object.fromEntries(Object.entries(ACCEPTED).map(([id, properties]) => [id, { type: TYPE, properties }])));
  });

  it.each(Object.keys(ACCEPTED))('%s: accepted by validate and the Hook; plain-HTTP GetObject and PutObject denied, HTTPS allowed', async (id) => {
    // Assess: both faces accept it
    expect({ validate: judged[id].validate.status, hook: judged[id].hook.status, findings: judged[id].hook.findings }).toEqual({ validate: 'PASS', hook: 'PASS', findings: [] });
    // Act + Assess: what S3 would decide under this very policy
    const document = asDeployed(ACCEPTED[id]);
    for (const action of ['s3:GetObject', 's3:PutObject'] as const) {
      expect({ action, http: await decideS3(document, { action, bucket: BUCKET, secureTransport: false, account: ACCOUNT }) }).toEqual({ action, http: 'ExplicitlyDenied' });
      // The reader's grant still works over TLS: the Deny is about transport, not a blanket refusal.
      expect({ action, https: await decideS3(document, { action, bucket: BUCKET, secureTransport: true, account: ACCOUNT }) }).toEqual({ action, https: 'Allowed' });
    }
  });
});

describe('TLS statements that let plain HTTP through are refused', () => {
  let judged: Awaited<ReturnType<BothFaces['judge']>>;
  beforeAll(async () => {
    judged = await faces.judge(Object.fromEntries(Object.entries(BYPASSES).map(([id, properties]) => [id, { type: TYPE, properties }])));
  });

  it.each(Object.keys(BYPASSES))('%s: refused by validate and the Hook with the same findings; the simulation shows a plain-HTTP request allowed', async (id) => {
    // Assess: a real bypass, not a policy that was harmless anyway
    const document = asDeployed(BYPASSES[id]);
    const decisions = await Promise.all(ACTIONS.map(async (action) => decideS3(document, { action, bucket: BUCKET, secureTransport: false, account: ACCOUNT })));
    expect(decisions).toContain('Allowed');
    // Assess: both faces refuse it, for the same reasons, on the statement list
    const { validate, hook } = judged[id];
    expect({ validate: validate.status, hook: hook.status, errorCode: hook.errorCode }).toEqual({ validate: 'FAIL', hook: 'FAIL', errorCode: 'NonCompliant' });
    expect(findingKeys(hook)).toEqual(findingKeys(validate));
    expect(findingKeys(hook)).toContain('/PolicyDocument/Statement contains');
  });
});

describe('TLS conditions spelt in a way IAM is not documented to match are refused', () => {
  let judged: Awaited<ReturnType<BothFaces['judge']>>;
  beforeAll(async () => {
    judged = await faces.judge(Object.fromEntries(Object.entries(UNDOCUMENTED_SPELLINGS).map(([id, properties]) => [id, { type: TYPE, properties }])));
  });

  it.each(Object.keys(UNDOCUMENTED_SPELLINGS))('%s: refused by validate and the Hook with the same findings, under RCFGE-S3POLICY-1 with its remediation', async (id) => {
    const { validate, hook } = judged[id];
    expect({ validate: validate.status, hook: hook.status, errorCode: hook.errorCode }).toEqual({ validate: 'FAIL', hook: 'FAIL', errorCode: 'NonCompliant' });
    expect(findingKeys(hook)).toEqual(findingKeys(validate));
    expect(validate.findings.map((f) => `${f.path} ${f.rule}`)).toEqual(['/PolicyDocument/Statement RCFGE-S3POLICY-1']);
    expect(hook.message).toContain('"false" written in lower case');
  });
});

describe('every bucket policy the Hook accepts denies plain HTTP (generated policies)', () => {
  /** Mostly forms that make a working TLS statement, sometimes one that breaks it. */
  const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: bad, weight: 1 });
  const rarely = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);
  const principal = mostly(fc.constantFrom<unknown>('*', { AWS: '*' }, { AWS: ['*'] }, { AWS: ['*', 'arn:aws:iam::999999999999:root'] }), fc.constantFrom<unknown>({ AWS: 'arn:aws:iam::999999999999:root' }, { Service: 's3.amazonaws.com' }));
  const action = mostly(fc.constantFrom<unknown>('s3:*', '*', 'S3:*', ['s3:*'], ['s3:ListBucket', 's3:*']), fc.constantFrom<unknown>('s3:GetObject', ['s3:GetObject', 's3:PutObject'], 's3:Get*'));
  const goodEntry = fc.constantFrom(ARN, `${ARN}/*`, 'arn:aws:s3:::*', '*', 'arn:aws:s3:::data-*', `arn:*:s3:::${BUCKET}/*`, `${ARN}*`);
  const badEntry = fc.constantFrom(`${ARN}/private/*`, 'arn:aws:s3:::other-bucket/*', `${ARN}/?`, 'arn:*');
  const resource = fc.oneof(mostly(goodEntry, badEntry), fc.array(mostly(goodEntry, badEntry), { minLength: 1, maxLength: 3 }));
  const secure = mostly(fc.constantFrom<unknown>('false', ['false']), fc.constantFrom<unknown>('true', ['false', 'true'], 'False'));
  const boolBlock = fc
    .record({ key: fc.constantFrom('aws:SecureTransport', 'aws:securetransport'), value: secure, mfa: rarely })
    .map(({ key, value, mfa }) => ({ [key]: value, ...(mfa ? { 'aws:MultiFactorAuthPresent': 'true' } : {}) }));
  const condition = fc
    .record({ bool: boolBlock, operator: mostly(fc.constant('Bool'), fc.constant('BoolIfExists')), extra: rarely })
    .map(({ bool, operator, extra }) => ({ [operator]: bool, ...(extra ? { StringEquals: { 'aws:SourceVpce': 'vpce-0000000000000000' } } : {}) }));
  const statement = fc
    .record({ principal, action, resource, condition, notResource: rarely, notPrincipal: rarely })
    .map(({ principal: p, action: a, resource: r, condition: c, notResource, notPrincipal }) => ({
      Effect: 'Deny',
      ...(notPrincipal ? { NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } } : { Principal: p }),
      Action: a,
      ...(notResource ? { NotResource: r } : { Resource: r }),
      Condition: c,
    }));

  it('the simulation denies plain-HTTP GetObject and PutObject for each accepted one', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 2 }), async (statements) => {
        const properties = policy(...statements, READER);
        const verdict = await faces.hook('Generated', { type: TYPE, properties });
        if (verdict.status === 'FAIL') {
          expect(verdict.errorCode).toBe('NonCompliant');
          refused++;
          return;
        }
        accepted++;
        const document = asDeployed(properties);
        for (const a of ['s3:GetObject', 's3:PutObject'] as const) {
          expect(await decideS3(document, { action: a, bucket: BUCKET, secureTransport: false, account: ACCOUNT })).toBe('ExplicitlyDenied');
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: runSeed() },
    );
    process.stdout.write(`generated bucket policies: ${accepted} accepted, ${refused} refused\n`);
    // Not vacuous: the generator reaches both sides of the rule.
    expect(accepted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
