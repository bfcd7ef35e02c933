import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byId, FIXTURE_TEMPLATES, FIXTURES, type JsonReport, runCli, TAG_KEYS } from '../fixtures/validate/cli';

const MIXED = `${FIXTURES}/mixed.yaml`;
const BASE = ['validate', MIXED, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--format', 'json'];

async function validateJson(extra: string[] = [], argv = BASE): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const run = await runCli([...argv, ...extra]);
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

/** A scratch stack template in a temporary folder. */
function stack(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-validate-'));
  const file = join(dir, 'stack.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('rcfge validate: verdicts per resource (JSON contract)', () => {
  it('gives each resource of the mixed fixture the verdict the Hook would, and exit 1', async () => {
    // Act
    const { code, report } = await validateJson();
    // Assess
    expect(code).toBe(1);
    expect(report.compliant).toBe(false);
    expect(report.resources.map((r) => [r.logicalId, r.status])).toEqual([
      ['Key', 'FAIL'],
      // Its template checks TopicName against $<stackName>, which only --stack-name gives.
      ['EventsTopic', 'SKIP'],
      ['DataBucket', 'PASS'],
      ['OpenBucket', 'FAIL'],
      ['Seeder', 'SKIP'],
      ['ProdAlarms', 'SKIP'],
    ]);
  });

  it('fails a type without a template as "not approved", naming where it looked', async () => {
    const { report } = await validateJson();
    const key = byId(report, 'Key');
    expect(key.template).toBeNull();
    expect(key.findings).toHaveLength(1);
    expect(key.findings[0].message).toContain('type AWS::KMS::Key not approved');
    expect(key.findings[0].message).toContain(`${FIXTURE_TEMPLATES}/aws-kms-key.json`);
  });

  it("lists a !GetAtt value, and ${AWS::StackName} without --stack-name, as unresolved and reports no finding for them", async () => {
    const { report } = await validateJson();
    const topic = byId(report, 'EventsTopic');
    expect(topic.unresolved).toEqual(['/TopicName', '/KmsMasterKeyId']);
    expect(topic.findings).toEqual([]);
  });

  it('resolves !Sub with the default account, region and partition', async () => {
    // Act: judged for the account that owns OpenBucket's topic
    const other = await validateJson(['--account', '444455556666']);
    // Assess: the foreign topic of OpenBucket is now the own account's; DataBucket still passes
    expect(byId(other.report, 'DataBucket').status).toBe('PASS');
    const topicFinding = byId(other.report, 'OpenBucket').findings.find((f) => f.path.endsWith('/Topic'));
    expect(topicFinding).toBeUndefined();
  });

  it('locates findings on the lines of the stack template', async () => {
    const { report } = await validateJson();
    const open = byId(report, 'OpenBucket');
    expect(open.findings.map((f) => [f.path, f.keyword, f.line])).toEqual([
      ['/BucketEncryption', 'required', 44],
      ['/WebsiteConfiguration', 'additionalProperties', 45],
      ['/NotificationConfiguration/TopicConfigurations/0/Topic', 'pattern', 50],
      ['/Tags/0/Key', 'enum', 52],
    ]);
  });

  it('skips custom resources and resources whose condition is false, with a reason', async () => {
    const { report } = await validateJson();
    expect(byId(report, 'Seeder').reason).toMatch(/custom resource/);
    expect(byId(report, 'ProdAlarms').reason).toBe('condition IsProd is false: CloudFormation will not create it');
    // With the condition true (and the stack name its template uses), the resource is checked and lacks its required key.
    const prod = await validateJson(['--parameter-overrides', 'Env=prod', '--stack-name', 'prod']);
    expect(byId(prod.report, 'ProdAlarms').status).toBe('FAIL');
  });

  it('exits 0 with compliant true when every checked resource passes', async () => {
    const { code, report } = await validateJson([], ['validate', `${FIXTURES}/compliant.json`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--format', 'json', '--account', '111122223333', '--region', 'eu-west-1']);
    expect(code).toBe(0);
    expect(report.compliant).toBe(true);
  });
});

describe('rcfge validate: template parameters', () => {
  it('takes a --param value starting with "[" as a list', async () => {
    const narrow = await validateJson([], [...BASE.filter((a) => a !== TAG_KEYS), '--param', 'AllowedTagKeys=["cost-center"]']);
    expect(byId(narrow.report, 'DataBucket').findings.map((f) => f.path)).toEqual(['/Tags/0/Key']);
  });

  it('loads --params-file and lets --param override it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-params-'));
    const file = join(dir, 'params.json');
    writeFileSync(file, JSON.stringify({ AllowedTagKeys: ['nobody'] }));
    const fromFile = await validateJson([], [...BASE.filter((a) => a !== TAG_KEYS), '--params-file', file]);
    expect(byId(fromFile.report, 'DataBucket').status).toBe('FAIL');
    const overridden = await validateJson([], [...BASE.filter((a) => a !== TAG_KEYS), '--params-file', file, TAG_KEYS]);
    expect(byId(overridden.report, 'DataBucket').status).toBe('PASS');
  });

  it('stops at a template that uses a parameter that was not given: a configuration error (exit 2), not a verdict', async () => {
    const { code, report, stderr } = await validateJson([], BASE.filter((a) => a !== TAG_KEYS));
    expect(code).toBe(2);
    expect(report).toMatchObject({ compliant: false, resources: [] });
    expect(stderr).toMatch(/^rcfge validate: test\/fixtures\/validate\/mixed\.yaml:\d+: template \S+aws-s3-bucket\.json of \w+ \(AWS::S3::Bucket\) uses \$<param:AllowedTagKeys>, which has no value: give --param AllowedTagKeys=VALUE or --params-file FILE/);
    expect(stderr.split('\n')).toHaveLength(1);
  });
});

