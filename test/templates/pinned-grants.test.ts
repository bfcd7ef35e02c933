import { ADMINISTRATOR_ACCESS, type Caller, decide } from '../stacksets/support/simulate';
import type { PolicyDocument } from '../stacksets/support/org';
import { ACCOUNT, BothFaces, type Judged, type Resource } from './support/both-faces';

/**
 * Allow to everyone ("*") in the three resource-policy templates (bucket, topic, queue):
 * accepted exactly when a condition pins the caller to this organisation or an approved
 * account, the same rule in all three (the bucket policy used to refuse the common
 * org-wide `aws:PrincipalOrgID` grant that the topic and queue policies accept: a false
 * FAILED). Each case is judged by `rcfge validate` and the Hook handler, and its policy is
 * run through IAM simulation (@cloud-copilot/iam-simulate): an accepted grant lets the
 * organisation in and keeps an outsider out; a refused one would have let the outsider in.
 * The request context of a service acting for a resource (aws:SourceOrgID,
 * aws:SourceAccount) is given to the simulated caller: the `*` principal matches any caller.
 */
const ORG = 'o-abcdefghij'; // OrgId of templates/parameters.example.json
const OTHER_ORG = 'o-zzzzzzzzzz';
const BUCKET = `data-${ACCOUNT}-us-east-1`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
const V = '2012-10-17';

type Statement = Record<string, unknown>;
interface Target {
  readonly type: string;
  readonly rule: string;
  readonly action: string;
  readonly resource: string;
  readonly properties: (statements: Statement[]) => Record<string, unknown>;
  /** Statements the template requires besides the grant under test. */
  readonly required: Statement[];
}

const TLS: Statement = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

const TARGETS: Record<string, Target> = {
  Bucket: {
    type: 'AWS::S3::BucketPolicy',
    rule: 'RCFGE-S3POLICY-3',
    action: 's3:GetObject',
    resource: `arn:aws:s3:::${BUCKET}/shared/report.csv`,
    properties: (statements) => ({ Bucket: BUCKET, PolicyDocument: { Version: V, Statement: statements } }),
    required: [TLS],
  },
  Topic: {
    type: 'AWS::SNS::TopicPolicy',
    rule: 'RCFGE-SNSPOLICY-3',
    action: 'sns:Publish',
    resource: TOPIC,
    properties: (statements) => ({ Topics: [TOPIC], PolicyDocument: { Version: V, Statement: statements } }),
    required: [],
  },
  Queue: {
    type: 'AWS::SQS::QueuePolicy',
    rule: 'RCFGE-SQSPOLICY-3',
    action: 'sqs:SendMessage',
    resource: QUEUE,
    properties: (statements) => ({ Queues: [`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`], PolicyDocument: { Version: V, Statement: statements } }),
    required: [],
  },
};

const ORG_MEMBER: Caller = { account: '444455556666', role: 'reader', inOrg: true };
const OWN: Caller = { account: ACCOUNT, role: 'reader', inOrg: true };
const OUTSIDER: Caller = { account: '999999999999', role: 'intruder', inOrg: false };

interface Probe {
  readonly caller: Caller;
  readonly context?: Record<string, string>;
}

interface Case {
  readonly principal: unknown;
  readonly condition?: Record<string, Record<string, unknown>>;
  /** Accepted cases: this caller gets in. */
  readonly insider?: Probe;
  /** Accepted cases: this caller stays out; refused cases: this caller would have got in. */
  readonly outsider: Probe;
}

const ACCEPTED: Record<string, Case> = {
  PrincipalOrgID: { principal: '*', condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } }, insider: { caller: ORG_MEMBER }, outsider: { caller: OUTSIDER } },
  PrincipalOrgIDList: { principal: '*', condition: { StringEquals: { 'aws:PrincipalOrgID': [ORG] } }, insider: { caller: ORG_MEMBER }, outsider: { caller: OUTSIDER } },
  AwsStarPrincipalOrgID: { principal: { AWS: '*' }, condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } }, insider: { caller: ORG_MEMBER }, outsider: { caller: OUTSIDER } },
  PrincipalOrgIDAndMore: {
    principal: '*',
    condition: { StringEquals: { 'aws:PrincipalOrgID': ORG }, Bool: { 'aws:SecureTransport': 'true' } },
    insider: { caller: ORG_MEMBER },
    outsider: { caller: OUTSIDER },
  },
  PrincipalAccount: { principal: '*', condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, insider: { caller: OWN }, outsider: { caller: OUTSIDER } },
  SourceOrgID: {
    principal: '*',
    condition: { StringEquals: { 'aws:SourceOrgID': ORG } },
    insider: { caller: OUTSIDER, context: { 'aws:SourceOrgID': ORG } },
    outsider: { caller: OUTSIDER, context: { 'aws:SourceOrgID': OTHER_ORG } },
  },
  /** The SNS console's default topic policy: key names are case-insensitive in IAM. */
  ConsoleDefaultSourceOwner: {
    principal: { AWS: '*' },
    condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    insider: { caller: OUTSIDER, context: { 'aws:SourceOwner': ACCOUNT } },
    outsider: { caller: OUTSIDER, context: { 'aws:SourceOwner': '999999999999' } },
  },
  PrincipalOrgIDLowerCaseKey: { principal: '*', condition: { StringEquals: { 'aws:principalorgid': ORG } }, insider: { caller: ORG_MEMBER }, outsider: { caller: OUTSIDER } },
  SourceAccount: {
    principal: '*',
    condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    insider: { caller: OUTSIDER, context: { 'aws:SourceAccount': ACCOUNT } },
    outsider: { caller: OUTSIDER, context: { 'aws:SourceAccount': '999999999999' } },
  },
};

