import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';
import { ZipError } from './errors';

/**
 * A small, deterministic ZIP writer: the same entries give the same bytes, whatever the
 * clock, the umask or the order the caller lists them in. Every entry gets the same
 * timestamp (1980-01-01 00:00, the earliest DOS time), mode 0644, no extra fields and no
 * directory records (Lambda and the CloudFormation registry need neither; the CloudFormation
 * CLI writes none either). Only what ZIP readers all agree on: plain (non-ZIP64) records,
 * methods 0 (stored) and 8 (deflate).
 */

export interface ZipEntry {
  /** Forward-slash path inside the archive, e.g. `dist/handlers.js`. */
  readonly name: string;
  readonly data: Uint8Array;
  /** `store` for content that is already compressed (a zip in a zip). Default: deflate. */
  readonly method?: 'deflate' | 'store';
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const UNIX_FILE_MODE = 0o100644;
const VERSION_MADE_BY = (3 << 8) | 20; // host UNIX (so the mode is honoured), spec 2.0
const MAX_PLAIN = 0xffffffff;

function checkName(name: string): void {
  const segments = name.split('/');
  const unsafe = name === '' || name.startsWith('/') || name.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..');
  if (unsafe) throw new ZipError(`unsafe zip entry name ${JSON.stringify(name)}`);
}

interface Prepared {
  readonly name: Buffer;
  readonly utf8: boolean;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
  readonly body: Uint8Array;
}

function prepare(entry: ZipEntry): Prepared {
  checkName(entry.name);
  const name = Buffer.from(entry.name, 'utf8');
  const utf8 = name.length !== entry.name.length;
  const data = entry.data;
  if (data.length >= MAX_PLAIN) throw new ZipError(`${entry.name} is too large for a plain ZIP (${data.length} bytes)`);
  const deflated = entry.method === 'store' ? undefined : deflateRawSync(data, { level: 9 });
  // Deflate only when it pays; the choice depends on the bytes alone, so it is deterministic too.
  const useDeflate = deflated !== undefined && deflated.length < data.length;
  return { name, utf8, method: useDeflate ? 8 : 0, crc: crc32(data), size: data.length, body: useDeflate ? deflated : data };
}

/** The fields local and central headers share, from "version needed" to "name length" (ZIP APPNOTE 4.3.7, 4.3.12). */
function writeEntryFields(h: Buffer, p: Prepared, at: number): void {
  h.writeUInt16LE(p.method === 8 ? 20 : 10, at);
  h.writeUInt16LE(p.utf8 ? 0x0800 : 0, at + 2);
  h.writeUInt16LE(p.method, at + 4);
  h.writeUInt16LE(DOS_TIME, at + 6);
  h.writeUInt16LE(DOS_DATE, at + 8);
  h.writeUInt32LE(p.crc, at + 10);
  h.writeUInt32LE(p.body.length, at + 14);
  h.writeUInt32LE(p.size, at + 18);
  h.writeUInt16LE(p.name.length, at + 22);
}

function localHeader(p: Prepared): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  writeEntryFields(h, p, 4);
  h.writeUInt16LE(0, 28); // extra length
  return h;
}

function centralHeader(p: Prepared, offset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(VERSION_MADE_BY, 4);
  writeEntryFields(h, p, 6);
  // extra length, comment length, disk number, internal attributes: all 0
  h.writeUInt32LE((UNIX_FILE_MODE << 16) >>> 0, 38);
  h.writeUInt32LE(offset, 42);
  return h;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(count, 8);
  h.writeUInt16LE(count, 10);
  h.writeUInt32LE(size, 12);
  h.writeUInt32LE(offset, 16);
  return h;
}

/** The archive bytes. Entries are sorted by name (byte order), so callers need not care. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].name === sorted[i - 1].name) throw new ZipError(`duplicate zip entry ${JSON.stringify(sorted[i].name)}`);
  }
  if (sorted.length > 0xffff) throw new ZipError(`too many zip entries (${sorted.length})`);
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of sorted.map(prepare)) {
    const header = localHeader(p);
    parts.push(header, p.name, p.body);
    central.push(centralHeader(p, offset), p.name);
    offset += header.length + p.name.length + p.body.length;
    if (offset >= MAX_PLAIN) throw new ZipError('archive too large for a plain ZIP');
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  return Buffer.concat([...parts, ...central, endOfCentralDirectory(sorted.length, centralSize, offset)]);
}
