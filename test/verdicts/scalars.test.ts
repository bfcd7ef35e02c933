import { parseStackTemplate, resolveResource } from '../../src/cfn';
import { byId } from '../fixtures/validate/cli';
import { bucketPolicyStack, Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 5: validate judges the strings CloudFormation sends the Hook. YAML and JSON
 * numbers and booleans become strings (numbers with their source text); nothing else is
 * turned into a boolean. Each case runs on both faces: a stack through `rcfge validate`, and
 * the request CloudFormation sends for it through the Hook handler.
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

function policy(secureTransport: string): string {
  return bucketPolicyStack(`          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: arn:aws:s3:::data/*
            Condition: {Bool: {'aws:SecureTransport': ${secureTransport}}}
`);
}

function sentPolicy(secureTransport: string): unknown {
  return { Bucket: 'data', PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::data/*', Condition: { Bool: { 'aws:SecureTransport': secureTransport } } }] } };
}

async function bothFaces(stack: string, typeName: string, sent: unknown, logicalId: string) {
  const run = await faces.validate(scratchStack(stack));
  const hook = await faces.hook(faces.request(typeName, sent, { logicalId }));
  const resource = byId(run.report!, logicalId);
  return { run, resource, hook, validatePaths: resource.findings.map((f) => `${f.path} ${f.keyword}`).sort() };
}

describe('numbers and booleans reach the engine as CloudFormation sends them', () => {
  it('aws:SecureTransport: 0 is the string "0", never false: the TLS deny never fires, so no statement qualifies (both faces FAIL)', async () => {
    const { run, hook, validatePaths } = await bothFaces(policy('0'), 'AWS::S3::BucketPolicy', sentPolicy('0'), 'Policy');
    expect(run.code).toBe(1);
    expect(validatePaths).toEqual(['/PolicyDocument/Statement contains']);
    expect(hook).toMatchObject({ verdict: 'FAIL', errorCode: 'NonCompliant', paths: validatePaths });
  });

  it('aws:SecureTransport: false is the string "false", a boolean to CloudFormation (both faces PASS)', async () => {
    const { run, hook } = await bothFaces(policy('false'), 'AWS::S3::BucketPolicy', sentPolicy('false'), 'Policy');
    expect(run.code).toBe(0);
    expect(hook.verdict).toBe('PASS');
  });

  it('FifoQueue: 1 is "1", not a boolean (both faces FAIL); FifoQueue: true passes', async () => {
    const one = await bothFaces('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {FifoQueue: 1, QueueName: q.fifo}\n', 'AWS::SQS::Queue', { FifoQueue: '1', QueueName: 'q.fifo' }, 'Q');
    const yes = await bothFaces('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {FifoQueue: true, QueueName: q.fifo}\n', 'AWS::SQS::Queue', { FifoQueue: 'true', QueueName: 'q.fifo' }, 'Q');
    expect(one.validatePaths).toEqual(['/FifoQueue type']);
    expect(one.hook).toMatchObject({ verdict: 'FAIL', paths: ['/FifoQueue type'] });
    expect([yes.run.code, yes.hook.verdict]).toEqual([0, 'PASS']);
  });

  it('unquoted yes/no/on/off are YAML 1.1 booleans to CloudFormation, sent as "true"/"false"; quoted they stay strings', async () => {
    // CloudFormation reads YAML 1.1 (aws-cli #5257; a tag `Value: YES` is deployed as "true"; `Mode: OFF` arrives as false).
    const queue = (value: string) => `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: ${value}\n      QueueName: q.fifo\n`;
    for (const [written, sent] of [['yes', 'true'], ['Yes', 'true'], ['ON', 'true'], ['no', 'false'], ['Off', 'false']]) {
      const both = await bothFaces(queue(written), 'AWS::SQS::Queue', { FifoQueue: sent, QueueName: 'q.fifo' }, 'Q');
      expect({ written, code: both.run.code, hook: both.hook.verdict }).toEqual({ written, code: 0, hook: 'PASS' });
    }
    for (const written of ["'yes'", '"on"', '!!str no', 'y']) {
      const both = await bothFaces(queue(written), 'AWS::SQS::Queue', { FifoQueue: written.replace(/^!!str |['"]/g, ''), QueueName: 'q.fifo' }, 'Q');
      expect({ written, paths: both.validatePaths, hook: both.hook.paths }).toEqual({ written, paths: ['/FifoQueue type'], hook: ['/FifoQueue type'] });
    }
  });

  it('SourceVersion: 2.0 keeps its source text "2.0" (the pattern wants major.minor; "2" would fail)', async () => {
    const { run, hook } = await bothFaces('Resources:\n  P:\n    Type: AWS::CodeBuild::Project\n    Properties: {SourceVersion: 2.0, TimeoutInMinutes: 60}\n', 'AWS::CodeBuild::Project', { SourceVersion: '2.0', TimeoutInMinutes: '60' }, 'P');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(hook.verdict).toBe('PASS');
  });

  it('an unquoted account ID with a leading zero keeps it, in YAML and in JSON', async () => {
    const yaml = await bothFaces('Resources:\n  A:\n    Type: AWS::SSO::Assignment\n    Properties: {TargetId: 012345678901, TargetType: AWS_ACCOUNT}\n', 'AWS::SSO::Assignment', { TargetId: '012345678901', TargetType: 'AWS_ACCOUNT' }, 'A');
    expect([yaml.run.code, yaml.hook.verdict]).toEqual([0, 'PASS']);
    const json = await faces.validate(scratchStack('{"Resources": {"A": {"Type": "AWS::SSO::Assignment", "Properties": {"TargetId": 12345678901.0, "TargetType": "AWS_ACCOUNT"}}}}', 'stack.json'));
    // JSON 12345678901.0 is sent as written: not 12 digits, refused as the Hook refuses "12345678901.0".
    expect(byId(json.report!, 'A').findings.map((f) => `${f.path} ${f.keyword}`)).toEqual(['/TargetId pattern']);
  });

  it('a null anywhere is an input error, as CloudFormation refuses the template', async () => {
    const run = await faces.validate(scratchStack('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName:\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stack\.yaml:5: \/Resources\/Q\/Properties\/QueueName: 'null' values are not allowed in templates/);
  });
});

describe('resolved properties are what CloudFormation sends', () => {
  it('turns every number and boolean into its string, including values computed by functions', () => {
    // Prepare
    const template = parseStackTemplate(
      'Parameters:\n  N: {Type: Number, Default: 10}\nResources:\n  R:\n    Type: AWS::Test::Thing\n    Properties: {I: 5, F: 1.50, E: 1e3, B: True, Z: false, H: 0x1F, P: !Ref N, L: !Length [a, b], S: "5", List: [1, true]}\n',
      'inline.yaml',
    );
    // Act
    const resolved = resolveResource(template, template.resources[0], { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', parameterOverrides: {} });
    // Assess
    expect(resolved.properties).toEqual({ I: '5', F: '1.50', E: '1e3', B: 'true', Z: 'false', H: '0x1F', P: '10', L: '2', S: '5', List: ['1', 'true'] });
  });
});

describe('null as a function argument', () => {
  it('is accepted as CloudFormation accepts it ("Fn::GetAZs": null in AWS samples): the value is unresolved', async () => {
    const run = await faces.validate(scratchStack('{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Select": [0, {"Fn::GetAZs": null}]}}}}}', 'stack.json'));
    expect(run.stderr).toBe('');
    expect(byId(run.report!, 'Q').unresolved).toEqual(['/QueueName']);
  });
});
