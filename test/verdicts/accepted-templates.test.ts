import { parseStackTemplate } from '../../src/cfn';
import { byId } from '../fixtures/validate/cli';
import { Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 6: templates CloudFormation accepts must not be input errors (exit 2) in
 * rcfge validate; their resources are judged as the Hook will see them.
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

describe('Fn::Sub with spaces inside ${ }', () => {
  it('is trimmed as CloudFormation does: resolved, judged, and a reference to nothing is still an input error', async () => {
    // Prepare
    const text = "Parameters:\n  Env: {Type: String, Default: prod}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${ Env }-queue-${AWS::Region }'\n";
    // Act
    const run = await faces.validate(scratchStack(text));
    const typo = await faces.validate(scratchStack(text.replace('${ Env }', '${ Nope }')));
    // Assess: prod-queue-us-east-1 matches ^[a-z0-9-]+$
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(byId(run.report!, 'Q').unresolved).toEqual([]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Fn::Sub \$\{Nope\}/);
  });
});

describe('intrinsics in a resource whose Condition is false', () => {
  it('are never evaluated: a FindInMap without a result there is no input error, and the resource is skipped', async () => {
    // Prepare: the map has no entry for us-east-1, which CloudFormation would only notice if it created the queue
    const text =
      'Mappings:\n  Names: {eu-west-1: {Name: x}}\nConditions:\n  Never: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Never\n    Properties:\n      QueueName: !FindInMap [Names, !Ref AWS::Region, Name]\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: kept}\n';
    // Act
    const run = await faces.validate(scratchStack(text));
    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(byId(run.report!, 'Q')).toMatchObject({ status: 'SKIP', reason: expect.stringMatching(/condition Never is false/) });
    expect(byId(run.report!, 'R').status).toBe('PASS');
  });

  it('a reference to nothing there is still an input error (CloudFormation checks references before conditions)', async () => {
    const text = 'Conditions:\n  Never: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Never\n    Properties:\n      QueueName: !Ref Nope\n';
    const run = await faces.validate(scratchStack(text));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Ref Nope/);
  });
});

describe('short forms of the Rules functions', () => {
  it('!Contains, !EachMemberEquals, !EachMemberIn, !RefAll, !ValueOf, !ValueOfAll parse like their long forms', async () => {
    // Prepare
    const text = `Parameters:
  Env: {Type: String, Default: prod}
  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1'}
  Vpc: {Type: 'AWS::EC2::VPC::Id', Default: vpc-1}
Rules:
  ProdOnly:
    RuleCondition: !Contains [[prod, dev], !Ref Env]
    Assertions:
      - Assert: !EachMemberEquals [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !Ref Vpc]
      - Assert: !EachMemberIn [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !RefAll 'AWS::EC2::VPC::Id']
      - Assert: !Equals [!ValueOf [Vpc, Tag], x]
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties: {QueueName: q}
`;
    // Act
    const run = await faces.validate(scratchStack(text));
    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('multi-line quoted scalars not indented past their key (PyYAML reads them; AWS Quick Starts are written so)', () => {
  const text = `Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: "first line
    second line, \\"quoted\\""
      TopicName: 'it''s
  here'
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: Not_Valid
`;

  it('parses them with the value PyYAML gives (continuation lines folded), keeping every line number', () => {
    const template = parseStackTemplate(text, 'quick-start.yaml');
    expect(template.resources[0].properties).toEqual({ DisplayName: 'first line second line, "quoted"', TopicName: "it's here" });
    expect(template.lines.get('Q')?.pointers.get('/QueueName')).toBe(12);
  });

  it('rcfge validate judges the stack, with findings on their own lines', async () => {
    const run = await faces.validate(scratchStack(text));
    expect(run.stderr).toBe('');
    expect(byId(run.report!, 'T').status).toBe('PASS');
    expect(byId(run.report!, 'Q').findings.map((f) => [f.path, f.keyword, f.line])).toEqual([['/QueueName', 'pattern', 12]]);
  });

  it('a quote that never closes is still a syntax error', () => {
    expect(() => parseStackTemplate('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "open\n', 'bad.yaml')).toThrow(/^bad\.yaml:\d+:\d+: invalid YAML\/JSON: Missing closing "quote/);
  });
});

describe('sources of AWS Rain (not CloudFormation until rain pkg runs)', () => {
  it.each([
    ['YAML !Rain::Embed', 'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {ZipFile: !Rain::Embed handler.py}\n', 'stack.yaml', 5, '!Rain::Embed'],
    ['JSON Rain::Embed', '{"Resources": {"F": {"Type": "AWS::Lambda::Function",\n "Properties": {"Code": {"ZipFile": {"Rain::Embed": "handler.py"}}}}}}', 'stack.json', 2, 'Rain::Embed'],
    ['JSON Rain::Module as a Type', '{"Resources": {"Network": {\n"Type": {"Rain::Module": "vpc.yml"}}}}', 'stack.json', 2, 'Rain::Module'],
  ])('%s is an input error that says so, in YAML and JSON alike', async (_label, text, name, line, directive) => {
    const run = await faces.validate(scratchStack(text, name));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${name}:${line}: ${directive} is a Rain directive, not CloudFormation`);
  });
});
