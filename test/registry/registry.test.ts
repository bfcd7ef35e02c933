import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isTypeName } from '../../src/engine/file-name';
import {
  RegistryError,
  builtInRegistry,
  decodeSnapshot,
  encodeSnapshot,
  installedSnapshotPath,
  openRegistry,
  snapshotOf,
  writeSnapshotFile,
} from '../../src/registry';
import { templateDir } from '../support/template-dir';

describe('the built-in registry snapshot (registry/schemas.json.gz)', () => {
  const registry = builtInRegistry();

  it('holds every us-east-1 resource schema with its source and date', () => {
    expect(registry.info).toMatchObject({ origin: 'built-in', region: 'us-east-1', date: '2025-12-09' });
    expect(registry.info.source).toMatch(/^https:\/\/github\.com\/aws-cloudformation\/cfn-lint\/tree\/[0-9a-f]{40}\//);
    expect(registry.files()).toHaveLength(1504);
    expect(registry.files().filter((f) => !isTypeName(registry.schema(f)?.typeName))).toEqual(['module.json']);
  });

  it('finds a schema by file name and by type name; unknown names give undefined', () => {
    expect(registry.schema('aws-s3-bucket.json')?.typeName).toBe('AWS::S3::Bucket');
    expect(registry.schemaOfType('AWS::EC2::Instance')?.typeName).toBe('AWS::EC2::Instance');
    expect(registry.schemaOfType('AWS::S3::Buckit')).toBeUndefined();
    expect(registry.text('constructor')).toBeUndefined();
  });

  it('gives every caller its own object', () => {
    const first = registry.schema('aws-sqs-queue.json')!;
    first.typeName = 'changed';
    expect(registry.schema('aws-sqs-queue.json')!.typeName).toBe('AWS::SQS::Queue');
  });
});

describe('openRegistry: --schemas DIR, else the installed snapshot, else the built-in one', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'rcfge-home-test-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const install = (schemas: Record<string, unknown>) => {
    const files = new Map(Object.entries(schemas).map(([name, schema]) => [name, JSON.stringify(schema)]));
    writeSnapshotFile(installedSnapshotPath({ RCFGE_HOME: home }), encodeSnapshot(snapshotOf({ source: 'test', date: '2026-01-02', region: 'eu-west-1' }, files)));
  };

  it('uses the built-in snapshot when nothing is installed', () => {
    expect(openRegistry({ env: { RCFGE_HOME: home } }).info.origin).toBe('built-in');
  });

  it('uses the installed snapshot when there is one', () => {
    install({ 'aws-s3-bucket.json': { typeName: 'AWS::S3::Bucket', properties: { Installed: {} } } });
    const registry = openRegistry({ env: { RCFGE_HOME: home } });
    expect(registry.info).toMatchObject({ origin: 'installed', region: 'eu-west-1', date: '2026-01-02', source: 'test' });
    expect(registry.files()).toEqual(['aws-s3-bucket.json']);
    expect(registry.schemaOfType('AWS::S3::Bucket')?.properties).toEqual({ Installed: {} });
  });

  it('uses a folder over any snapshot, reading only plain file names inside it', () => {
    install({ 'aws-s3-bucket.json': { typeName: 'AWS::S3::Bucket' } });
    const folder = templateDir({ 'aws-sqs-queue.json': { typeName: 'AWS::SQS::Queue' }, 'notes.txt': 'x' });
    const registry = openRegistry({ dir: folder.dir, env: { RCFGE_HOME: home } });
    expect(registry.info.origin).toBe('directory');
    expect(registry.files()).toEqual(['aws-sqs-queue.json']);
    expect(registry.schema('aws-s3-bucket.json')).toBeUndefined();
    expect(registry.text('../aws-sqs-queue.json')).toBeUndefined();
    folder.remove();
  });

  it('refuses a folder that does not exist', () => {
    expect(() => openRegistry({ dir: join(home, 'missing') })).toThrow(RegistryError);
  });

  it('names the file when the installed snapshot is corrupt', () => {
    const path = installedSnapshotPath({ RCFGE_HOME: home });
    writeSnapshotFile(path, Buffer.from('not gzip'));
    expect(() => openRegistry({ env: { RCFGE_HOME: home } })).toThrow(`registry snapshot ${path} is not a gzip-compressed JSON document`);
  });

  it('sees a snapshot replaced during the process', () => {
    install({ 'aws-s3-bucket.json': { typeName: 'AWS::S3::Bucket' } });
    expect(openRegistry({ env: { RCFGE_HOME: home } }).files()).toEqual(['aws-s3-bucket.json']);
    const path = installedSnapshotPath({ RCFGE_HOME: home });
    rmSync(path);
    install({ 'aws-sqs-queue.json': { typeName: 'AWS::SQS::Queue' } });
    expect(openRegistry({ env: { RCFGE_HOME: home } }).files()).toEqual(['aws-sqs-queue.json']);
  });
});

describe('snapshot format', () => {
  it('round-trips schemas (minified), source, date and region; the bytes depend on content only', () => {
    const files = new Map([
      ['aws-sqs-queue.json', '{\n  "typeName": "AWS::SQS::Queue"\n}'],
      ['aws-s3-bucket.json', '{"typeName": "AWS::S3::Bucket"}'],
    ]);
    const meta = { source: 'https://example.test/CloudformationSchema.zip', date: '2026-02-03', region: 'eu-west-1' };
    const bytes = encodeSnapshot(snapshotOf(meta, files));
    expect(decodeSnapshot(bytes, 'x')).toEqual({ ...meta, schemas: { 'aws-s3-bucket.json': '{"typeName":"AWS::S3::Bucket"}', 'aws-sqs-queue.json': '{"typeName":"AWS::SQS::Queue"}' } });
    expect(encodeSnapshot(snapshotOf(meta, new Map([...files].reverse()))).equals(bytes)).toBe(true);
  });

  it.each([
    [new Map([['aws-s3-bucket.json', '{']]), /aws-s3-bucket.json is not valid JSON/],
    [new Map([['aws-s3-bucket.json', '[]']]), /aws-s3-bucket.json is not a JSON object/],
    [new Map([['../evil.json', '{}']]), /not a registry schema file name/],
    [new Map(), /no registry schemas/],
  ])('refuses what is not a set of schemas (%#)', (files, message) => {
    expect(() => snapshotOf({ source: 's', date: '2026-01-01', region: '' }, files)).toThrow(message);
  });

  it('refuses a gzip document of another format', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rcfge-snap-')), 's.json.gz');
    writeFileSync(path, gzipSync('{"schemas": {}}'));
    expect(() => decodeSnapshot(readFileSync(path), path)).toThrow(/is not in the rcfge-registry-snapshot\/1 format/);
    rmSync(path);
  });
});
