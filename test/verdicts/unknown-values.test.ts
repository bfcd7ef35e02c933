import { byId, runCli } from '../fixtures/validate/cli';
import { Faces, findingKeys, scratchStack, VERDICT_TEMPLATES } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 7: a value validate cannot know is listed as unresolved and never judged;
 * it is never replaced by a made-up one (the stand-in stack name broke the registry's
 * RuleName pattern of AWS::IoT::TopicRule in an AWS sample).
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

const RULE = `Resources:
  Rule:
    Type: AWS::IoT::TopicRule
    Properties:
      RuleName: !Sub '\${AWS::StackName}_rule'
      TopicRulePayload: {Sql: "SELECT * FROM 'x'"}
`;

describe('AWS::StackName and AWS::StackId', () => {
  it('without --stack-name: the name is unresolved, not judged, and the resource passes', async () => {
    // Act
    const run = await faces.validate(scratchStack(RULE));
    // Assess
    expect(run.code).toBe(0);
    const rule = byId(run.report!, 'Rule');
    expect(rule.unresolved).toEqual(['/RuleName']);
    expect(rule.findings).toEqual([]);
  });

  it('with --stack-name: the name is known and judged, as the Hook judges the name CloudFormation sends', async () => {
    // Act
    const run = await faces.validate(scratchStack(RULE), ['--stack-name', 'my-stack']);
    const hook = await faces.hook(faces.request('AWS::IoT::TopicRule', { RuleName: 'my-stack_rule', TopicRulePayload: { Sql: "SELECT * FROM 'x'" } }));
    // Assess: a hyphen is outside ^[a-zA-Z0-9_]+$ on both faces
    expect(run.code).toBe(1);
    expect(byId(run.report!, 'Rule').findings.map((f) => `${f.path} ${f.keyword}`)).toEqual(['/RuleName pattern']);
    expect(hook).toMatchObject({ verdict: 'FAIL', errorCode: 'NonCompliant', paths: ['/RuleName pattern'] });
  });

  it('AWS::StackId is never known before deployment (its UUID is made at creation)', async () => {
    const text = RULE.replace("!Sub '${AWS::StackName}_rule'", 'x').replace('TopicRulePayload:', "RuleName: !Ref AWS::StackId\n      TopicRulePayload:").replace('      RuleName: x\n', '');
    const run = await faces.validate(scratchStack(text), ['--stack-name', 'my-stack']);
    expect(run.code).toBe(0);
    expect(byId(run.report!, 'Rule').unresolved).toEqual(['/RuleName']);
  });
});

const LOG_GROUP = (name: string) => `Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: ${name}
      RetentionInDays: 30
`;

/**
 * A template that checks values against `$<stackName>` (or `$<stackId>`): validate does not
 * know the name without --stack-name, so the resource is not judged (it was judged against the
 * made-up name "rcfge-validate": a false finding); the Hook judges it with the name of the
 * stack in the request ("faces").
 */
describe('templates that use $<stackName> or $<stackId>', () => {
  it('without --stack-name: the resource is not judged, says why and what to give, and makes no finding', async () => {
    // Act
    const run = await faces.validate(scratchStack(LOG_GROUP('/stacks/faces/app')));
    // Assess
    expect(run.code).toBe(0);
    const logs = byId(run.report!, 'Logs');
    expect(logs).toMatchObject({ status: 'SKIP', kind: 'not-judged', findings: [] });
    expect(logs.reason).toMatch(/uses \$<stackName>, whose value is known only when the stack is deployed \(give --stack-name NAME to judge it\)$/);
    expect((run.report as unknown as { summary: unknown }).summary).toMatchObject({ passed: 0, failed: 0, notJudged: 1 });
  });

  it('says "nothing was judged" in text, not "compliant", and names the resource as not judged', async () => {
    const file = scratchStack(LOG_GROUP('/stacks/faces/app'));
    const run = await runCli(['validate', file, '--templates', VERDICT_TEMPLATES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/SKIP {2}Logs \(AWS::Logs::LogGroup\) at .*: template .*aws-logs-loggroup\.json uses \$<stackName>/);
    expect(run.stdout).toContain('nothing was judged');
  });

  it.each([
    ['/stacks/faces/app', 'PASS', []],
    ['/stacks/other/app', 'FAIL', ['/LogGroupName pattern']],
  ])('with --stack-name: judged with that name, as the Hook judges it with the stack of the request (%s)', async (name, status, paths) => {
    // Act
    const run = await faces.validate(scratchStack(LOG_GROUP(name)), ['--stack-name', 'faces']);
    const hook = await faces.hook(faces.request('AWS::Logs::LogGroup', { LogGroupName: name, RetentionInDays: '30' }));
    // Assess
    const logs = byId(run.report!, 'Logs');
    expect({ status: logs.status, paths: findingKeys(logs.findings) }).toEqual({ status, paths });
    expect({ verdict: hook.verdict, paths: hook.paths }).toEqual({ verdict: status, paths });
    if (status === 'FAIL') expect(hook.errorCode).toBe('NonCompliant');
  });

  it('judges a template whose stack placeholders stand only in words (description, remediation), on both faces', async () => {
    const text = 'Resources:\n  Param:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: StringList\n      Value: a,b\n';
    const run = await faces.validate(scratchStack(text));
    const hook = await faces.hook(faces.request('AWS::SSM::Parameter', { Type: 'StringList', Value: 'a,b' }));
    expect(run.code).toBe(1);
    expect(findingKeys(byId(run.report!, 'Param').findings)).toEqual(['/Type enum']);
    expect(hook).toMatchObject({ verdict: 'FAIL', errorCode: 'NonCompliant', paths: ['/Type enum'] });
  });
});