describe('rcfge validate: operations and template policies', () => {
  const logGroup = stack('Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n  Queue:\n    Type: AWS::SQS::Queue\n');

  it('checks properties on create', async () => {
    const { report } = await validateJson([], ['validate', logGroup, '--templates', FIXTURE_TEMPLATES, '--format', 'json']);
    expect(byId(report, 'Logs').findings.map((f) => f.keyword)).toEqual(['minimum']);
  });

  it('checks only the delete policy on --operation delete', async () => {
    const { code, report } = await validateJson([], ['validate', logGroup, '--templates', FIXTURE_TEMPLATES, '--format', 'json', '--operation', 'delete']);
    expect(code).toBe(1);
    expect(byId(report, 'Logs').kind).toBe('delete-denied');
    // No template restricts queues: deleting one is allowed, and no template is named.
    expect(byId(report, 'Queue')).toMatchObject({ status: 'PASS', template: null });
  });

  it('passes a type without a template with --missing-template allow', async () => {
    const { report } = await validateJson(['--missing-template', 'allow']);
    expect(byId(report, 'Key')).toMatchObject({ status: 'PASS', kind: 'missing-allowed', template: null });
  });

  it('fails every resource of a type whose template is invalid, as the Hook does (exit 1, not 2)', async () => {
    const { code, report } = await validateJson([], ['validate', MIXED, '--templates', `${FIXTURES}/broken`, '--param', 'Missing=x', '--format', 'json']);
    expect(code).toBe(1);
    expect(byId(report, 'DataBucket')).toMatchObject({ status: 'FAIL', kind: 'template-error', template: `${FIXTURES}/broken/aws-s3-bucket.json` });
  });
});

