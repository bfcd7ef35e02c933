import { joinPointer } from '../../engine/pointer';
import type { RuleFinding } from './finding';

const PARAM = /\$<param:([^<>]*)>/g;

/** Every `$<param:NAME>` of a template, with where it is (string values and property names alike). */
export function paramsUsed(template: unknown): Array<{ name: string; pointer: string }> {
  const used: Array<{ name: string; pointer: string }> = [];
  const scan = (text: string, pointer: string) => {
    for (const m of text.matchAll(PARAM)) used.push({ name: m[1], pointer });
  };
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node === 'string') scan(node, pointer);
    else if (Array.isArray(node)) node.forEach((item, i) => visit(item, joinPointer(pointer, i)));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = joinPointer(pointer, key);
        scan(key, at);
        visit(child, at);
      }
    }
  };
  visit(template, '');
  return used;
}

/**
 * `rcfge lint --params-file FILE`: every `$<param:NAME>` must have a value in the file (the
 * TemplateParameters the Hook will be configured with), else the Hook refuses every resource
 * of the type (an unknown placeholder fails closed).
 */
export function checkParams(template: unknown, params: Readonly<Record<string, unknown>>, paramsFile: string): RuleFinding[] {
  return paramsUsed(template)
    .filter(({ name }) => !Object.hasOwn(params, name))
    .map(({ name, pointer }) => ({
      path: pointer,
      rule: 'param-undefined',
      severity: 'error',
      message: `$<param:${name}> has no value in ${paramsFile}: the Hook would refuse every resource of this type (add "${name}" to the file and to TemplateParameters)`,
    }));
}
