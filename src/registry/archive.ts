import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ZipError } from '../packaging/errors';
import { readZip } from '../packaging/zip-reader';
import { RegistryDownloadError, RegistryError } from './errors';
import { SCHEMA_FILE } from './snapshot';

/**
 * The schema files of an archive as CloudFormation publishes it per region
 * (CloudformationSchema.zip: one `aws-s3-bucket.json` per resource type), or of a folder.
 * Other entries (folders, read-me files) are ignored.
 */
export function schemasFromZip(bytes: Buffer, where: string): Map<string, string> {
  let entries;
  try {
    entries = readZip(bytes, { maxTotalBytes: 256 * 1024 * 1024 });
  } catch (error) {
    if (error instanceof ZipError) throw new RegistryDownloadError(`${where} is not a usable zip archive: ${error.message}`, { cause: error });
    throw error;
  }
  const files = new Map<string, string>();
  for (const entry of entries) {
    const name = basename(entry.name);
    if (!SCHEMA_FILE.test(name)) continue;
    if (files.has(name)) throw new RegistryDownloadError(`${where} holds ${name} twice`);
    files.set(name, entry.data.toString('utf8'));
  }
  if (files.size === 0) throw new RegistryDownloadError(`${where} holds no registry schema files (aws-*.json)`);
  return files;
}

export function schemasFromDirectory(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (SCHEMA_FILE.test(name) && statSync(join(dir, name)).isFile()) files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  if (files.size === 0) throw new RegistryError(`${dir} holds no registry schema files (aws-*.json)`);
  return files;
}
