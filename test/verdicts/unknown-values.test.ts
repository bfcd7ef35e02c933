import { byId } from '../fixtures/validate/cli';
import { Faces, scratchStack } from '../fixtures/verdicts/faces';

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
