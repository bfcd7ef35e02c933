import { createHash } from 'node:crypto';
import { repairPatterns } from '../../authoring/init/repair-patterns';
import type { FetchResult, TemplateStore } from '../../store/types';

/**
 * `--templates @registry`: the official schemas as templates, with the patterns the engine
 * cannot run dropped as `rcfge init` drops them (the registry's AWS::EC2::SecurityGroup
 * GroupDescription pattern is not a Java regular expression, so CloudFormation cannot be
 * enforcing it either). Otherwise every resource of such a type would FAIL on a template
 * error, which says nothing about the stack being checked.
 */
export class RunnableRegistryStore implements TemplateStore {
  constructor(private readonly registry: TemplateStore) {}

  locationOf(file: string): string {
    return this.registry.locationOf(file);
  }

  async fetch(file: string, knownEtag?: string): Promise<FetchResult> {
    const result = await this.registry.fetch(file);
    if (result.status !== 'found') return result;
    let schema: unknown;
    try {
      schema = JSON.parse(result.object.body);
    } catch {
      return result; // the engine reports an invalid schema as it is
    }
    if (repairPatterns(schema).length === 0) return knownEtag === result.object.etag ? { status: 'not-modified' } : result;
    const body = JSON.stringify(schema);
    const etag = createHash('sha256').update(body).digest('hex');
    return etag === knownEtag ? { status: 'not-modified' } : { status: 'found', object: { ...result.object, body, etag } };
  }
}
