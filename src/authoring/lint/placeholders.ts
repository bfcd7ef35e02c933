import { isKnownPlaceholderName } from '../../engine/placeholders';
import { joinPointer } from '../../engine/pointer';
import { BUILT_IN_PLACEHOLDERS } from '../../engine/placeholders';
import { didYouMean } from '../suggest';
import type { RuleFinding } from './finding';

const PLACEHOLDER = /\$<([^<>]*)>/g;

/** Every unknown `$<name>`, where it is: the Hook would refuse the whole template (fail closed). */
export function checkPlaceholders(template: unknown): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const report = (text: string, pointer: string): void => {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (isKnownPlaceholderName(m[1])) continue;
      const hint = didYouMean(m[1], BUILT_IN_PLACEHOLDERS);
      findings.push({
        path: pointer,
        rule: 'placeholder',
        severity: 'error',
        message: `unknown placeholder $<${m[1]}>${hint}; known: ${BUILT_IN_PLACEHOLDERS.map((n) => `$<${n}>`).join(', ')} and $<param:NAME>`,
      });
    }
  };
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node === 'string') report(node, pointer);
    else if (Array.isArray(node)) node.forEach((item, i) => visit(item, joinPointer(pointer, i)));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = joinPointer(pointer, key);
        report(key, at);
        visit(child, at);
      }
    }
  };
  visit(template, '');
  return findings;
}
