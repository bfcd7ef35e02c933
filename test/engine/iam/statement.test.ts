import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalogue } from '../../../src/engine/iam/catalogue';
import { DEFAULT_STATEMENT_RULES, judgeStatement, type StatementRules } from '../../../src/engine/iam/statement';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'iam', 'iam-actions.json');
const catalogue = parseCatalogue(readFileSync(FIXTURE, 'utf8'), FIXTURE);

function judge(statement: Record<string, unknown>, rules: StatementRules = DEFAULT_STATEMENT_RULES) {
  return judgeStatement(statement, catalogue, rules).map(({ rule, path, message }) => ({ rule, path, message }));
}

const allow = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Resource: 'arn:aws:s3:::b/*', ...extra });
const deny = (extra: Record<string, unknown>) => ({ Effect: 'Deny', Resource: '*', ...extra });

describe('policy statements against the approved catalogue', () => {
  it('accepts catalogue actions in any case, and wildcards that name some of them', () => {
    expect(judge(allow({ Action: ['s3:GetObject', 'S3:putobject', 's3:Get*', 's3:?etObject'] }))).toEqual([]);
  });

  it('refuses a misspelt action with the action probably meant (RCFGE-IAM-3)', () => {
    expect(judge(allow({ Action: ['s3:GetObject', 's3:GetObjects'] }))).toEqual([
      { rule: 'RCFGE-IAM-3', path: '/Action/1', message: '"s3:GetObjects" is not in the approved IAM catalogue (did you mean s3:GetObject?)' },
    ]);
  });

  it('refuses an unknown service prefix with the prefix probably meant', () => {
    expect(judge(allow({ Action: 's4:GetObject' }))).toEqual([
      { rule: 'RCFGE-IAM-3', path: '/Action', message: '"s4:GetObject": s4 is not a service prefix in the approved IAM catalogue (did you mean s3?)' },
    ]);
  });

  it('refuses an action missing from the catalogue, and a wildcard that matches only such actions, with how to approve it', () => {
    const findings = judge(allow({ Action: ['s3:GetObjectAttributes', 's3:GetObjectAttr*'] }));
    expect(findings.map((f) => [f.rule, f.path])).toEqual([
      ['RCFGE-IAM-3', '/Action/0'],
      ['RCFGE-IAM-3', '/Action/1'],
    ]);
    expect(findings[0].message).toContain('rcfge iam-catalogue update');
    expect(findings[1].message).toBe('"s3:GetObjectAttr*" matches no action in the approved IAM catalogue');
  });

  it('checks Deny statements for real actions too (a misspelt Deny denies nothing)', () => {
    const [finding] = judge(deny({ Action: 's3:DeleteObjects' }));
    expect(finding).toMatchObject({ rule: 'RCFGE-IAM-3', path: '/Action' });
    expect(finding.message).toMatch(/did you mean s3:DeleteObject\?\); a Deny that names no action denies nothing$/);
  });

  it('refuses malformed entries (RCFGE-IAM-1)', () => {
    expect(judge(allow({ Action: ['s3GetObject', 's3:Get Object', 's3:', 'a:b:c'] })).map((f) => [f.rule, f.path])).toEqual([
      ['RCFGE-IAM-1', '/Action/0'],
      ['RCFGE-IAM-1', '/Action/1'],
      ['RCFGE-IAM-1', '/Action/2'],
      ['RCFGE-IAM-1', '/Action/3'],
    ]);
  });
});

