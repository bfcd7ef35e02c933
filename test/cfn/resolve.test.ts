import { join } from 'node:path';
import {
  CfnTemplateError,
  defaultStackId,
  IntrinsicValueError,
  parseStackTemplate,
  readStackTemplate,
  resolveResource,
  type ResolveContext,
  type ResolvedResource,
  type StackTemplate,
} from '../../src/cfn';

const fixture = join(__dirname, '..', 'fixtures', 'cfn', 'short-tags.yaml');

function context(overrides: Partial<ResolveContext> = {}): ResolveContext {
  const base = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', stackName: 'app', ...overrides };
  return { stackId: defaultStackId(base), parameterOverrides: {}, ...base, ...overrides };
}

function resolveIn(template: StackTemplate, logicalId: string, ctx = context()): ResolvedResource {
  const resource = template.resources.find((r) => r.logicalId === logicalId);
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resolveResource(template, resource, ctx);
}

/** A one-resource template whose Properties are `propertiesYaml` (indented by the caller's text as a flow map). */
function inline(propertiesYaml: string, head = ''): StackTemplate {
  return parseStackTemplate(`${head}Resources:\n  R:\n    Type: AWS::Test::Thing\n    Properties: ${propertiesYaml}\n`, 'inline.yaml');
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function props(resolved: ResolvedResource): Record<string, unknown> {
  return resolved.properties as Record<string, unknown>;
}

describe('pseudo parameters and Fn::Sub', () => {
  it('resolves !Sub with partition, region and account from the context', () => {
    // Prepare
    const template = readStackTemplate(fixture);
    // Act
    const bucket = resolveIn(template, 'Bucket', context({ accountId: '444455556666', region: 'ap-south-1' }));
    // Assess
    const topics = (props(bucket).NotificationConfiguration as { TopicConfigurations: Array<{ Topic: unknown }> }).TopicConfigurations;
    expect(topics[0].Topic).toBe('arn:aws:sns:ap-south-1:444455556666:t');
    expect(props(bucket).BucketName).toBe('logs-444455556666-ap-south-1');
  });

  it('resolves every pseudo parameter, with the China URL suffix in aws-cn', () => {
    const template = inline(
      '{A: !Ref AWS::AccountId, R: !Ref AWS::Region, P: !Ref AWS::Partition, N: !Ref AWS::StackName, I: !Ref AWS::StackId, U: !Ref AWS::URLSuffix, Arns: !Ref AWS::NotificationARNs}',
    );
    const resolved = resolveIn(template, 'R', context({ partition: 'aws-cn', region: 'cn-north-1', stackName: 'st' }));
    expect(props(resolved)).toEqual({
      A: '111122223333',
      R: 'cn-north-1',
      P: 'aws-cn',
      N: 'st',
      I: 'arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/st/00000000-0000-0000-0000-000000000000',
      U: 'amazonaws.com.cn',
      Arns: { Ref: 'AWS::NotificationARNs' },
    });
    expect(resolved.unresolved).toEqual(['/Arns']);
    expect(props(resolveIn(template, 'R')).U).toBe('amazonaws.com');
  });

  it('uses the Fn::Sub variable map and turns ${!Literal} into ${Literal}', () => {
    const template = readStackTemplate(fixture);
    const queue = resolveIn(template, 'ProdOnly', context({ region: 'us-east-1', stackName: 'web', parameterOverrides: { Env: 'prod' } }));
    expect(props(queue).QueueName).toBe('ami-111-${Literal}-web');
  });

  it('leaves ${Resource} and ${Resource.Attr} unresolved, but ignores unused unresolvable variables', () => {
    const template = inline(
      "{A: !Sub '${Topic}', B: !Sub 'x-${Topic.TopicName}', C: !Sub ['${Known}', {Known: k, Unused: !GetAtt T.Arn}], D: !Sub ['${V}', {V: !GetAtt T.Arn}]}",
      'Parameters: {}\n',
    );
    const resolved = resolveIn(template, 'R');
    expect(props(resolved).A).toEqual({ 'Fn::Sub': '${Topic}' });
    expect(props(resolved).C).toBe('k');
    expect(resolved.unresolved).toEqual(['/A', '/B', '/D']);
  });
});

describe('template parameters', () => {
  const head = [
    'Parameters:',
    '  Name: {Type: String, Default: from-default}',
    '  Count: {Type: Number, Default: 3}',
    '  NoDefault: {Type: String}',
    '  Ids: {Type: CommaDelimitedList, Default: "a, b ,c"}',
    '  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}',
    '  Ami: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami}',
    '',
  ].join('\n');
  const template = inline('{N: !Ref Name, C: !Ref Count, X: !Ref NoDefault, I: !Ref Ids, S: !Ref Subnets, A: !Ref Ami, Second: !Select [1, !Ref Ids]}', head);

  it('takes Default when there is no override; leaves parameters without value (and SSM ones) unresolved', () => {
    const resolved = resolveIn(template, 'R');
    expect(props(resolved)).toMatchObject({ N: 'from-default', C: '3', I: ['a', 'b', 'c'], Second: 'b' });
    expect(resolved.unresolved).toEqual(['/X', '/S', '/A']);
    expect(props(resolved).X).toEqual({ Ref: 'NoDefault' });
  });

  it('prefers overrides, and splits list overrides on commas', () => {
    const ctx = context({ parameterOverrides: { Name: 'over', NoDefault: 'given', Ids: 'x,y', Subnets: 'subnet-1, subnet-2' } });
    const resolved = resolveIn(template, 'R', ctx);
    expect(props(resolved)).toMatchObject({ N: 'over', X: 'given', I: ['x', 'y'], S: ['subnet-1', 'subnet-2'], Second: 'y' });
    expect(resolved.unresolved).toEqual(['/A']);
  });

  it('joins a CommaDelimitedList back with Fn::Join', () => {
    const joined = resolveIn(inline("{J: !Join [';', !Ref Ids]}", head), 'R');
    expect(props(joined).J).toBe('a;b;c');
  });
});

describe('unresolvable values', () => {
  it('keeps !GetAtt, Ref to a resource and !ImportValue in long form and lists them in document order', () => {
    const template = readStackTemplate(fixture);
    const bucket = resolveIn(template, 'Bucket');
    expect(bucket.unresolved).toEqual(['/NotificationConfiguration/TopicConfigurations/1/Topic', '/Tags/0/Value', '/Tags/1/Value']);
    expect((props(bucket).Tags as unknown[])[0]).toEqual({ Key: 'arn', Value: { 'Fn::GetAtt': ['Topic', 'TopicArn'] } });
  });

  it('treats a value built from an unresolved part as unresolved as a whole, without listing its children', () => {
    const template = inline("{Arn: !Join ['', ['arn:', !Ref AWS::Partition, ':', !GetAtt Db.Arn]], Deep: {List: [!Sub '${AWS::Region}', !ImportValue x]}}");
    const resolved = resolveIn(template, 'R');
    expect(props(resolved).Arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':', { 'Fn::GetAtt': ['Db', 'Arn'] }]] });
    expect(props(resolved).Deep).toEqual({ List: ['eu-west-1', { 'Fn::ImportValue': 'x' }] });
    expect(resolved.unresolved).toEqual(['/Arn', '/Deep/List/1']);
  });

  it('does not alter the parsed template, so resolving twice with other contexts is independent', () => {
    const template = readStackTemplate(fixture);
    const first = resolveIn(template, 'Bucket', context({ region: 'us-east-1' }));
    (props(first).Tags as Array<Record<string, unknown>>)[0].Value = 'mutated';
    const second = resolveIn(template, 'Bucket', context({ region: 'us-west-2' }));
    expect(props(second).BucketName).toBe('logs-111122223333-us-west-2');
    expect((props(second).Tags as Array<Record<string, unknown>>)[0].Value).toEqual({ 'Fn::GetAtt': ['Topic', 'TopicArn'] });
  });
});

