import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IAM_CATALOGUE_FILE } from '../../engine/iam/catalogue';
import { templateFiles } from '../lint/lint-directory';

export interface LocalTemplate {
  readonly name: string;
  readonly body: Buffer;
  /** Hex SHA-256 of the body; stored as the object's `x-amz-meta-sha256`. */
  readonly sha256: string;
  /** Hex MD5: the ETag of a single-part upload without SSE-KMS. */
  readonly md5: string;
}

export function describeBody(name: string, body: Buffer): LocalTemplate {
  return {
    name,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    md5: createHash('md5').update(body).digest('hex'),
  };
}

/**
 * What publish uploads: the IAM catalogue first, when the folder has one (a template that
 * needs it must not arrive before it), then the same files lint checks (never parameters*.json).
 */
export async function readLocalTemplates(dir: string): Promise<LocalTemplate[]> {
  const all = await readdir(dir);
  const names = [...(all.includes(IAM_CATALOGUE_FILE) ? [IAM_CATALOGUE_FILE] : []), ...templateFiles(all)];
  return Promise.all(names.map(async (name) => describeBody(name, await readFile(join(dir, name)))));
}