// Feature gating between AWS publishing an action and the security team approving it:
// `rcfge iam-catalogue update --withhold-new` writes new actions to "withheld".
describe('withheld actions (published by AWS, not approved yet)', () => {
  const gated = parseCatalogue(
    JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE, 'utf8')), withheld: { s3: ['GetObjectAttributes'], bedrock: ['InvokeModel'] } }),
    FIXTURE,
  );
  const judgeGated = (statement: Record<string, unknown>) => judgeStatement(statement, gated, DEFAULT_STATEMENT_RULES).map(({ rule, path, message }) => ({ rule, path, message }));

  it('refuses an Allow wildcard that would also grant a withheld action, though it matches approved ones', () => {
    expect(judgeGated(allow({ Action: ['s3:GetObject*', 's3:Put*'] }))).toEqual([
      {
        rule: 'RCFGE-IAM-3',
        path: '/Action/0',
        message:
          '"s3:GetObject*" also grants s3:GetObjectAttributes, which is not approved yet (withheld in the approved IAM catalogue until the security team approves it: rcfge iam-catalogue approve, then rcfge publish); list the approved actions needed',
      },
    ]);
    // Without the withheld list the same wildcard is judged by the approved actions it matches.
    expect(judge(allow({ Action: ['s3:GetObject*'] }))).toEqual([]);
  });

  it('refuses a withheld action by name in Allow, saying it is not approved yet (not a typo), even for a service with none approved', () => {
    expect(judgeGated(allow({ Action: ['S3:getobjectattributes', 'bedrock:InvokeModel', 'bedrock:Invoke*'] })).map((f) => [f.path, f.rule, f.message.split(' (withheld')[0]])).toEqual([
      ['/Action/0', 'RCFGE-IAM-3', '"S3:getobjectattributes" is not approved yet'],
      ['/Action/1', 'RCFGE-IAM-3', '"bedrock:InvokeModel" is not approved yet'],
      ['/Action/2', 'RCFGE-IAM-3', '"bedrock:Invoke*" grants bedrock:InvokeModel, which is not approved yet'],
    ]);
  });

  it('lets a Deny name withheld actions (they are real), by name or pattern', () => {
    expect(judgeGated(deny({ Action: ['s3:GetObjectAttributes', 'bedrock:*', 's3:GetObject*'] }))).toEqual([]);
  });

  it('refuses a catalogue that lists an action as both approved and withheld', () => {
    const both = JSON.stringify({ source: 'x', retrieved: 'y', services: { s3: ['GetObject'] }, withheld: { s3: ['getobject'] } });
    expect(() => parseCatalogue(both, 'c.json')).toThrow('s3:getobject is both approved ("services") and withheld ("withheld")');
  });
});