describe('AWS::NoValue', () => {
  it('removes a key and an array element', () => {
    const template = inline('{Gone: !Ref AWS::NoValue, Kept: 1, List: [a, !Ref AWS::NoValue, !GetAtt X.Y]}');
    const resolved = resolveIn(template, 'R');
    expect(props(resolved)).toEqual({ Kept: '1', List: ['a', { 'Fn::GetAtt': ['X', 'Y'] }] });
    // The unresolved item moved from index 2 to 1: pointers describe the resolved output.
    expect(resolved.unresolved).toEqual(['/List/1']);
    expect(resolved.sourcePointers).toEqual({ '/List/1': '/List/2' });
  });

  it('removes what a false Fn::If branch leaves out', () => {
    const template = inline('{Key: !If [No, x, !Ref AWS::NoValue], Kept: a}', 'Conditions: {No: !Equals [a, b]}\n');
    expect(props(resolveIn(template, 'R'))).toEqual({ Kept: 'a' });
  });
});

describe('conditions', () => {
  const template = readStackTemplate(fixture);

  it('picks the Fn::If branch from Conditions that depend on parameters', () => {
    const dev = resolveIn(template, 'Bucket');
    const prod = resolveIn(template, 'Bucket', context({ parameterOverrides: { Env: 'prod' } }));
    expect((props(dev).Tags as unknown[]).length).toBe(3);
    expect((props(prod).Tags as unknown[])[2]).toEqual({ Key: 'tier', Value: 'gold' });
    expect(prod.sourcePointers).toEqual({ '/Tags/2': '/Tags/2/Fn::If/1' });
  });

  it('reports a false resource condition so the caller can skip the resource', () => {
    expect(resolveIn(template, 'ProdOnly').conditionFalse).toBe(true);
    const prod = resolveIn(template, 'ProdOnly', context({ parameterOverrides: { Env: 'prod' } }));
    expect(prod.conditionFalse).toBe(false);
    // Chosen branch is unresolvable: listed at the property itself.
    expect(prod.unresolved[0]).toBe('/KmsMasterKeyId');
    expect(resolveIn(template, 'Bucket').conditionFalse).toBe(false);
  });

  it('evaluates And/Or/Not/Condition with three-valued logic', () => {
    const head = [
      'Parameters: {Env: {Type: String, Default: prod}, Unknown: {Type: String}}',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      '  Dunno: !Equals [!Ref Unknown, x]',
      '  Both: !And [!Condition IsProd, !Equals [!Ref AWS::Region, eu-west-1]]',
      '  ProdOrDunno: !Or [!Condition IsProd, !Condition Dunno]',
      '  NotProdAndDunno: !And [!Not [!Condition IsProd], !Condition Dunno]',
      '  DunnoAndProd: !And [!Condition Dunno, !Condition IsProd]',
      '  Loop: !Not [!Condition Loop]',
      '',
    ].join('\n');
    const cases = inline(
      '{A: !If [Both, y, n], B: !If [ProdOrDunno, y, n], C: !If [NotProdAndDunno, y, n], D: !If [DunnoAndProd, y, n], E: !If [Loop, y, n], F: !If [Missing, y, n]}',
      head,
    );
    const resolved = resolveIn(cases, 'R');
    expect(props(resolved)).toMatchObject({ A: 'y', B: 'y', C: 'n' });
    expect(resolved.unresolved).toEqual(['/D', '/E', '/F']);
  });

  it('compares numbers written in YAML with string parameter values', () => {
    const head = 'Parameters: {Size: {Type: Number, Default: 2}}\nConditions: {Two: !Equals [!Ref Size, 2]}\n';
    expect(props(resolveIn(inline('{V: !If [Two, two, other]}', head), 'R')).V).toBe('two');
  });

  it('does not report conditionFalse when the condition is unknown or undeclared', () => {
    const text = 'Parameters: {P: {Type: String}}\nConditions: {C: !Equals [!Ref P, x]}\nResources:\n  A: {Type: T, Condition: C}\n  B: {Type: T, Condition: Nope}\n';
    const t = parseStackTemplate(text, 'c.yaml');
    expect([resolveIn(t, 'A').conditionFalse, resolveIn(t, 'B').conditionFalse]).toEqual([false, false]);
  });
});