const REFUSED: Record<string, Case> = {
  NoCondition: { principal: '*', outsider: { caller: OUTSIDER } },
  AwsStarNoCondition: { principal: { AWS: ['*'] }, outsider: { caller: OUTSIDER } },
  IfExists: { principal: '*', condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } }, outsider: { caller: OUTSIDER } },
  OtherOrganisation: { principal: '*', condition: { StringEquals: { 'aws:PrincipalOrgID': OTHER_ORG } }, outsider: { caller: OUTSIDER, context: { 'aws:PrincipalOrgID': OTHER_ORG } } },
  NotEquals: { principal: '*', condition: { StringNotEquals: { 'aws:PrincipalOrgID': OTHER_ORG } }, outsider: { caller: OUTSIDER } },
  LikeAnyOrganisation: { principal: '*', condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }, outsider: { caller: OUTSIDER, context: { 'aws:PrincipalOrgID': OTHER_ORG } } },
  OtherAccount: { principal: '*', condition: { StringEquals: { 'aws:PrincipalAccount': '999999999999' } }, outsider: { caller: OUTSIDER } },
  OtherOrganisationKeyInOtherCase: { principal: '*', condition: { StringEquals: { 'AWS:PrincipalOrgId': OTHER_ORG } }, outsider: { caller: OUTSIDER, context: { 'aws:PrincipalOrgID': OTHER_ORG } } },
  OwnAndOtherAccount: {
    principal: '*',
    condition: { StringEquals: { 'aws:SourceOwner': [ACCOUNT, '999999999999'] } },
    outsider: { caller: OUTSIDER, context: { 'aws:SourceOwner': '999999999999' } },
  },
};

function grant(target: Target, c: Case): Statement {
  return { Sid: 'Grant', Effect: 'Allow', Principal: c.principal, Action: target.action, Resource: target.resource, ...(c.condition ? { Condition: c.condition } : {}) };
}

const resourceOf = (target: Target, c: Case): Resource => ({ type: target.type, properties: target.properties([...target.required, grant(target, c)]) });

/** IAM's decision for the probe under the policy (the caller's own identity policy allows everything when it is of another account). */
async function decision(target: Target, c: Case, probe: Probe): Promise<string> {
  const document = (target.properties([...target.required, grant(target, c)]) as { PolicyDocument: PolicyDocument }).PolicyDocument;
  const crossAccount = probe.caller.account !== ACCOUNT;
  const verdict = await decide({
    caller: probe.caller,
    action: target.action,
    resource: target.resource,
    resourceAccount: ACCOUNT,
    identityPolicies: crossAccount ? [{ name: 'Admin', policy: ADMINISTRATOR_ACCESS }] : [],
    resourcePolicy: document,
    context: probe.context,
  });
  return verdict.result;
}

const ids = (cases: Record<string, Case>): [string, string][] => Object.keys(TARGETS).flatMap((t) => Object.keys(cases).map((c): [string, string] => [t, c]));

let faces: BothFaces;
let judged: Record<string, Judged>;
beforeAll(async () => {
  faces = await BothFaces.start();
  const resources: Record<string, Resource> = {};
  for (const [t, c] of ids(ACCEPTED)) resources[`${t}${c}`] = resourceOf(TARGETS[t], ACCEPTED[c]);
  for (const [t, c] of ids(REFUSED)) resources[`${t}${c}`] = resourceOf(TARGETS[t], REFUSED[c]);
  judged = await faces.judge(resources);
});
afterAll(async () => {
  await faces.close();
});

describe('Allow to everyone pinned to the organisation or an account', () => {
  it.each(ids(ACCEPTED))('%s policy, %s: accepted by validate and the Hook; the simulation lets the insider in and keeps the outsider out', async (t, c) => {
    const target = TARGETS[t];
    const { validate, hook } = judged[`${t}${c}`];
    expect({ validate: validate.status, hook: hook.status, findings: [...validate.findings, ...hook.findings] }).toEqual({ validate: 'PASS', hook: 'PASS', findings: [] });
    const probes = ACCEPTED[c];
    expect({ insider: await decision(target, probes, probes.insider!), outsider: await decision(target, probes, probes.outsider) }).toEqual({ insider: 'Allowed', outsider: 'ImplicitlyDenied' });
  });
});

describe('Allow to everyone without a pinning condition', () => {
  it.each(ids(REFUSED))('%s policy, %s: refused by validate and the Hook under the same rule; the simulation lets an outsider in', async (t, c) => {
    const target = TARGETS[t];
    expect(await decision(target, REFUSED[c], REFUSED[c].outsider)).toBe('Allowed');
    const { validate, hook } = judged[`${t}${c}`];
    const rules = (findings: readonly { path: string; rule?: string }[]) => findings.map((f) => `${f.path} ${f.rule}`).sort();
    const statement = `/PolicyDocument/Statement/${target.required.length}`;
    expect({ validate: validate.status, hook: hook.status, errorCode: hook.errorCode }).toEqual({ validate: 'FAIL', hook: 'FAIL', errorCode: 'NonCompliant' });
    expect(rules(hook.findings)).toEqual(rules(validate.findings));
    expect(rules(validate.findings).every((f) => f.startsWith(statement) && f.endsWith(target.rule))).toBe(true);
    expect(validate.findings.length).toBeGreaterThan(0);
  });
});
