import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { templateFileName } from '../engine/file-name';
import { RegistryError } from './errors';
import { builtInSnapshotPath, installedSnapshotPath } from './locations';
import { type Snapshot, decodeSnapshot } from './snapshot';

/** Where the schemas in use come from: `--schemas DIR`, the snapshot `rcfge schemas update` installed, or the one shipped with rcfge. */
export type RegistryOrigin = 'directory' | 'installed' | 'built-in';

export interface RegistryInfo {
  readonly origin: RegistryOrigin;
  /** The folder, or the snapshot file. */
  readonly location: string;
  /** Where the schemas came from (URL, repository and commit; the folder for a directory). */
  readonly source: string;
  /** YYYY-MM-DD; "" when unknown (a folder). */
  readonly date: string;
  /** "" when unknown (a folder). */
  readonly region: string;
}

/** The CloudFormation registry resource schemas, by registry file name (`aws-s3-bucket.json`) or type name. */
export interface Registry {
  readonly info: RegistryInfo;
  /** Schema file names, sorted. */
  files(): readonly string[];
  /** The schema's JSON text, or undefined when the registry has no such file. */
  text(file: string): string | undefined;
  /** A fresh parse of the schema (the caller owns it), or undefined. Throws RegistryError on invalid JSON. */
  schema(file: string): Record<string, unknown> | undefined;
  /** `AWS::S3::Bucket` -> the schema of `aws-s3-bucket.json`. */
  schemaOfType(typeName: string): Record<string, unknown> | undefined;
}

abstract class BaseRegistry implements Registry {
  abstract readonly info: RegistryInfo;
  abstract files(): readonly string[];
  abstract text(file: string): string | undefined;

  schema(file: string): Record<string, unknown> | undefined {
    const text = this.text(file);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new RegistryError(`registry schema ${file} in ${this.info.location} is not valid JSON (${(error as Error).message})`, { cause: error });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RegistryError(`registry schema ${file} in ${this.info.location} is not a JSON object`);
    return parsed as Record<string, unknown>;
  }

  schemaOfType(typeName: string): Record<string, unknown> | undefined {
    return this.schema(templateFileName(typeName));
  }
}

class SnapshotRegistry extends BaseRegistry {
  readonly info: RegistryInfo;
  private readonly names: readonly string[];

  constructor(
    origin: RegistryOrigin,
    location: string,
    private readonly snapshot: Snapshot,
  ) {
    super();
    this.info = { origin, location, source: snapshot.source, date: snapshot.date, region: snapshot.region };
    this.names = Object.keys(snapshot.schemas).sort();
  }

  files(): readonly string[] {
    return this.names;
  }

  text(file: string): string | undefined {
    return Object.hasOwn(this.snapshot.schemas, file) ? this.snapshot.schemas[file] : undefined;
  }
}

/** A folder of schema files, read on demand (a lookup reads one file). */
class DirectoryRegistry extends BaseRegistry {
  readonly info: RegistryInfo;
  private names: readonly string[] | undefined;

  constructor(private readonly dir: string) {
    super();
    this.info = { origin: 'directory', location: dir, source: dir, date: '', region: '' };
  }

  files(): readonly string[] {
    this.names ??= readdirSync(this.dir).filter((name) => name.endsWith('.json')).sort();
    return this.names;
  }

  text(file: string): string | undefined {
    // Only a plain file name: `../x.json` must not reach outside the folder.
    if (file.includes('/') || file.includes('\\') || !file.endsWith('.json')) return undefined;
    try {
      return readFileSync(resolve(this.dir, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return undefined;
      throw new RegistryError(`cannot read ${file} in ${this.dir}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Decoded snapshots by path and file identity: tests and long runs open the registry many times. */
const loaded = new Map<string, { identity: string; snapshot: Snapshot }>();

function loadSnapshot(origin: RegistryOrigin, path: string): Registry {
  // An update renames a new file into place: a new inode, whatever the clock's resolution.
  const info = statSync(path);
  const identity = `${info.ino}:${info.size}:${info.mtimeMs}`;
  let entry = loaded.get(path);
  if (entry?.identity !== identity) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new RegistryError(`cannot read registry snapshot ${path}: ${(error as Error).message}`, { cause: error });
    }
    entry = { identity, snapshot: decodeSnapshot(bytes, path) };
    loaded.set(path, entry);
  }
  return new SnapshotRegistry(origin, path, entry.snapshot);
}

export interface OpenRegistryOptions {
  /** `--schemas DIR`: a folder of schema files; wins over any snapshot. Relative to `cwd`. */
  readonly dir?: string;
  readonly cwd?: string;
  /** Where to look for an installed snapshot (`RCFGE_HOME`, `XDG_DATA_HOME`, `HOME`); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The snapshot shipped with rcfge, whatever is installed: what tests use. */
export function builtInRegistry(): Registry {
  const path = builtInSnapshotPath();
  if (!existsSync(path)) throw new RegistryError(`the built-in registry snapshot ${path} is missing (a broken installation: reinstall rcfge)`);
  return loadSnapshot('built-in', path);
}

/** The registry in use: `dir` if given, else the snapshot `rcfge schemas update` installed, else the built-in one. */
export function openRegistry(options: OpenRegistryOptions = {}): Registry {
  if (options.dir !== undefined) {
    const dir = resolve(options.cwd ?? process.cwd(), options.dir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RegistryError(`--schemas ${options.dir} is not a directory`);
    return new DirectoryRegistry(dir);
  }
  const installed = installedSnapshotPath(options.env ?? process.env);
  if (existsSync(installed)) return loadSnapshot('installed', installed);
  return builtInRegistry();
}

/** One line for people: which schemas, from where, of when. */
export function describeRegistry(registry: Registry): string {
  const { origin, location, date, region } = registry.info;
  const count = `${registry.files().length.toLocaleString('en-US')} schemas`;
  if (origin === 'directory') return `schemas folder ${location} (${count})`;
  const what = origin === 'built-in' ? 'built-in registry snapshot' : 'installed registry snapshot';
  return `${what} (${count}, ${region || 'region unknown'}, ${date || 'date unknown'})`;
}