describe('cheap functions with known inputs', () => {
  it('evaluates Select, Split, FindInMap (with DefaultValue), Base64 and Length', () => {
    const head = 'Mappings: {M: {eu-west-1: {Size: [1, 2]}}}\n';
    const template = inline(
      "{S: !Select ['1', !Split [',', 'a,b,c']], F: !FindInMap [M, !Ref AWS::Region, Size], D: !FindInMap [M, x, y, {DefaultValue: dflt}], " +
        "Azs: !Select [5, !GetAZs ''], B: !Base64 {'Fn::Sub': '${AWS::Region}'}, L: !Length [a, !Ref AWS::NoValue, c]}",
      head,
    );
    const resolved = resolveIn(template, 'R');
    expect(props(resolved)).toMatchObject({ S: 'b', F: ['1', '2'], D: 'dflt', B: Buffer.from('eu-west-1').toString('base64'), L: '2' });
    expect(resolved.unresolved).toEqual(['/Azs']);
  });

  it.each([
    ['a missing top-level key', "{A: x,\n      Miss: !FindInMap [M, !Ref AWS::Region, Size]}", 7, /Fn::FindInMap \[M, eu-west-1, Size\]: mapping M has no key "eu-west-1"/],
    ['a missing second-level key', '{Miss: !FindInMap [M, us-east-1, Nope]}', 6, /mapping M has no key "Nope" under "us-east-1"/],
    ['a missing map', '{Miss: !FindInMap [Typo, us-east-1, Size]}', 6, /the template has no mapping "Typo"/],
    ['Select out of range', "{Out: !Select [2, [a, b]]}", 6, /Fn::Select index 2 is out of range: the list has 2 items/],
    ['Select out of range of a list parameter', '{Out: !Select [3, !Ref Subnets]}', 6, /index 3 is out of range: the list has 2 items/],
  ])('rejects a function whose known inputs have no result: %s', (_label, properties, line, message) => {
    // Prepare
    const head = "Parameters: {Subnets: {Type: CommaDelimitedList, Default: 'a,b'}}\nMappings: {M: {us-east-1: {Size: 1}}}\n";
    const template = inline(properties, head);
    // Act
    const error = thrown(() => resolveIn(template, 'R'));
    // Assess
    expect(error).toBeInstanceOf(IntrinsicValueError);
    expect(error).toBeInstanceOf(CfnTemplateError);
    expect((error as IntrinsicValueError).line).toBe(line);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(`inline.yaml:${line}: resource R: `)).toBe(true);
  });

  it('leaves GetAZs, Cidr and Transform unresolved; ToJsonString is compact JSON of the typed values', () => {
    const resolved = resolveIn(readStackTemplate(fixture), 'ProdOnly', context({ parameterOverrides: { Env: 'prod' } }));
    expect(resolved.unresolved).toEqual(expect.arrayContaining(['/Other/Azs', '/Other/Cidrs', '/Other/Macro']));
    expect(resolved.unresolved).not.toContain('/Other/Json');
    expect(props(resolved).Other).toMatchObject({ Parts: ['a', 'b'], Encoded: 'aGVsbG8=', Count: '2', Json: '{"a":1}' });
  });

  it('resolves a whole Properties block chosen by Fn::If', () => {
    const head = 'Conditions: {Yes: !Equals [a, a]}\n';
    const resolved = resolveIn(inline('!If [Yes, {A: !Ref AWS::Region}, {B: 2}]', head), 'R');
    expect(resolved.properties).toEqual({ A: 'eu-west-1' });
    expect(resolved.sourcePointers).toEqual({ '': '/Fn::If/1' });
  });
});

describe('defaultStackId', () => {
  it('builds a stack ARN with a zero UUID', () => {
    expect(defaultStackId({ accountId: '123456789012', region: 'us-east-1', partition: 'aws', stackName: 's' })).toBe(
      'arn:aws:cloudformation:us-east-1:123456789012:stack/s/00000000-0000-0000-0000-000000000000',
    );
  });
});
