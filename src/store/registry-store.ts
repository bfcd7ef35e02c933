import { createHash } from 'node:crypto';
import type { Registry } from '../registry';
import { TemplateNotFoundError } from './errors';
import type { FetchResult, TemplateStore } from './types';

/**
 * The official registry schemas as templates (`rcfge validate --templates @registry`): a
 * registry schema is a valid, permissive template, so a stack is checked against what
 * CloudFormation itself accepts, without any folder of schemas beside the tool.
 */
export class RegistryTemplateStore implements TemplateStore {
  constructor(private readonly registry: Registry) {}

  locationOf(file: string): string {
    return `@registry/${file}`;
  }

  async fetch(file: string, knownEtag?: string): Promise<FetchResult> {
    const location = this.locationOf(file);
    const body = this.registry.text(file);
    if (body === undefined) throw new TemplateNotFoundError(location, 'no registry schema for this type in the snapshot in use (rcfge schemas)');
    const etag = createHash('sha256').update(body).digest('hex');
    if (etag === knownEtag) return { status: 'not-modified' };
    return { status: 'found', object: { file, location, body, etag } };
  }
}
