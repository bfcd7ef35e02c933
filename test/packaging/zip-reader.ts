import { inflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP reader for the tests, written from the format (APPNOTE), independently of
 * src/packaging/zip.ts: it walks the central directory the way unzip does and checks that
 * each local header agrees with it.
 */
export interface ReadEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly unixMode: number;
  readonly extraLength: number;
  readonly data: Buffer;
}

export function readZip(zip: Buffer): ReadEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const unixMode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = zip.toString('utf8', local + 30, local + 30 + zip.readUInt16LE(local + 26));
    if (localName !== name || zip.readUInt32LE(local + 14) !== crc) throw new Error(`local header of ${name} disagrees with the central directory`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : method === 0 ? Buffer.from(body) : undefined;
    if (!data) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size of ${name} is ${data.length}, the directory says ${size}`);
    entries.push({ name, method, crc, dosTime, dosDate, unixMode, extraLength, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function entryData(entries: readonly ReadEntry[], name: string): Buffer {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} not in the zip (${entries.map((e) => e.name).join(', ')})`);
  return entry.data;
}
