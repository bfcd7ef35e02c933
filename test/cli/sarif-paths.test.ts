import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { FIXTURE_TEMPLATES, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';
import { sarifErrors } from '../support/sarif';

/**
 * SARIF artifact URIs are URI references: a folder named "my stacks" (or a file with #, %
 * or letters beyond ASCII) must be percent-encoded, or the log is not valid SARIF and code
 * scanning misplaces the result ("#1" read as a fragment).
 */
describe('SARIF URIs of paths a user may have', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rcfge-sarif-paths-'));
    mkdirSync(join(dir, 'my stacks'));
    cpSync(join(ROOT, FIXTURE_TEMPLATES), join(dir, 'my templates'), { recursive: true });
    const bucket = 'Resources:\n  Open:\n    Type: AWS::S3::Bucket\n    Properties:\n      WebsiteConfiguration: {}\n';
    writeFileSync(join(dir, 'my stacks', 'a b#1%.yaml'), bucket);
    writeFileSync(join(dir, 'my stacks', 'bücket.yaml'), bucket);
    writeFileSync(join(dir, 'my stacks', 'broken [x].yaml'), 'Resources:\n  A:\n    Type: [\n');
    writeFileSync(join(dir, 'my templates', 'aws-sqs-queue.json'), '{"typeName": "AWS::SQS::Queue", "type": "object", "properties": {"A": {"type": "object"}}}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const uris = (log: Log) => [
    ...(log.runs[0].artifacts ?? []).map((a) => a.location?.uri),
    ...(log.runs[0].results ?? []).map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri),
    ...(log.runs[0].invocations?.[0].toolExecutionNotifications ?? []).map((n) => n.locations?.[0].physicalLocation?.artifactLocation?.uri),
  ];

  it('validate: valid SARIF 2.1.0 with percent-encoded relative URIs, broken file included', async () => {
    const run = await runCli(['validate', 'my stacks', '--templates', 'my templates', TAG_KEYS, '--format', 'sarif'], { cwd: dir });
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(new Set(uris(log))).toEqual(new Set(['my%20stacks/a%20b%231%25.yaml', 'my%20stacks/b%C3%BCcket.yaml', 'my%20stacks/broken%20%5Bx%5D.yaml']));
    // Read back as a URI, each names the file on disk.
    for (const uri of uris(log)) expect(decodeURIComponent(uri!)).toMatch(/^my stacks\/(a b#1%|bücket|broken \[x\])\.yaml$/);
  });

  it('lint: the same', async () => {
    const run = await runCli(['lint', 'my templates', '--format', 'sarif'], { cwd: dir });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(uris(log)).toContain('my%20templates/aws-sqs-queue.json');
  });
});
