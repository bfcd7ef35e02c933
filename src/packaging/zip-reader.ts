import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';
import { ZipError } from './errors';

/**
 * A ZIP reader written from the format (APPNOTE), independently of the writer in zip.ts (the
 * packaging tests check one with the other): it walks the central directory the way unzip
 * does, checks each local header against it and each entry's CRC. It reads what
 * `rcfge schemas update` downloads, so it bounds what an archive may expand to.
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

export interface ReadZipOptions {
  /** Largest total of uncompressed bytes accepted (a zip bomb stops here). Default 512 MiB. */
  readonly maxTotalBytes?: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DATA_DESCRIPTOR_FLAG = 0x0008;

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipError('not a zip archive (no end of central directory record)');
}

function inflate(body: Buffer, size: number, name: string): Buffer {
  try {
    return inflateRawSync(body, { maxOutputLength: Math.max(size, 1) });
  } catch (error) {
    throw new ZipError(`cannot inflate ${name}: ${(error as Error).message}`);
  }
}

export function readZip(zip: Buffer, options: ReadZipOptions = {}): ReadEntry[] {
  const maxTotal = options.maxTotalBytes ?? 512 * 1024 * 1024;
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
  const entries: ReadEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError(`bad central directory header at ${at}`);
    const flags = zip.readUInt16LE(at + 8);
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
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new ZipError(`bad local header for ${name}`);
    const localNameLength = zip.readUInt16LE(local + 26);
    const localName = zip.toString('utf8', local + 30, local + 30 + localNameLength);
    // With a data descriptor (flag bit 3) the local header's CRC and sizes are zero: the directory's count.
    const localCrcAgrees = (flags & DATA_DESCRIPTOR_FLAG) !== 0 || zip.readUInt32LE(local + 14) === crc;
    if (localName !== name || !localCrcAgrees) throw new ZipError(`local header of ${name} disagrees with the central directory`);
    if (name.endsWith('/')) continue; // a directory record
    total += size;
    if (total > maxTotal) throw new ZipError(`archive expands to more than ${maxTotal} bytes`);
    const start = local + 30 + localNameLength + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw new ZipError(`${name} runs past the end of the archive`);
    const body = zip.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 8) data = inflate(body, size, name);
    else if (method === 0) data = Buffer.from(body);
    else throw new ZipError(`unsupported compression method ${method} for ${name}`);
    if (data.length !== size) throw new ZipError(`size of ${name} is ${data.length}, the directory says ${size}`);
    if (crc32(data) !== crc) throw new ZipError(`CRC of ${name} does not match (corrupt archive)`);
    entries.push({ name, method, crc, dosTime, dosDate, unixMode, extraLength, data });
  }
  return entries;
}

export function entryData(entries: readonly ReadEntry[], name: string): Buffer {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new ZipError(`${name} not in the zip (${entries.map((e) => e.name).join(', ')})`);
  return entry.data;
}
