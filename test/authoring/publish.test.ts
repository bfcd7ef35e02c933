import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBody } from '../../src/authoring/publish/local-files';
import { planPublish, sameContent } from '../../src/authoring/publish/plan';
import { useLocalS3Env } from '../support/local-s3-env';
import { FIXTURES, runCli } from './run-cli';

const BUCKET = 'rcfge-publish';
const PREFIX = 'templates/';

describe('rcfge publish against a local S3 server', () => {
  const local = useLocalS3Env(BUCKET);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rcfge-publish-'));
    cpSync('templates', dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const count = () => readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('parameters')).length;
  const puts = () => local.s3.requests.filter((r) => r.method === 'PUT').length;
  const publish = (...extra: string[]) => runCli(['publish', dir, '--bucket', BUCKET, '--prefix', PREFIX, ...extra]);
  const keys = async () => ((await local.s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX }))).Contents ?? []).map((o) => o.Key).sort();

  it('adds all, then finds all unchanged without a PUT, then uploads exactly the one changed file', async () => {
    // Act 1: first publish
    const n = count();
    const before = puts();
    const first = await publish();
    // Assess 1
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${n} added, 0 changed, 0 unchanged, 0 deleted`);
    // The baseline lints clean, so publish shows no lint warnings (rcfge lint templates says the same).
    expect(first.stderr).toBe('');
    expect(puts() - before).toBe(n);
    expect(await keys()).not.toContain(`${PREFIX}parameters.example.json`);
    const head = await local.s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}aws-s3-bucket.json` }));
    expect(head.Metadata?.sha256).toBe(describeBody('x', readFileSync(join(dir, 'aws-s3-bucket.json'))).sha256);

    // Act 2: nothing changed
    const second = await publish();
    expect(second.stdout).toContain(`0 added, 0 changed, ${n} unchanged`);
    expect(puts() - before).toBe(n);

    // Act 3: one file changed
    const file = join(dir, 'aws-sqs-queue.json');
    const template = JSON.parse(readFileSync(file, 'utf8'));
    template.description = 'changed for the test';
    writeFileSync(file, JSON.stringify(template, null, 2));
    const third = await publish();
    expect(third.stdout).toContain(`changed: s3://${BUCKET}/${PREFIX}aws-sqs-queue.json`);
    expect(third.stdout).toContain(`0 added, 1 changed, ${n - 1} unchanged`);
    expect(puts() - before).toBe(n + 1);
    const body = await (await local.s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}aws-sqs-queue.json` }))).Body?.transformToString();
    expect(JSON.parse(body ?? '{}').description).toBe('changed for the test');
  });

  it('with --dry-run reports what would change and writes nothing', async () => {
    const before = puts();
    const result = await runCli(['publish', dir, '--bucket', BUCKET, '--prefix', 'dry/', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/would add: s3:\/\/rcfge-publish\/dry\/aws-s3-bucket.json/);
    expect(puts()).toBe(before);
    expect(((await local.s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'dry/' }))).Contents ?? [])).toEqual([]);
  });

  it('keeps an extra object unless --delete, then deletes only it', async () => {
    // Prepare
    await publish();
    const extra = `${PREFIX}aws-retired-type.json`;
    await local.s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: extra, Body: '{}' }));
    // Act / Assess: without --delete
    const kept = await publish();
    expect(kept.stdout).toContain(`extra (kept; --delete removes it): s3://${BUCKET}/${extra}`);
    expect(await keys()).toContain(extra);
    // Act / Assess: dry run with --delete
    const dry = await publish('--delete', '--dry-run');
    expect(dry.stdout).toContain(`would delete: s3://${BUCKET}/${extra}`);
    expect(await keys()).toContain(extra);
    // Act / Assess: --delete
    const deleted = await publish('--delete');
    expect(deleted.stdout).toContain(`deleted: s3://${BUCKET}/${extra}`);
    expect(await keys()).not.toContain(extra);
    expect(await keys()).toHaveLength(count());
  });

  it('refuses to publish when lint fails (exit 1, no PUT)', async () => {
    const before = puts();
    const result = await runCli(['publish', `${FIXTURES}/open-nested`, '--bucket', BUCKET, '--prefix', 'bad/']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[gating\] \/definitions\/Tag/);
    expect(result.stderr).toMatch(/refused: lint found 1 error\(s\); nothing was uploaded/);
    expect(puts()).toBe(before);
  });

  it('answers a missing bucket with one line naming it (exit 2), after the lint warnings', async () => {
    const result = await runCli(['publish', dir, '--bucket', 'no-such-bucket-rcfge']);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n');
    expect(lines.at(-1)).toMatch(/^rcfge publish: reading s3:\/\/no-such-bucket-rcfge\/ failed: NoSuchBucket/);
    expect(lines.slice(0, -1).filter((l) => !/: warning \[|^\d+ template\(s\): 0 error\(s\)/.test(l))).toEqual([]);
  });

  it.each([
    [['publish', 'templates'], /--bucket B is required/],
    [['publish', '--bucket', 'b'], /expected exactly one templates directory/],
    [['publish', 'nope', '--bucket', 'b'], /is not a directory/],
  ])('answers %j with a usage error', async (argv, expected) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
  });
});

describe('publish plan', () => {
  const local = describeBody('a.json', Buffer.from('{"typeName":"A::B::C"}'));

  it('compares sha256 metadata first and falls back to a single-part ETag', () => {
    expect(sameContent(local, { key: 'a.json', sha256: local.sha256, etag: 'anything' })).toBe(true);
    expect(sameContent(local, { key: 'a.json', sha256: 'other', etag: local.md5 })).toBe(false);
    expect(sameContent(local, { key: 'a.json', etag: local.md5 })).toBe(true);
    expect(sameContent(local, { key: 'a.json', etag: `${local.md5}-2` })).toBe(false);
  });

  it('deletes objects missing locally only when allowed', () => {
    const remote = [{ key: 'p/old.json' }];
    expect(planPublish([local], remote, 'p/', false).map((a) => `${a.kind}:${a.key}`)).toEqual(['add:p/a.json', 'extra:p/old.json']);
    expect(planPublish([local], remote, 'p/', true).map((a) => `${a.kind}:${a.key}`)).toEqual(['add:p/a.json', 'delete:p/old.json']);
  });
});