describe('rcfge validate: usage and input errors (exit 2, one line, no stack trace)', () => {
  it.each([
    [['validate'], /expected at least one stack template, folder or glob/],
    [['validate', MIXED, '--format', 'xml'], /--format must be one of text, json, sarif/],
    [['validate', MIXED, '--region', 'moon'], /--region must be an AWS region/],
    [['validate', MIXED, '--account', '12'], /--account must be a 12-digit account ID/],
    [['validate', MIXED, '--operation', 'read'], /--operation must be one of create, update, delete/],
    [['validate', MIXED, '--templates', 'no-such-dir'], /templates directory no-such-dir not found/],
    [['validate', MIXED, '--templates', FIXTURE_TEMPLATES, '--bucket', 'b-b-b'], /either --templates DIR or --bucket/],
    [['validate', MIXED, '--param', 'novalue'], /--param expects NAME=VALUE/],
    [['validate', MIXED, '--param', 'L=[1,2]'], /must be a string or an array of strings/],
    [['validate', MIXED, '--params-file', 'missing.json'], /cannot read --params-file missing.json: file not found/],
    [['validate', 'missing.yaml'], /cannot read missing.yaml: file not found/],
    [['validate', MIXED, '--nope'], /Unknown option '--nope'/],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a stack template syntax error with file and line', async () => {
    const file = stack('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: x\n');
    const run = await runCli(['validate', file, '--templates', FIXTURE_TEMPLATES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stack\.yaml:\d+:\d+: invalid YAML\/JSON/);
  });
});

describe('rcfge validate: transforms', () => {
  it('skips SAM resources and says on stderr that macros are not expanded', async () => {
    // Prepare
    const file = stack('Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n');
    // Act
    const { code, report, stderr } = await validateJson([], ['validate', file, '--templates', FIXTURE_TEMPLATES, '--format', 'json']);
    // Assess
    expect(code).toBe(0);
    expect(byId(report, 'Fn')).toMatchObject({ status: 'SKIP', reason: expect.stringMatching(/SAM resource/) });
    expect(stderr).toContain('transform AWS::Serverless-2016-10-31');
  });
});

describe('rcfge validate: partition and help', () => {
  it('derives the partition from the region unless --partition is given', async () => {
    // Prepare: a topic ARN written out for the China partition
    const file = stack(
      "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]}\n" +
        "      NotificationConfiguration: {TopicConfigurations: [{Event: 's3:ObjectCreated:*', Topic: 'arn:aws-cn:sns:cn-north-1:123456789012:t'}]}\n",
    );
    const argv = ['validate', file, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--format', 'json', '--region', 'cn-north-1'];
    // Act
    const derived = await validateJson([], argv);
    const forced = await validateJson(['--partition', 'aws'], argv);
    // Assess
    expect(byId(derived.report, 'B').status).toBe('PASS');
    expect(byId(forced.report, 'B').findings.map((f) => f.keyword)).toEqual(['pattern']);
  });

  it('prints help with every option, its default and the exit codes', async () => {
    const run = await runCli(['validate', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--templates', '--bucket', '--prefix', '--account', '--region', '--partition', '--stack-name', '--param ', '--params-file', '--parameter-overrides', '--operation', '--format', '--missing-template']) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('default: 123456789012');
    expect(run.stdout).toContain('default: us-east-1');
    expect(run.stdout).toMatch(/Exit codes:[\s\S]*0[\s\S]*1[\s\S]*2/);
  });
});

describe('rcfge validate: text output', () => {
  const argv = ['validate', MIXED, '--templates', FIXTURE_TEMPLATES, TAG_KEYS];

  it('colours statuses only on a terminal', async () => {
    const plain = await runCli(argv, { isTTY: false });
    const coloured = await runCli(argv, { isTTY: true });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(coloured.stdout).toContain('\u001b[31mFAIL\u001b[0m');
  });

  it('honours NO_COLOR on a terminal', async () => {
    const run = await runCli(argv, { isTTY: true, env: { NO_COLOR: '1' } });
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('ends with the summary line', async () => {
    const run = await runCli(argv);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('6 resources: 1 passed, 2 failed, 3 skipped (1 not judged)');
  });
});

describe('rcfge validate against the official registry schemas (DESIGN: a registry schema is a valid, permissive template)', () => {
  it('passes real properties and refuses a misspelt one (--templates @registry: the snapshot in use)', async () => {
    // Prepare
    const file = stack('Resources:\n  Good:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {Status: Enabled}\n  Typo:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNme: x\n');
    // Act
    const { report } = await validateJson([], ['validate', file, '--templates', '@registry', '--format', 'json']);
    // Assess
    expect(byId(report, 'Good').status).toBe('PASS');
    expect(byId(report, 'Typo').findings.map((f) => [f.path, f.keyword, f.line])).toEqual([['/BucketNme', 'additionalProperties', 9]]);
  });
});
