import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveTemplate } from '../../src/authoring/init/derive';
import { checkGating } from '../../src/authoring/lint/gating-coverage';
import { SchemaCompiler } from '../../src/engine/compiler';
import { builtInRegistry } from '../support/paths';
import { runCli } from './run-cli';

const registry = (file: string) => builtInRegistry().schema(file)!;

describe('deriveTemplate', () => {
  const compiler = new SchemaCompiler();

  it('keeps typeName and description, drops registry-only sections and read-only properties, adds a remediation', () => {
    // Prepare
    const bucket = registry('aws-s3-bucket.json');
    // Act
    const { template } = deriveTemplate(bucket, { compiler });
    // Assess
    expect(template.typeName).toBe('AWS::S3::Bucket');
    expect(template.description).toBe(bucket.description);
    expect(template['x-rcfge']).toEqual({ remediation: expect.stringContaining('AWS::S3::Bucket') });
    for (const key of ['handlers', 'primaryIdentifier', 'readOnlyProperties', 'tagging', 'sourceUrl']) expect(template).not.toHaveProperty(key);
    const properties = template.properties as Record<string, unknown>;
    expect(properties).not.toHaveProperty('Arn');
    expect(properties).not.toHaveProperty('DomainName');
    expect(properties).toHaveProperty('BucketEncryption');
    expect(checkGating(template).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['aws-ec2-instance.json', ['/properties/MetadataOptions', '/properties/LaunchTemplate', '/properties/PrivateDnsNameOptions']],
    ['aws-s3-bucket.json', ['/definitions/TargetObjectKeyFormat']],
  ])('does not declare open what a closed $ref target or closed oneOf branches gate (%s)', (file, gated) => {
    // Act
    const { template, declaredOpen } = deriveTemplate(registry(file), { compiler });
    // Assess: a reviewer must not be told that IMDSv2 MetadataOptions is unconstrained
    for (const pointer of gated) expect(declaredOpen).not.toContain(pointer);
    expect(JSON.stringify(template)).not.toContain('free-form in the registry schema');
  });

  it('with allow, keeps only those properties, their required entries and the definitions they use', () => {
    const { template } = deriveTemplate(registry('aws-s3-bucket.json'), { allow: ['BucketName', 'Tags'], compiler });
    expect(Object.keys(template.properties as object).sort()).toEqual(['BucketName', 'Tags']);
    expect(Object.keys(template.definitions as object)).toEqual(['Tag']);
  });

  it('closes objects with properties and declares free-form ones open', () => {
    const { template, declaredOpen } = deriveTemplate({
      typeName: 'Test::Free::Form',
      handlers: {},
      properties: { Doc: { type: 'object' }, Json: { format: 'json' }, Nested: { type: 'object', properties: { A: { type: 'string' } } }, Map: { type: 'object', additionalProperties: { type: 'string' } } },
      additionalProperties: false,
    }, { compiler });
    const properties = template.properties as Record<string, Record<string, unknown>>;
    expect(properties.Doc['x-rcfge']).toEqual({ open: 'free-form in the registry schema' });
    expect(properties.Json['x-rcfge']).toEqual({ open: 'free-form in the registry schema' });
    expect(properties.Nested.additionalProperties).toBe(false);
    expect(properties.Map).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(declaredOpen).toEqual(['/properties/Doc', '/properties/Json']);
  });

  it('repairs a $ref cycle without progress and a pattern the engine refuses, and says so', () => {
    const { template, repairs } = deriveTemplate({
      typeName: 'Test::Warts::Type',
      additionalProperties: false,
      properties: { Loop: { $ref: '#/definitions/Loop' }, Name: { type: 'string', pattern: '^([a-z,A-Z,0-9,. _\\-:/()#,@[\\]+=&;\\{\\}!$*])*$' }, Slow: { type: 'string', pattern: '^(a+)+$' } },
      definitions: { Loop: { $ref: '#/definitions/Loop' } },
    }, { compiler });
    expect(repairs.map((r) => r.pointer)).toEqual(['/properties/Name/pattern', '/properties/Slow/pattern', '/definitions/Loop']);
    const properties = template.properties as Record<string, Record<string, unknown>>;
    expect(properties.Name.pattern).toBeUndefined();
    expect(properties.Name.$comment).toMatch(/rcfge init dropped the registry pattern/);
    expect((template.definitions as Record<string, unknown>).Loop).toEqual({ not: {}, $comment: expect.stringMatching(/\$ref cycle/) });
  });

  it('keeps a $ref to a read-only property working by copying it first', () => {
    const { template } = deriveTemplate(registry('aws-opensearchservice-application.json'), { compiler });
    expect(template.properties).not.toHaveProperty('Arn');
    expect(JSON.stringify(template)).not.toContain('#/properties/Arn');
  });
});

describe('rcfge init (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rcfge-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a template with -o that lints clean, with a warning per repair on stderr', async () => {
    // Act
    // The registry's GroupDescription pattern is not valid Java (an unescaped `[` in a class).
    const result = await runCli(['init', 'AWS::EC2::SecurityGroup', '-o', join(dir, 'aws-ec2-securitygroup.json')]);
    const lint = await runCli(['lint', dir]);
    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: \/properties\/\w+\/pattern: rcfge init dropped the registry pattern/);
    expect(lint.code).toBe(0);
  });

  it('prints the template on stdout', async () => {
    const result = await runCli(['init', 'AWS::SQS::Queue', '--allow', 'QueueName,KmsMasterKeyId']);
    expect(result.code).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout).properties)).toEqual(['KmsMasterKeyId', 'QueueName']);
  });

  it.each([
    [['init', 'AWS::S3::Bucket', '--allow', 'BucketNmae'], /no top-level property BucketNmae \(BucketNmae: did you mean BucketName\?\)/],
    [['init', 'AWS::S3::Buckit'], /no registry schema aws-s3-buckit.json .*did you mean "aws-s3-bucket.json"/],
    [['init', 'Module'], /"Module" is not a resource type name/],
    [['init', 'AWS::S3::Bucket', '--schemas', 'no-such-dir'], /--schemas no-such-dir is not a directory/],
    [['init'], /expected exactly one resource type/],
  ])('answers %j with a one-line usage error', async (argv, expected) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });

  it('prints help', async () => {
    const result = await runCli(['init', '--help']);
    expect(result.stdout).toMatch(/^Usage: rcfge init <TypeName>/);
  });
});
