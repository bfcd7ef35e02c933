import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStackId, readStackTemplate, resolveResource } from '../../src/cfn';
import type { PlaceholderContext } from '../../src/engine/placeholders';
import { ROOT, TEMPLATES_DIR } from './hook-fixtures';

export interface CorpusResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly typeName: string;
  readonly properties: Record<string, unknown>;
  readonly expected: 'PASS' | 'FAIL';
}

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const STACK_NAME = 'fuzz-stack';

export const TEMPLATE_PARAMETERS: Record<string, string | string[]> = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'parameters.example.json'), 'utf8'));

/** The placeholder context the example stacks were written for. */
export function corpusContext(typeName: string, logicalId: string): PlaceholderContext {
  return {
    accountID: ACCOUNT,
    region: REGION,
    partition: 'aws',
    stackId: defaultStackId({ accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: STACK_NAME }),
    stackName: STACK_NAME,
    logicalResourceId: logicalId,
    typeName,
    hookTypeName: 'RCFGE::Config::Hook',
    params: TEMPLATE_PARAMETERS,
  };
}

/**
 * Fully resolved resources of the example stacks: realistic starting points for
 * mutation (random objects mostly die at the first `additionalProperties`).
 * Resources with deploy-time values are left out: their verdict needs `unresolved`.
 */
export function loadCorpus(): CorpusResource[] {
  const dir = join(ROOT, 'examples', 'stacks');
  const out: CorpusResource[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const template = readStackTemplate(join(dir, file));
    for (const resource of template.resources) {
      const resolved = resolveResource(template, resource, {
        accountId: ACCOUNT,
        region: REGION,
        partition: 'aws',
        stackName: STACK_NAME,
        stackId: defaultStackId({ accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: STACK_NAME }),
        parameterOverrides: {},
      });
      if (resolved.unresolved.length > 0 || resolved.conditionFalse) continue;
      out.push({
        stack: file,
        logicalId: resource.logicalId,
        typeName: resource.type,
        properties: (resolved.properties ?? {}) as Record<string, unknown>,
        expected: file.includes('-noncompliant') ? 'FAIL' : 'PASS',
      });
    }
  }
  return out;
}