describe('Allow statements (issue 10 item 3, CT.IAM.PR.1/2/3/5)', () => {
  it('refuse "*", "*:*" and whole-service wildcards (RCFGE-IAM-2)', () => {
    const findings = judge(allow({ Action: ['*', '*:*', 's3:*', 'iam:**', 's*:Get*'] }));
    expect(findings.map((f) => [f.rule, f.path])).toEqual([
      ['RCFGE-IAM-2', '/Action/0'],
      ['RCFGE-IAM-2', '/Action/1'],
      ['RCFGE-IAM-2', '/Action/2'],
      ['RCFGE-IAM-2', '/Action/3'],
      ['RCFGE-IAM-2', '/Action/4'],
    ]);
    expect(findings[2].message).toBe('"s3:*" grants every s3 action, including those AWS adds later; list the actions needed');
  });

  it('refuse a whole-service wildcard spelt with "?" ("s3:?*" is every s3 action), not a pattern with a letter or no "*"', () => {
    const findings = judge(allow({ Action: ['s3:?*', 's3:*?', 's3:*?*', 's3:??*', 's3:Get*', 's3:?etObject', 's3:*Object*'] }));
    expect(findings.map((f) => [f.rule, f.path])).toEqual([
      ['RCFGE-IAM-2', '/Action/0'],
      ['RCFGE-IAM-2', '/Action/1'],
      ['RCFGE-IAM-2', '/Action/2'],
      ['RCFGE-IAM-2', '/Action/3'],
    ]);
    expect(findings[0].message).toBe('"s3:?*" grants every s3 action, including those AWS adds later; list the actions needed');
  });

  it('refuse NotAction (RCFGE-IAM-4), once per statement', () => {
    expect(judge(allow({ NotAction: ['iam:PassRole', 's3:DeleteObject'] }))).toEqual([
      { rule: 'RCFGE-IAM-4', path: '/NotAction', message: expect.stringContaining('Allow with NotAction grants every action except those listed') },
    ]);
  });

  it('Deny statements may use "*", service wildcards and NotAction', () => {
    expect(judge(deny({ Action: ['*', 's3:*', '*:*'] }))).toEqual([]);
    expect(judge(deny({ NotAction: ['iam:PassRole', 'sts:*'] }))).toEqual([]);
  });

  it('refuse privileged actions on Resource "*" or NotResource, also through a wildcard (RCFGE-IAM-5)', () => {
    const findings = judge({ Effect: 'Allow', Action: ['iam:PassRole', 'iam:Pass*', 'iam:GetRole', 's3:GetObject'], Resource: ['arn:aws:s3:::b', '*'] });
    expect(findings.map((f) => [f.rule, f.path])).toEqual([
      ['RCFGE-IAM-5', '/Action/0'],
      ['RCFGE-IAM-5', '/Action/1'],
    ]);
    expect(findings[1].message).toBe('"iam:Pass*" grants iam:PassRole on every resource (Resource "*"); name the resources it needs (ARNs), or ask the security team to approve it in the Hook\'s TemplateParameters');
    expect(judge({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::111122223333:role/x' }).map((f) => f.rule)).toEqual(['RCFGE-IAM-5']);
    expect(judge({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-*' })).toEqual([]);
  });

  // Other spellings of "every resource" (found by final10: they passed every policy template).
  it.each(['**', '?*', '*:*', 'arn:*', 'ARN:*', 'arn:*:*', 'arn:*:*:*:*:*', 'arn:aws:*', 'arn:aws:*:*:*:*', 'arn:aws-cn:*:*:*:*'])('refuse a privileged action on Resource %j (every resource, spelt otherwise)', (resource) => {
    expect(judge({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::111122223333:role/app', resource] })).toEqual([
      { rule: 'RCFGE-IAM-5', path: '/Action', message: `"iam:PassRole" grants iam:PassRole on every resource (Resource ${JSON.stringify(resource)}); name the resources it needs (ARNs), or ask the security team to approve it in the Hook's TemplateParameters` },
    ]);
  });

  it.each(['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:*', 'arn:aws:s3:::*', 'arn:*:iam::111122223333:role/app-*'])('judge %j as named resources, not every resource', (resource) => {
    expect(judge({ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource })).toEqual([]);
  });

  it('accept a privileged action on "*" once approved, and judge the template\'s own list', () => {
    const approved: StatementRules = { ...DEFAULT_STATEMENT_RULES, approved: new Set(['iam:passrole']) };
    expect(judge({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, approved)).toEqual([]);
    expect(judge({ Effect: 'Allow', Action: 'iam:Pass*', Resource: '*' }, approved)).toEqual([]);
    const own: StatementRules = { ...DEFAULT_STATEMENT_RULES, privileged: ['s3:DeleteObject'] };
    expect(judge({ Effect: 'Allow', Action: ['iam:PassRole', 's3:Delete*'], Resource: '*' }, own).map((f) => f.path)).toEqual(['/Action/1']);
  });

  it('in "explicit" mode, refuse any wildcard (RCFGE-IAM-8) and say how many actions it stands for today', () => {
    const explicit: StatementRules = { ...DEFAULT_STATEMENT_RULES, wildcards: 'explicit' };
    const [finding] = judge(allow({ Action: ['s3:Get*', 's3:GetObject'] }), explicit);
    expect(finding).toEqual({ rule: 'RCFGE-IAM-8', path: '/Action/0', message: expect.stringContaining('grants 3 actions of the catalogue today') });
    expect(judge(deny({ Action: 's3:Get*' }), explicit)).toEqual([]);
  });

  it('with an unknown Effect (a value known only at deploy time) still checks the actions exist, nothing more', () => {
    expect(judge({ Effect: { Ref: 'Effect' }, Action: ['s3:*', 's3:GetObjects'], Resource: '*' }).map((f) => [f.rule, f.path])).toEqual([['RCFGE-IAM-3', '/Action/1']]);
  });

  it('ignore entries that are not strings (unresolved intrinsics are the schema\'s business)', () => {
    expect(judge(allow({ Action: [{ 'Fn::Sub': 's3:${A}' }, 's3:GetObject'] }))).toEqual([]);
  });
});

describe('policy variables (RCFGE-IAM-6)', () => {
  it('refuses a known variable in another case, in Resource and in condition values', () => {
    const findings = judge({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::b/${aws:UserName}/*', 'arn:aws:s3:::b/${aws:username}/*'],
      Condition: { StringLike: { 's3:prefix': ['home/${AWS:userid}/*', '${aws:PrincipalTag/team}'] }, StringEquals: { 'aws:ResourceTag/owner': '${aws:principaltag/owner}' } },
    });
    expect(findings).toEqual([
      { rule: 'RCFGE-IAM-6', path: '/Resource/0', message: '${aws:UserName} is never replaced: IAM policy variables are case-sensitive; write ${aws:username}' },
      { rule: 'RCFGE-IAM-6', path: '/Condition/StringLike/s3:prefix/0', message: '${AWS:userid} is never replaced: IAM policy variables are case-sensitive; write ${aws:userid}' },
      { rule: 'RCFGE-IAM-6', path: '/Condition/StringEquals/aws:ResourceTag~1owner', message: '${aws:principaltag/owner} is never replaced: IAM policy variables are case-sensitive; write ${aws:PrincipalTag/owner}' },
    ]);
  });

  it('leaves documented alternative spellings, escapes and unknown names alone', () => {
    expect(judge(allow({ Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/${aws:PrincipalType}', 'arn:aws:s3:::b/${aws:principaltype}/${*}/${myVar}', "arn:aws:s3:::b/${aws:username, 'x'}"] }))).toEqual([]);
  });
});
