import { join } from 'node:path';
import {
  CfnTemplateError,
  InvalidResourceError,
  MissingResourcesError,
  MissingResourceTypeError,
  parseStackTemplate,
  readStackTemplate,
  SHORT_FORM_KEYS,
  TemplateReadError,
  TemplateSyntaxError,
  UnknownTagError,
} from '../../src/cfn';

const fixtures = join(__dirname, '..', 'fixtures', 'cfn');

/** Parses `Resources: {R: {Type: T, Properties: {P: <value>}}}` and returns P. */
function propertyOf(valueYaml: string): unknown {
  const template = parseStackTemplate(`Resources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n      P: ${valueYaml}\n`, 'inline.yaml');
  return (template.resources[0].properties as Record<string, unknown>).P;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('short-form tags', () => {
  it.each([
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!Sub "a-${AWS::Region}"', { 'Fn::Sub': 'a-${AWS::Region}' }],
    ['!Sub ["${X}", {X: 1}]', { 'Fn::Sub': ['${X}', { X: 1 }] }],
    ['!GetAtt Res.Attr', { 'Fn::GetAtt': ['Res', 'Attr'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Res, Attr]', { 'Fn::GetAtt': ['Res', 'Attr'] }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ['!If [C, a, b]', { 'Fn::If': ['C', 'a', 'b'] }],
    ['!Select [0, [a]]', { 'Fn::Select': [0, ['a']] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, K, V]', { 'Fn::FindInMap': ['M', 'K', 'V'] }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ['!Cidr [10.0.0.0/16, 2, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!ImportValue shared', { 'Fn::ImportValue': 'shared' }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!Transform {Name: AWS::Include}', { 'Fn::Transform': { Name: 'AWS::Include' } }],
    ['!ToJsonString {a: [1]}', { 'Fn::ToJsonString': { a: [1] } }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!Base64 {"Fn::Sub": x}', { 'Fn::Base64': { 'Fn::Sub': 'x' } }],
  ])('%s becomes its long form', (yaml, expected) => {
    // Prepare: the property value is the tagged node. Act
    const value = propertyOf(yaml);
    // Assess
    expect(value).toEqual(expected);
  });

  it('knows a long form for all twenty short forms of the issue, and for the six of the Rules section', () => {
    expect(Object.keys(SHORT_FORM_KEYS).sort()).toEqual(
      ['!And', '!Base64', '!Cidr', '!Condition', '!Equals', '!FindInMap', '!GetAZs', '!GetAtt', '!If', '!ImportValue',
        '!Join', '!Length', '!Not', '!Or', '!Ref', '!Select', '!Split', '!Sub', '!ToJsonString', '!Transform',
        '!Contains', '!EachMemberEquals', '!EachMemberIn', '!RefAll', '!ValueOf', '!ValueOfAll'].sort(),
    );
  });

  it('maps block-style sequences under a tag (multi-line !Sub with a variable map)', () => {
    const value = propertyOf("!Sub\n        - '${Name}-x'\n        - Name: !Ref AWS::StackName");
    expect(value).toEqual({ 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'AWS::StackName' } }] });
  });
});

describe('parseStackTemplate structure', () => {
  it('reads resources, conditions, parameters, mappings and line numbers of a YAML template', () => {
    // Act
    const template = readStackTemplate(join(fixtures, 'short-tags.yaml'));
    // Assess
    expect(template.resources.map((r) => [r.logicalId, r.type, r.line, r.condition])).toEqual([
      ['Topic', 'AWS::SNS::Topic', 30, undefined],
      ['Bucket', 'AWS::S3::Bucket', 32, undefined],
      ['ProdOnly', 'AWS::SQS::Queue', 50, 'IsProd'],
    ]);
    expect(template.resources[0].properties).toBeUndefined();
    expect(template.parameters.get('Subnets')).toMatchObject({ type: 'CommaDelimitedList', line: 10 });
    expect(template.parameters.get('ExternalId')).not.toHaveProperty('default');
    expect(template.mappings).toEqual({ RegionMap: { 'us-east-1': { Ami: 'ami-111' }, 'eu-west-1': { Ami: 'ami-222' } } });
    expect(template.conditions.IsProd).toEqual({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] });
    const bucket = template.lines.get('Bucket');
    expect(bucket?.pointers.get('/NotificationConfiguration/TopicConfigurations/0/Topic')).toBe(39);
    expect(bucket?.pointers.get('/Tags/3/Value')).toBe(49);
    expect(bucket?.pointers.get('')).toBe(34);
  });

  it('gives JSON templates line numbers too, with RFC 6901 escaping of keys', () => {
    const template = readStackTemplate(join(fixtures, 'template.json'));
    const bucket = template.resources.find((r) => r.logicalId === 'Bucket');
    const pointers = template.lines.get('Bucket')?.pointers;
    expect(bucket?.line).toBe(10);
    expect(pointers?.get('/BucketName')).toBe(13);
    expect(pointers?.get('/NotificationConfiguration/TopicConfigurations/0/Topic')).toBe(18);
    expect(pointers?.get('/Tags/0/Key')).toBe(23);
    expect(pointers?.get('/Metadata~1Weird~0Key')).toBe(25);
    expect(template.parameters.get('Env')).toEqual({ name: 'Env', type: 'String', default: 'dev', line: 4 });
  });

  it('collects transforms given as a string or a list', () => {
    const one = parseStackTemplate('Transform: AWS::Serverless-2016-10-31\nResources: {A: {Type: T}}\n', 'a.yaml');
    const many = parseStackTemplate('Transform: [X, Y]\nResources: {A: {Type: T}}\n', 'b.yaml');
    expect([one.transforms, many.transforms]).toEqual([['AWS::Serverless-2016-10-31'], ['X', 'Y']]);
  });
});

describe('template errors', () => {
  it.each([
    ['invalid YAML', 'Resources:\n  A:\n    Type: [unclosed\n  B: 1\n', TemplateSyntaxError, 4],
    ['invalid JSON', '{\n  "Resources": {\n    "A": { "Type": "T", }\n  ,,\n}\n', TemplateSyntaxError, 4],
    ['duplicate keys', 'Resources:\n  A: {Type: T}\n  A: {Type: U}\n', TemplateSyntaxError, 3],
    ['several documents', 'Resources: {A: {Type: T}}\n---\nResources: {B: {Type: T}}\n', TemplateSyntaxError, 2],
    ['no Resources', 'AWSTemplateFormatVersion: "2010-09-09"\nOutputs: {}\n', MissingResourcesError, 1],
    ['Resources not a map', 'Description: x\nResources: [a]\n', MissingResourcesError, 2],
    ['empty Resources', 'Description: x\nResources: {}\n', MissingResourcesError, 2],
    ['not a mapping at all', '- a\n- b\n', MissingResourcesError, 1],
    ['empty file', '', MissingResourcesError, 1],
    ['resource not a map', 'Resources:\n  A: {Type: T}\n  B: text\n', InvalidResourceError, 3],
    ['resource without Type', 'Resources:\n  A: {Type: T}\n  B:\n    Properties: {}\n', MissingResourceTypeError, 3],
    ['unknown tag', 'Resources:\n  A:\n    Type: T\n    Properties:\n      X: !Reff Bucket\n', UnknownTagError, 5],
    ['unknown tag on a sequence', 'Resources:\n  A:\n    Type: T\n    Properties:\n      X: !Concat [a, b]\n', UnknownTagError, 5],
  ])('%s is reported at its line', (_label, text, errorClass, line) => {
    // Act
    const error = thrown(() => parseStackTemplate(text, 'stack.yaml'));
    // Assess
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(CfnTemplateError);
    expect((error as CfnTemplateError).line).toBe(line);
    // Syntax errors add the column (file:line:column:), as compilers do.
    expect((error as Error).message).toMatch(new RegExp(`^stack\\.yaml:${line}(:\\d+)?: `));
  });

  it('explains a second YAML document without naming parser APIs', () => {
    const error = thrown(() => parseStackTemplate('Resources: {A: {Type: T}}\n---\nX: 1\n', 's.yaml'));
    expect((error as Error).message).toMatch(/^s\.yaml:2:1: invalid YAML\/JSON: a stack template must be a single YAML document/);
    expect((error as Error).message).not.toContain('parseAllDocuments');
  });

  it('names the unknown tag as written and keeps the parser warning as cause', () => {
    const error = thrown(() => parseStackTemplate('Resources:\n  A:\n    Type: T\n    Properties: {X: !Reff B}\n', 's.yaml'));
    expect((error as UnknownTagError).tag).toBe('!Reff');
    expect((error as Error).message).toContain('!Reff');
    expect((error as Error).cause).toBeDefined();
  });

  it('turns an unreadable file into TemplateReadError with the cause kept', () => {
    const missing = join(fixtures, 'does-not-exist.yaml');
    const error = thrown(() => readStackTemplate(missing));
    expect(error).toBeInstanceOf(TemplateReadError);
    expect((error as Error).message).toContain(missing);
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
