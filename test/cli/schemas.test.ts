import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip } from '../../src/packaging/zip';
import { archiveUrl, installedSnapshotPath } from '../../src/registry';
import { ROOT, runCli } from '../fixtures/validate/cli';

/**
 * `rcfge schemas update` against a local HTTP server standing in for
 * schema.cloudformation.<region>.amazonaws.com: it serves a CloudformationSchema.zip built
 * here (one schema per resource type at the archive root, as CloudFormation publishes it),
 * with a Last-Modified date, or fails as asked.
 */
const BUCKET = { typeName: 'AWS::S3::Bucket', additionalProperties: false, properties: { BucketName: { type: 'string' }, FromTheArchive: { type: 'string' } } };
const QUEUE = { typeName: 'AWS::SQS::Queue', additionalProperties: false, properties: { QueueName: { type: 'string' } } };
const ARCHIVE = writeZip([
  { name: 'aws-s3-bucket.json', data: Buffer.from(JSON.stringify(BUCKET, null, 2)) },
  { name: 'aws-sqs-queue.json', data: Buffer.from(JSON.stringify(QUEUE)) },
  { name: 'README.txt', data: Buffer.from('not a schema') },
]);

let server: Server;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/CloudformationSchema.zip') {
      res.writeHead(200, { 'content-type': 'application/zip', 'last-modified': 'Tue, 03 Mar 2026 10:00:00 GMT' });
      res.end(ARCHIVE);
    } else if (req.url === '/html.zip') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>captive portal</html>');
    } else {
      res.writeHead(404, 'Not Found');
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'rcfge-home-cli-'));
  env = { RCFGE_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('rcfge schemas', () => {
  it('shows the built-in snapshot, its region, date and source when nothing is installed', async () => {
    const run = await runCli(['schemas'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^registry schemas in use: built-in snapshot\n {2}schemas {2}1,504\n {2}region {3}us-east-1\n {2}date {5}2025-12-09\n {2}source {3}https:\/\/github.com\/aws-cloudformation\/cfn-lint\//);
    expect(run.stdout).toContain(join(ROOT, 'registry', 'schemas.json.gz'));
  });

  it('update downloads the archive, installs it, and init, lint and validate use it; reset goes back', async () => {
    // Act
    const update = await runCli(['schemas', 'update', '--from', `${base}/CloudformationSchema.zip`, '--region', 'eu-west-1'], { env });
    const show = await runCli(['schemas', 'show'], { env });
    const init = await runCli(['init', 'AWS::S3::Bucket'], { env });
    const missing = await runCli(['init', 'AWS::EC2::Instance'], { env });
    // Assess
    expect(update.stdout).toMatch(new RegExp(`^installed 2 schemas \\(eu-west-1, 2026-03-03\\) from ${base}/CloudformationSchema.zip to ${installedSnapshotPath(env)}`));
    expect(update.code).toBe(0);
    expect(show.stdout).toMatch(/^registry schemas in use: installed snapshot \(rcfge schemas update\)\n {2}schemas {2}2\n {2}region {3}eu-west-1\n {2}date {5}2026-03-03/);
    expect(show.stdout).toContain('rcfge schemas reset');
    expect(Object.keys(JSON.parse(init.stdout).properties)).toEqual(['BucketName', 'FromTheArchive']);
    expect(missing.stderr).toMatch(/^rcfge init: no registry schema aws-ec2-instance.json for AWS::EC2::Instance in the installed registry snapshot \(2 schemas, eu-west-1, 2026-03-03\)/);
    // Act: reset
    const reset = await runCli(['schemas', 'reset'], { env });
    expect(reset.stdout).toMatch(/^removed .*; in use now: built-in registry snapshot \(1,504 schemas, us-east-1, 2025-12-09\)$/);
    expect((await runCli(['init', 'AWS::EC2::Instance'], { env })).code).toBe(0);
  });

  it('validate --templates @registry and lint use the installed snapshot', async () => {
    await runCli(['schemas', 'update', '--from', `${base}/CloudformationSchema.zip`], { env });
    const stack = join(home, 'stack.yaml');
    writeFileSync(stack, 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {FromTheArchive: x}\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 5}\n  Vm:\n    Type: AWS::EC2::Instance\n');
    const validate = await runCli(['validate', stack, '--templates', '@registry', '--format', 'json'], { env });
    const lint = await runCli(['lint', 'test/fixtures/lint/clean'], { env });
    const report = JSON.parse(validate.stdout) as { resources: Array<{ logicalId: string; status: string; findings: Array<{ path: string }> }> };
    // Assess: the archive knows FromTheArchive and not DelaySeconds, and has no EC2 type ("not approved").
    expect(report.resources.map((r) => [r.logicalId, r.status, r.findings.map((f) => f.path)])).toEqual([
      ['Bucket', 'PASS', []],
      ['Queue', 'FAIL', ['/DelaySeconds']],
      ['Vm', 'FAIL', ['']],
    ]);
    expect(lint.stdout).toMatch(/error \[registry-property\] .*does not exist in the registry schema of AWS::SQS::Queue/);
  });

  it('downloads from the documented per-region address by default', () => {
    expect(archiveUrl('eu-west-1')).toBe('https://schema.cloudformation.eu-west-1.amazonaws.com/CloudformationSchema.zip');
    expect(archiveUrl('cn-north-1')).toBe('https://schema.cloudformation.cn-north-1.amazonaws.com.cn/CloudformationSchema.zip');
  });

  it.each([
    [['--from', '/missing.zip'], /^rcfge schemas: http:\/\/127\.0\.0\.1:\d+\/missing\.zip answered HTTP 404 Not Found$/m],
    [['--from', '/html.zip'], /^rcfge schemas: http:\/\/127\.0\.0\.1:\d+\/html\.zip is not a usable zip archive: not a zip archive/m],
    [['--from', 'closed-port'], /^rcfge schemas: cannot download http:\/\/127\.0\.0\.1:\d+\/CloudformationSchema\.zip: ECONNREFUSED$/m],
    [['--from', 'no-such.zip'], /^rcfge schemas: --from no-such.zip: no such file or folder/],
    [['--region', 'Europe'], /^rcfge schemas update: --region must be an AWS region such as eu-west-1, not "Europe"$/],
    [['--date', 'today'], /^rcfge schemas update: --date must be YYYY-MM-DD/],
  ])('update %j fails with one line (exit 2) and leaves the snapshot in use alone', async (args, message) => {
    const from = args[1] === 'closed-port' ? ['--from', `http://127.0.0.1:${await closedPort()}/CloudformationSchema.zip`] : args[0] === '--from' && args[1].startsWith('/') ? ['--from', `${base}${args[1]}`] : args;
    await runCli(['schemas', 'update', '--from', `${base}/CloudformationSchema.zip`], { env });
    const before = statSync(installedSnapshotPath(env)).mtimeMs;
    const run = await runCli(['schemas', 'update', ...from], { env });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').filter((l) => !l.startsWith('rcfge schemas: downloading'))).toHaveLength(1);
    expect(run.code).toBe(2);
    expect(statSync(installedSnapshotPath(env)).mtimeMs).toBe(before);
  });

  it('update --from a folder --out FILE writes a snapshot without installing it (how registry/ is built)', async () => {
    const out = join(home, 'snapshot.json.gz');
    const run = await runCli(['schemas', 'update', '--from', 'test/fixtures/registry', '--out', out, '--source', 'fixture', '--date', '2026-01-01', '--region', 'us-east-1'], { env });
    expect(run.stdout).toMatch(/^wrote 1 schemas \(us-east-1, 2026-01-01\) from fixture to /);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(installedSnapshotPath(env))).toBe(false);
    expect(readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('answers an unknown subcommand with one line', async () => {
    const run = await runCli(['schemas', 'upgrade'], { env });
    expect(run).toMatchObject({ code: 2, stderr: 'rcfge schemas: unknown subcommand "upgrade" (show, update or reset)' });
  });
});

describe('rcfge init in an empty folder (built bundle, separate process, no schemas anywhere)', () => {
  it('prints a template for AWS::EC2::Instance from the built-in snapshot', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rcfge-empty-'));
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'rcfge.js'), 'init', 'AWS::EC2::Instance'], { cwd, encoding: 'utf8', env: { ...process.env, RCFGE_HOME: home } });
    rmSync(cwd, { recursive: true, force: true });
    expect(run.status).toBe(0);
    const template = JSON.parse(run.stdout);
    expect(template).toMatchObject({ typeName: 'AWS::EC2::Instance', additionalProperties: false });
    expect(Object.keys(template.properties)).toContain('ImageId');
  });
});
