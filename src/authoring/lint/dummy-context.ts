import type { PlaceholderContext } from '../../engine/placeholders';

const PARAM = /^\$<param:([A-Za-z0-9_.-]+)>$/;
const ANY_PARAM = /\$<param:([A-Za-z0-9_.-]+)>/g;

/**
 * Parameters used only as whole list elements where lists splice (an `enum`, the lists of
 * policyStatement's options) may be lists; a parameter used anywhere else inside a string
 * must be a plain string.
 */
function listParameters(template: unknown): Map<string, 'values' | 'actions'> {
  const inList = new Map<string, 'values' | 'actions'>();
  const inText = new Set<string>();
  const visit = (node: unknown, splices: 'values' | 'actions' | undefined, inOptions = false): void => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(ANY_PARAM)) inText.add(m[1]);
    } else if (Array.isArray(node)) {
      for (const item of node) {
        const whole = splices && typeof item === 'string' ? PARAM.exec(item) : null;
        if (whole) inList.set(whole[1], splices as 'values' | 'actions');
        else visit(item, undefined);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) {
        visit(k, undefined);
        visit(child, inOptions ? 'actions' : k === 'enum' ? 'values' : undefined, k === 'policyStatement');
      }
    }
  };
  visit(template, undefined);
  for (const name of inText) inList.delete(name);
  return inList;
}

/** A list value that compiles where the parameter is used (policyStatement's lists hold actions). */
function dummyList(name: string, kind: 'values' | 'actions'): string[] {
  return kind === 'actions' ? ['lint:Action1', 'lint:Action2'] : [`lint-${name}-1`, `lint-${name}-2`];
}

/**
 * A plausible context so that a template compiles exactly as it would in the Hook:
 * placeholders never hide a compile error, and no real account data is needed.
 */
export function dummyContext(template: Record<string, unknown>): PlaceholderContext {
  const lists = listParameters(template);
  const params: Record<string, string | string[]> = {};
  for (const m of JSON.stringify(template).matchAll(ANY_PARAM)) {
    const name = m[1];
    const list = lists.get(name);
    params[name] = list ? dummyList(name, list) : `lint-${name}`;
  }
  const typeName = typeof template.typeName === 'string' ? template.typeName : 'Lint::Dummy::Type';
  return {
    accountID: '123456789012',
    region: 'us-east-1',
    partition: 'aws',
    stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/lint-stack/00000000-0000-0000-0000-000000000000',
    stackName: 'lint-stack',
    logicalResourceId: 'LintResource',
    typeName,
    hookTypeName: 'RCFGE::Config::Hook',
    params,
  };
}
