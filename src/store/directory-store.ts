import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TemplateNotFoundError, TemplateStoreError } from './errors';
import type { FetchResult, TemplateStore } from './types';

/** Templates in a local folder (`templates/`, or the registry schemas): same interface as S3. */
export class DirectoryTemplateStore implements TemplateStore {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  locationOf(file: string): string {
    return resolve(this.root, file);
  }

  async fetch(file: string, knownEtag?: string): Promise<FetchResult> {
    const location = this.locationOf(file);
    let body: string;
    try {
      body = await readFile(location, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new TemplateNotFoundError(location, 'file not found', { cause: error });
      if (code === 'EACCES') throw new TemplateNotFoundError(location, 'permission denied', { cause: error });
      throw new TemplateStoreError(location, (error as Error).message, 'InternalFailure', { cause: error });
    }
    const etag = createHash('sha256').update(body).digest('hex');
    if (etag === knownEtag) return { status: 'not-modified' };
    return { status: 'found', object: { file, location, body, etag } };
  }
}
