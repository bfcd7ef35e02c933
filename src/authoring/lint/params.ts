import { joinPointer } from '../../engine/pointer';
import { OPTIONAL_LIST_OPTIONS } from '../../engine/vocabulary';
import type { RuleFinding } from './finding';

const PARAM = /\$<param:([^<>]*)>/g;

/**
 * Every `$<param:NAME>` of a template, with where it is (string values and property names alike).
 * `optional`: it stands alone in an option list where an undefined parameter means no element
 * (policyStatement's `approved`: nothing approved), so the Hook needs no value for it.
 */
export function paramsUsed(template: unknown): Array<{ name: string; pointer: string; optional: boolean }> {
  const used: Array<{ name: string; pointer: string; optional: boolean }> = [];
  const scan = (text: string, pointer: string, optionalList: boolean) => {
    const whole = optionalList && /^\$<param:[^<>]*>$/.test(text);
    for (const m of text.matchAll(PARAM)) used.push({ name: m[1], pointer, optional: whole });
  };
  const visit = (node: unknown, pointer: string, optionalList = false): void => {
    if (typeof node === 'string') scan(node, pointer, optionalList);
    else if (Array.isArray(node)) node.forEach((item, i) => visit(item, joinPointer(pointer, i), optionalList));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = joinPointer(pointer, key);
        scan(key, at, false);
        const options = OPTIONAL_LIST_OPTIONS.get(key);
        if (options && child !== null && typeof child === 'object' && !Array.isArray(child)) {
          for (const [option, list] of Object.entries(child)) visit(list, joinPointer(at, option), options.has(option) && Array.isArray(list));
        } else visit(child, at);
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
    .filter(({ name, optional }) => !optional && !Object.hasOwn(params, name))
    .map(({ name, pointer }) => ({
      path: pointer,
      rule: 'param-undefined',
      severity: 'error',
      message: `$<param:${name}> has no value in ${paramsFile}: the Hook would refuse every resource of this type (add "${name}" to the file and to TemplateParameters)`,
    }));
}
