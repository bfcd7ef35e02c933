import { byId, type JsonReport } from '../fixtures/validate/cli';
import { Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 6: the AWS::LanguageExtensions transform. Validate expands what CloudFormation
 * expands before any hook runs (Fn::ForEach in Resources, Conditions and properties;
 * Fn::Length, Fn::ToJsonString, Fn::FindInMap with DefaultValue) and judges the resources
 * that result, as the Hook will be asked about each of them. A loop over values known only
 * at deploy time is reported as not judged, never guessed.
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

const LOOP = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList, Default: "alpha, beta"}
Resources:
  Fn::ForEach::Queues:
    - Name
    - - orders
      - Bad_Name
    - Queue&{Name}:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Ref Name
          DelaySeconds: !Length [a, b, c]
  Fn::ForEach::FromParameter:
    - Name
    - !Ref Names
    - Topic\${Name}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub '\${Name}-topic'
          DisplayName: !ToJsonString {name: !Ref Name}
`;

function ids(report: JsonReport): string[] {
  return report.resources.map((r) => `${r.logicalId} ${r.status}`);
}

describe('Fn::ForEach in the Resources section', () => {
  it('judges each resource it makes, with findings on the lines of the loop fragment, as the Hook judges them', async () => {
    // Act
    const run = await faces.validate(scratchStack(LOOP));
    const bad = await faces.hook(faces.request('AWS::SQS::Queue', { QueueName: 'Bad_Name', DelaySeconds: '3' }, { logicalId: 'QueueBadName' }));
    const good = await faces.hook(faces.request('AWS::SQS::Queue', { QueueName: 'orders', DelaySeconds: '3' }, { logicalId: 'Queueorders' }));
    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(ids(run.report!)).toEqual(['Queueorders PASS', 'QueueBadName FAIL', 'Topicalpha PASS', 'Topicbeta PASS']);
    const findings = byId(run.report!, 'QueueBadName').findings;
    expect(findings.map((f) => [f.path, f.keyword, f.line])).toEqual([['/QueueName', 'pattern', 13]]);
    expect(bad).toMatchObject({ verdict: 'FAIL', paths: ['/QueueName pattern'] });
    expect(good.verdict).toBe('PASS');
  });

  it('a loop over a parameter without a value is reported as not judged; with --parameter-overrides it is judged', async () => {
    // Prepare
    const text = LOOP.replace('Names: {Type: CommaDelimitedList, Default: "alpha, beta"}', 'Names: {Type: CommaDelimitedList}');
    // Act
    const unknown = await faces.validate(scratchStack(text));
    const given = await faces.validate(scratchStack(text), ['--parameter-overrides', 'Names=x,y,z']);
    // Assess
    expect(byId(unknown.report!, 'Fn::ForEach::FromParameter')).toMatchObject({ status: 'SKIP', kind: 'not-judged', type: 'AWS::SNS::Topic', line: 15, reason: expect.stringMatching(/collection is known only at deploy time/) });
    expect(ids(given.report!).filter((id) => id.startsWith('Topic'))).toEqual(['Topicx PASS', 'Topicy PASS', 'Topicz PASS']);
  });

  it('nested loops, and a loop inside properties, are expanded too', async () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Outer:
    - Env
    - [dev, prod]
    - Fn::ForEach::Inner:
        - Kind
        - [in, out]
        - Q\${Env}\${Kind}:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub '\${Env}-\${Kind}'
              RedriveAllowPolicy:
                Fn::ForEach::Keys:
                  - Key
                  - [redrivePermission, sourceQueueArnz]
                  - \${Key}: allowAll
`;
    const run = await faces.validate(scratchStack(text));
    expect(ids(run.report!)).toEqual(['Qdevin FAIL', 'Qdevout FAIL', 'Qprodin FAIL', 'Qprodout FAIL']);
    const findings = byId(run.report!, 'Qprodout').findings;
    // The line of the property loop's fragment key, through both resource loops.
    expect(findings.map((f) => [f.path, f.keyword, f.line])).toEqual([['/RedriveAllowPolicy/sourceQueueArnz', 'additionalProperties', 17]]);
  });

  it('a loop inside properties over an unknown collection leaves that object unjudged (listed as not checked)', async () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Keys: {Type: CommaDelimitedList}
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: q
      RedriveAllowPolicy:
        Fn::ForEach::Keys: [Key, !Ref Keys, {'\${Key}': allowAll}]
`;
    const run = await faces.validate(scratchStack(text));
    expect(byId(run.report!, 'Q')).toMatchObject({ status: 'PASS', findings: [], unresolved: ['/RedriveAllowPolicy'] });
  });
});

describe('Fn::ForEach in Conditions, and the other functions of the transform', () => {
  it('expands conditions a resource uses, and evaluates FindInMap DefaultValue', async () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Stage: {Type: String, Default: dev}
Mappings:
  Names: {dev: {Queue: dev-queue}}
Conditions:
  Fn::ForEach::Stages:
    - S
    - [prod, dev]
    - Is\${S}: !Equals [!Ref Stage, '\${S}']
Resources:
  Prod:
    Type: AWS::SQS::Queue
    Condition: Isprod
    Properties: {QueueName: Not_Valid}
  Dev:
    Type: AWS::SQS::Queue
    Condition: Isdev
    Properties:
      QueueName: !FindInMap [Names, !Ref Stage, Queue, {DefaultValue: fallback}]
      KmsMasterKeyId: !FindInMap [Names, !Ref Stage, Key, {DefaultValue: Not_Valid_But_Unchecked_String}]
`;
    const run = await faces.validate(scratchStack(text));
    expect(run.stderr).toBe('');
    expect(byId(run.report!, 'Prod')).toMatchObject({ status: 'SKIP', reason: expect.stringMatching(/condition Isprod is false/) });
    expect(byId(run.report!, 'Dev')).toMatchObject({ status: 'PASS', unresolved: [] });
  });

  it('without the transform, Fn::ForEach is an input error, as CloudFormation refuses it', async () => {
    const run = await faces.validate(scratchStack(LOOP.replace('Transform: AWS::LanguageExtensions\n', '')));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Fn::ForEach needs "Transform: AWS::LanguageExtensions"/);
  });
});
