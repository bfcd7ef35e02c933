import { ACCOUNT, BothFaces, type Judged, REGION, type Resource } from './support/both-faces';

/**
 * AWS::Lambda::Permission FunctionName in every form Lambda's AddPermission documents —
 * function name (`my-function`, `my-function:v1`), function ARN, partial ARN
 * (`123456789012:function:my-function`), each with an optional version or alias — is
 * accepted when it names a function of this account and region, by `rcfge validate` and the
 * Hook handler alike (the partial ARN used to be refused: a false FAILED). A name is in the
 * caller's account and region by definition; a form that carries another account or region
 * (also where Lambda's own pattern would read `999999999999:my-function` as account +
 * function) is refused under RCFGE-LAMBDAPERMISSION-2.
 */
const TYPE = 'AWS::Lambda::Permission';
const OPERATOR = `arn:aws:iam::${ACCOUNT}:role/operator`;

const ACCEPTED: Record<string, string> = {
  Name: 'thumbnails',
  NameWithAlias: 'thumbnails:live',
  NameWithVersion: 'thumbnails:7',
  NameLatest: 'thumbnails:$LATEST',
  Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbnails`,
  ArnWithAlias: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbnails:live`,
  PartialArn: `${ACCOUNT}:function:thumbnails`,
  PartialArnWithAlias: `${ACCOUNT}:function:thumbnails:live`,
  PartialArnWithVersion: `${ACCOUNT}:function:thumbnails:7`,
  PartialArnWithRegion: `${REGION}:${ACCOUNT}:function:thumbnails`,
};

const REFUSED: Record<string, string> = {
  OtherAccountArn: `arn:aws:lambda:${REGION}:999999999999:function:thumbnails`,
  OtherRegionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:thumbnails`,
  OtherAccountPartialArn: '999999999999:function:thumbnails',
  OtherAccountPartialArnWithAlias: '999999999999:function:thumbnails:live',
  OtherAccountNoFunctionWord: '999999999999:thumbnails',
  OtherRegionPartialArn: `eu-west-1:${ACCOUNT}:function:thumbnails`,
  OtherRegionBeforeName: 'eu-west-1:thumbnails',
  OtherPartition: `arn:aws-cn:lambda:${REGION}:${ACCOUNT}:function:thumbnails`,
  NotAName: 'thumbnails/../other',
};

const permission = (functionName: string, action = 'lambda:InvokeFunction'): Resource => ({ type: TYPE, properties: { Action: action, FunctionName: functionName, Principal: OPERATOR } });

// IAM and Lambda read action names in any case; function URLs and other actions stay refused.
const ACTIONS_ACCEPTED: Record<string, string> = { ActionLowerCase: 'lambda:invokefunction', ActionUpperCase: 'LAMBDA:INVOKEFUNCTION' };
const ACTIONS_REFUSED: Record<string, string> = { ActionUrl: 'lambda:InvokeFunctionUrl', ActionStar: 'lambda:*', ActionOther: 'lambda:GetFunction' };

let faces: BothFaces;
let judged: Record<string, Judged>;
beforeAll(async () => {
  faces = await BothFaces.start();
  const all = { ...ACCEPTED, ...REFUSED };
  const actions = { ...ACTIONS_ACCEPTED, ...ACTIONS_REFUSED };
  judged = await faces.judge({
    ...Object.fromEntries(Object.entries(all).map(([id, name]) => [id, permission(name)])),
    ...Object.fromEntries(Object.entries(actions).map(([id, action]) => [id, permission('thumbnails', action)])),
  });
});
afterAll(async () => {
  await faces.close();
});

/** Both faces pass it, with no finding at all. */
function expectAccepted(id: string): void {
  const { validate, hook } = judged[id];
  expect({ validate: validate.status, hook: hook.status, findings: [...validate.findings, ...hook.findings] }).toEqual({ validate: 'PASS', hook: 'PASS', findings: [] });
}

/** Both faces fail it as NonCompliant, with the same findings, and the only one is `finding` ("path rule"). */
function expectRefused(id: string, finding: string): void {
  const { validate, hook } = judged[id];
  const rules = (v: typeof validate) => [...new Set(v.findings.map((f) => `${f.path} ${f.rule}`))].sort();
  expect({ validate: validate.status, hook: hook.status, errorCode: hook.errorCode }).toEqual({ validate: 'FAIL', hook: 'FAIL', errorCode: 'NonCompliant' });
  expect(rules(hook)).toEqual(rules(validate));
  expect(rules(validate)).toEqual([finding]);
}

it.each(Object.entries(ACCEPTED))('%s (%s): accepted by validate and the Hook', (id) => expectAccepted(id));

it.each(Object.entries(REFUSED))('%s (%s): refused by validate and the Hook under RCFGE-LAMBDAPERMISSION-2', (id) => expectRefused(id, '/FunctionName RCFGE-LAMBDAPERMISSION-2'));

it.each(Object.entries(ACTIONS_ACCEPTED))('%s (%s): accepted by validate and the Hook (action names in any case)', (id) => expectAccepted(id));

it.each(Object.entries(ACTIONS_REFUSED))('%s (%s): refused by validate and the Hook under RCFGE-LAMBDAPERMISSION-1', (id) => expectRefused(id, '/Action RCFGE-LAMBDAPERMISSION-1'));
