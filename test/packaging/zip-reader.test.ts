import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/packaging/crc32';
import { ZipError } from '../../src/packaging/errors';
import { writeZip } from '../../src/packaging/zip';
import { readZip } from '../../src/packaging/zip-reader';

/**
 * A streamed entry as zip tools write to pipes (flag bit 3): zeros for CRC and sizes in the
 * local header, the real values in a data descriptor after the data and in the directory.
 */
function streamedZip(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0008, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(nameBytes.length, 26);
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc32(data), 4);
  descriptor.writeUInt32LE(body.length, 8);
  descriptor.writeUInt32LE(data.length, 12);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0008, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralAt = local.length + nameBytes.length + body.length + descriptor.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, nameBytes, body, descriptor, central, nameBytes, end]);
}

describe('readZip', () => {
  it('reads entries written with a data descriptor (local header CRC and sizes zero)', () => {
    const data = Buffer.from('{"typeName": "AWS::S3::Bucket"}'.repeat(20));
    const [entry] = readZip(streamedZip('aws-s3-bucket.json', data));
    expect(entry.name).toBe('aws-s3-bucket.json');
    expect(entry.data.equals(data)).toBe(true);
  });

  (spawnSync('zip', ['-v']).status === 0 ? it : it.skip)('reads what Info-ZIP writes, folders and streamed entries included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-zip-'));
    writeFileSync(join(dir, 'a.json'), '{"a": 1}');
    const zip = spawnSync('sh', ['-c', 'mkdir -p sub && echo hi > sub/b.txt && zip -q -r - a.json sub | cat > out.zip'], { cwd: dir });
    expect(zip.status).toBe(0);
    const entries = readZip(readFileSync(join(dir, 'out.zip')));
    rmSync(dir, { recursive: true, force: true });
    expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([
      ['a.json', '{"a": 1}'],
      ['sub/b.txt', 'hi\n'],
    ]);
  });

  it('detects a corrupt entry by its CRC', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello'), method: 'store' }]);
    zip[30 + 'a.txt'.length] ^= 0xff; // first data byte
    expect(() => readZip(zip)).toThrow(/CRC of a.txt does not match/);
  });

  it('stops an archive that expands beyond the limit', () => {
    const zip = writeZip([{ name: 'zeros.bin', data: Buffer.alloc(1024 * 1024) }]);
    expect(() => readZip(zip, { maxTotalBytes: 1024 })).toThrow(/expands to more than 1024 bytes/);
  });

  it.each([
    [Buffer.from('<html>not found</html>'), /not a zip archive/],
    [writeZip([{ name: 'a.txt', data: Buffer.from('x'.repeat(100)) }]).subarray(0, 40), /not a zip archive/],
  ])('refuses what is not a whole zip (%#)', (bytes, message) => {
    expect(() => readZip(bytes)).toThrow(ZipError);
    expect(() => readZip(bytes)).toThrow(message);
  });
});
