import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { crc32 } from '../../src/packaging/crc32';
import { ZipError } from '../../src/packaging/errors';
import { writeZip, type ZipEntry } from '../../src/packaging/zip';
import { readZip } from '../../src/packaging/zip-reader';

const HAS_UNZIP = spawnSync('unzip', ['-v']).status === 0;

const sample: ZipEntry[] = [
  { name: 'schema.json', data: Buffer.from('{"a": 1}\n'.repeat(50)) },
  { name: 'dist/handlers.js', data: Buffer.from('exports.entrypoint = async () => ({});\n'.repeat(100)) },
  { name: '.rpdk-config', data: Buffer.from('{}'), method: 'store' },
];

describe('crc32', () => {
  test('agrees with zlib on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => crc32(bytes) === zlib.crc32(bytes)));
  });

  test('matches the check value of the standard ("123456789" -> cbf43926)', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('writeZip', () => {
  test('round-trips names and contents, sorted by name', () => {
    // Prepare / Act
    const entries = readZip(writeZip(sample));
    // Assess
    expect(entries.map((e) => e.name)).toEqual(['.rpdk-config', 'dist/handlers.js', 'schema.json']);
    for (const original of sample) expect(entries.find((e) => e.name === original.name)?.data.equals(original.data)).toBe(true);
  });

  test('fixes timestamp, mode and extra fields, whatever the clock or umask', () => {
    const entries = readZip(writeZip(sample));
    for (const entry of entries) {
      expect(entry.dosDate).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
      expect(entry.dosTime).toBe(0);
      expect(entry.unixMode).toBe(0o100644);
      expect(entry.extraLength).toBe(0);
      expect(entry.crc).toBe(zlib.crc32(entry.data));
    }
  });

  test('gives the same bytes for the same entries in any order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(sample, { minLength: sample.length, maxLength: sample.length }), (shuffled) => writeZip(shuffled).equals(writeZip(sample))),
    );
  });

  test('deflates compressible data, stores what is asked to be stored and what does not shrink', () => {
    const noise = randomBytes(4096);
    const entries = readZip(writeZip([...sample, { name: 'noise.bin', data: noise }]));
    const method = (name: string) => entries.find((e) => e.name === name)?.method;
    expect(method('dist/handlers.js')).toBe(8);
    expect(method('.rpdk-config')).toBe(0);
    expect(method('noise.bin')).toBe(0);
    expect(entries.find((e) => e.name === 'noise.bin')?.data.equals(noise)).toBe(true);
  });

  test('refuses duplicate and unsafe names', () => {
    const data = Buffer.from('x');
    expect(() => writeZip([{ name: 'a', data }, { name: 'a', data }])).toThrow(ZipError);
    for (const name of ['', '/etc/passwd', '../up', 'a/../b', 'a//b', 'dir/', 'win\\path']) {
      expect(() => writeZip([{ name, data }])).toThrow(ZipError);
    }
  });

  test('an empty archive is just the end record', () => {
    expect(writeZip([])).toHaveLength(22);
  });

  (HAS_UNZIP ? test : test.skip)('unzip accepts the archive and lists the same entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-zip-'));
    try {
      const file = join(dir, 'sample.zip');
      writeFileSync(file, writeZip([...sample, { name: 'ünïcode.txt', data: Buffer.from('é') }]));
      expect(spawnSync('unzip', ['-tq', file]).status).toBe(0);
      const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
      expect(listing).toEqual(['.rpdk-config', 'dist/handlers.js', 'schema.json', 'ünïcode.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
