import { gunzipSync, gzipSync } from 'node:zlib';
import { RegistryError } from './errors';

/**
 * A registry snapshot: every resource schema of a region, with where and when it came
 * from, as one gzip-compressed JSON document. The same format serves the built-in copy
 * (registry/schemas.json.gz in the package) and the one `rcfge schemas update` installs.
 * Schemas are kept as their (minified) JSON text: a lookup parses only the one it needs,
 * and every caller gets its own object.
 */
export const SNAPSHOT_FORMAT = 'rcfge-registry-snapshot/1';

export interface SnapshotMeta {
  /** Where the schemas came from: a URL, or a repository, folder and commit. */
  readonly source: string;
  /** When they were published or retrieved, YYYY-MM-DD. */
  readonly date: string;
  /** The AWS region they describe ("" when unknown). */
  readonly region: string;
}

export interface Snapshot extends SnapshotMeta {
  /** Registry file name (`aws-s3-bucket.json`) -> schema JSON text. */
  readonly schemas: Readonly<Record<string, string>>;
}

/** A schema file name as the registry spells it: lower case, `::` as `-`. */
export const SCHEMA_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.json$/;

/** Minified JSON text of each schema, checked to be a JSON object; names sorted, so the bytes depend on content only. */
export function snapshotOf(meta: SnapshotMeta, files: ReadonlyMap<string, string>): Snapshot {
  const schemas: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) {
    if (!SCHEMA_FILE.test(name)) throw new RegistryError(`${name} is not a registry schema file name (aws-s3-bucket.json)`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(files.get(name)!);
    } catch (error) {
      throw new RegistryError(`${name} is not valid JSON (${(error as Error).message})`, { cause: error });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RegistryError(`${name} is not a JSON object`);
    schemas[name] = JSON.stringify(parsed);
  }
  if (Object.keys(schemas).length === 0) throw new RegistryError('no registry schemas (*.json) to put in the snapshot');
  return { source: meta.source, date: meta.date, region: meta.region, schemas };
}

export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const document = { format: SNAPSHOT_FORMAT, source: snapshot.source, date: snapshot.date, region: snapshot.region, schemas: snapshot.schemas };
  return gzipSync(JSON.stringify(document), { level: 9 });
}

/** Reads a snapshot file's bytes; `where` names the file in errors. */
export function decodeSnapshot(bytes: Buffer, where: string): Snapshot {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(gunzipSync(bytes).toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new RegistryError(`registry snapshot ${where} is not a gzip-compressed JSON document (${(error as Error).message})`, { cause: error });
  }
  const schemas = document?.schemas;
  if (document?.format !== SNAPSHOT_FORMAT || typeof schemas !== 'object' || schemas === null) {
    throw new RegistryError(`registry snapshot ${where} is not in the ${SNAPSHOT_FORMAT} format`);
  }
  const text = (key: string) => (typeof document[key] === 'string' ? (document[key] as string) : '');
  return { source: text('source'), date: text('date'), region: text('region'), schemas: schemas as Record<string, string> };
}
