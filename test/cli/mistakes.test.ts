import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spreadOverrides } from '../../src/cli/validate';
import { LOCAL_S3_CREDENTIALS } from '../../src/local/s3-server';
import { ROOT, runCli } from '../fixtures/validate/cli';

/**
 * Issue 11 item 5: everyday mistakes get one line on stderr and exit 2, never a raw Node
 * error or a stack trace; a few are simply accepted as users mean them.
 */
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'rcfge-mistakes-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** The shared local S3 server of the jest setup; the SDK reads endpoint and credentials from the process environment, as in production. */
async function withLocalS3<T>(work: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: process.env.RCFGE_TEST_S3_ENDPOINT, AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' });
  try {
    return await work();
  } finally {
    process.env = saved;
  }
}

async function oneLine(argv: string[], message: RegExp, cwd = ROOT) {
  const run = await runCli(argv, { cwd });
  expect(run.stderr).toMatch(message);
  expect(run.stderr.split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |EISDIR|ENOENT|EEXIST/);
  expect(run.code).toBe(2);
  return run;
}

describe('one line for everyday mistakes', () => {
  it('invoke on a directory', async () => {
    await oneLine(['invoke', 'examples/requests'], /^rcfge invoke: examples\/requests is a directory: give one HookInvocationRequest file/);
  });

  it.each(['examples/stacks/s3-bucket-compliant.yaml', 'test/fixtures/validate/compliant.json'])('invoke on a stack template (%s): use rcfge validate', async (file) => {
    await oneLine(['invoke', file], new RegExp(`^rcfge invoke: ${file.replace(/\./g, '\\.')} is a CloudFormation stack template, not a HookInvocationRequest: use rcfge validate ${file.replace(/\./g, '\\.')}$`));
  });

  it('init -o an existing file without --force', async () => {
    const file = join(scratch, 'aws-sqs-queue.json');
    writeFileSync(file, 'keep me');
    await oneLine(['init', 'AWS::SQS::Queue', '-o', file], /^rcfge init: .*aws-sqs-queue\.json exists; give --force to overwrite it$/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const forced = await runCli(['init', 'AWS::SQS::Queue', '-o', file, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).typeName).toBe('AWS::SQS::Queue');
  });

  it('init -o a directory writes the registry file name there', async () => {
    const run = await runCli(['init', 'AWS::SQS::Queue', '-o', scratch]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`wrote ${join(scratch, 'aws-sqs-queue.json')}`);
    expect(JSON.parse(readFileSync(join(scratch, 'aws-sqs-queue.json'), 'utf8')).typeName).toBe('AWS::SQS::Queue');
  });

  it('init -o into a folder that does not exist', async () => {
    await oneLine(['init', 'AWS::SQS::Queue', '-o', join(scratch, 'nope', 'q.json')], /^rcfge init: cannot write .*q\.json: its folder does not exist$/);
  });

  it('package --out an existing file', async () => {
    const file = join(scratch, 'out.zip');
    writeFileSync(file, '');
    await oneLine(['package', '--out', file], /^rcfge package: --out .*out\.zip is a file, not a directory/);
  });

  it('--templates naming a file', async () => {
    await oneLine(['validate', 'test/fixtures/validate/compliant.json', '--templates', 'test/fixtures/validate/templates/aws-s3-bucket.json'], /^rcfge validate: --templates test\/fixtures\/validate\/templates\/aws-s3-bucket\.json is a file: give the folder that holds the templates \(test\/fixtures\/validate\/templates\)$/);
  });

  it('an unknown command: did you mean', async () => {
    await oneLine(['valdate', 'x.yaml'], /^rcfge: unknown command "valdate" \(did you mean "validate"\?\); rcfge --help lists the commands$/);
  });

  it.each([
    [['validate', 'x.yaml', '--fromat', 'json'], /^rcfge validate: Unknown option '--fromat' \(did you mean "--format"\?\); rcfge validate --help lists the options$/],
    [['lint', 'templates', '--param-file', 'p.json'], /^rcfge lint: Unknown option '--param-file' \(did you mean "--params-file"\?\); rcfge lint --help lists the options$/],
    [['init', 'AWS::S3::Bucket', '--ouput', 'x.json'], /^rcfge init: Unknown option '--ouput' \(did you mean "--output"\?\); rcfge init --help lists the options$/],
    [['validate', 'x.yaml', '-t', 'templates'], /^rcfge validate: Unknown option '-t'; rcfge validate --help lists the options$/],
    [['validate', 'x.yaml', '--format'], /^rcfge validate: Option '--format <value>' argument missing$/],
  ])('a misspelt or incomplete option: %j', async (argv, message) => {
    await oneLine(argv, message);
  });

  it.each([
    [['validate', 'x.yaml', '--params-file', 'settings.yaml'], /^rcfge validate: cannot read --params-file settings\.yaml: not valid JSON: Unexpected token 'r'$/],
    [['lint', '.', '--params-file', 'settings.yaml'], /^rcfge lint: cannot read --params-file settings\.yaml: not valid JSON: Unexpected token 'r'$/],
    [['invoke', 'settings.yaml'], /^rcfge invoke: cannot read settings\.yaml: not valid JSON: Unexpected token 'r'$/],
  ])('a YAML file where JSON is needed: %j', async (argv, message) => {
    writeFileSync(join(scratch, 'settings.yaml'), 'replicas: 2\nimage: app\n');
    writeFileSync(join(scratch, 'x.yaml'), 'Resources: {}\n');
    mkdirSync(join(scratch, 'templates'));
    await oneLine(argv, message, scratch);
  });

  it.each(['examples/stacks/s3-bucket-compliant.yaml', 'test/fixtures/validate/compliant.json'])('lint on a stack template (%s): use rcfge validate', async (file) => {
    await oneLine(['lint', file], new RegExp(`^rcfge lint: ${file.replace(/[./]/g, '\\$&')} is a CloudFormation stack template, not a restricted template \\(a JSON Schema of resource properties\\): check it with rcfge validate ${file.replace(/[./]/g, '\\$&')}$`));
  });

  it.each([
    [['validate', 'x.yaml', '--params-file', 'templates'], /^rcfge validate: cannot read --params-file templates: is a directory$/],
    [['lint', 'templates', '--params-file', 'templates'], /^rcfge lint: cannot read --params-file templates: is a directory$/],
  ])('a folder given as --params-file: %j', async (argv, message) => {
    writeFileSync(join(scratch, 'x.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    mkdirSync(join(scratch, 'templates'));
    await oneLine(argv, message, scratch);
  });

  it('a binary file named .json: one printable line, no quoted bytes', async () => {
    writeFileSync(join(scratch, 'logo.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00]));
    const run = await oneLine(['validate', 'logo.json', '--templates', join(ROOT, 'test/fixtures/validate/templates')], /^rcfge validate: logo\.json:1:1: invalid JSON: Unexpected token .* \(a \.json file must be plain JSON\)$/, scratch);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]|is not valid JSON/);
  });

  it('explain --templates naming a file', async () => {
    await oneLine(['explain', 'AWS::S3::Bucket', '--templates', 'test/fixtures/validate/templates/aws-s3-bucket.json'], /^rcfge explain: --templates test\/fixtures\/validate\/templates\/aws-s3-bucket\.json is a file: give the folder that holds the templates \(test\/fixtures\/validate\/templates\)$/);
  });

  it('package --out inside a file', async () => {
    writeFileSync(join(scratch, 'out.zip'), '');
    await oneLine(['package', '--out', join(scratch, 'out.zip', 'zips')], /^rcfge package: cannot create --out .*zips: .*out\.zip is a file$/);
  });

  it('invoke --payload a directory: asks for a payload file, not a request', async () => {
    await oneLine(['invoke', 'examples/requests/5-stack-three-violations.noncompliant.json', '--payload', 'examples/payloads'], /^rcfge invoke: payload examples\/payloads is a directory: give one payload file \(the stack template as JSON\), e.g\. examples\/payloads\/5-stack-three-violations\.noncompliant\.json$/);
  });

  it.each(['examples/stacks/s3-bucket-compliant.yaml', 'test/fixtures/validate/compliant.json'])('explain on a stack template (%s): use rcfge validate', async (file) => {
    await oneLine(['explain', file], new RegExp(`^rcfge explain: ${file.replace(/[./]/g, '\\$&')} is a CloudFormation stack template, not a restricted template \\(a JSON Schema of resource properties\\): check it with rcfge validate ${file.replace(/[./]/g, '\\$&')}$`));
  });

  it('lint on a stack template with a params file: no "used by no template" warning for every value (nothing was linted)', async () => {
    const run = await oneLine(['lint', 'examples/stacks/s3-bucket-compliant.yaml', '--params-file', 'templates/parameters.example.json'], /is a CloudFormation stack template/);
    expect(run.stdout).not.toMatch(/param-unused/);
  });

  it('no templates folder where validate runs: says how to name one, the registry schemas included', async () => {
    writeFileSync(join(scratch, 'stack.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    await oneLine(['validate', 'stack.yaml'], /^rcfge validate: templates directory templates not found \(give --templates DIR, --templates @registry to check against the registry schemas, or --bucket B\)$/, scratch);
  });

  it('--templates @registy: the only @ source is @registry', async () => {
    await oneLine(['validate', 'test/fixtures/validate/compliant.json', '--templates', '@registy'], /^rcfge validate: --templates @registy: no such folder; the registry schemas are --templates @registry$/);
  });
});

describe('accepted as users mean them', () => {
  it('several values after --parameter-overrides, as aws cloudformation deploy takes them', async () => {
    expect(spreadOverrides(['s.yaml', '--parameter-overrides', 'A=1', 'B=2', '--region', 'eu-west-1', 't.yaml'])).toEqual(['s.yaml', '--parameter-overrides', 'A=1', '--parameter-overrides', 'B=2', '--region', 'eu-west-1', 't.yaml']);
    expect(spreadOverrides(['--parameter-overrides=A=1', 'B=2'])).toEqual(['--parameter-overrides=A=1', '--parameter-overrides', 'B=2']);
    expect(spreadOverrides(['s.yaml', '--param', 'A=1', 'B=2'])).toEqual(['s.yaml', '--param', 'A=1', 'B=2']);
    const stack = join(scratch, 'stack.yaml');
    writeFileSync(stack, 'Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\n  Team: {Type: String}\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 7}\n');
    const run = await runCli(['validate', stack, '--templates', 'test/fixtures/validate/templates', '--parameter-overrides', 'Env=prod', 'Team=platform', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).files).toHaveLength(1);
    const wrong = await runCli(['validate', stack, '--templates', 'test/fixtures/validate/templates', '--parameter-overrides', 'Env=prod', 'Env2=x']);
    expect(wrong.stderr).toMatch(/--parameter-overrides Env2: the stack template has no parameter Env2/);
  });

  it('publish --prefix without a trailing /: adds it and says so', async () => {
    const dir = join(scratch, 'tpl');
    mkdirSync(dir);
    writeFileSync(join(dir, 'aws-sqs-queue.json'), readFileSync(join(ROOT, 'test/fixtures/lint/clean/aws-sqs-queue.json')));
    const run = await withLocalS3(() => runCli(['publish', dir, '--bucket', 'rcfge-shared', '--prefix', 'mistakes', '--dry-run', '--params-file', join(ROOT, 'test/fixtures/lint/clean/parameters.example.json')]));
    expect(run.stderr).toContain('rcfge publish: note: --prefix mistakes has no trailing /: using mistakes/ (keys mistakes/aws-...json)');
    expect(run.stdout).toContain('mistakes/aws-sqs-queue.json');
    expect(run.code).toBe(0);
  });

  it('publish shows lint warnings and still publishes', async () => {
    const dir = join(scratch, 'tpl');
    mkdirSync(dir);
    writeFileSync(join(dir, 'aws-s3-bucket.json'), readFileSync(join(ROOT, 'test/fixtures/lint/typeless-const/aws-s3-bucket.json')));
    const run = await withLocalS3(() => runCli(['publish', dir, '--bucket', 'rcfge-shared', '--prefix', 'warned/', '--dry-run']));
    expect(run.stderr).toMatch(/aws-s3-bucket\.json:\d+: warning \[typeless-const\]/);
    expect(run.code).toBe(0);
  });
});
