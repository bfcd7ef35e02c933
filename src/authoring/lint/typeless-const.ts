import { isRecord, subSchemas } from '../../engine/schema-walk';
import { joinPointer } from '../../engine/pointer';
import type { RuleFinding } from './finding';

/** Subschemas that apply to the same value as their parent: a `type` there coerces it for them too. */
const SAME_VALUE = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependencies']);

function impliedType(values: readonly unknown[]): string | undefined {
  const kinds = new Set(values.filter((v) => typeof v === 'boolean' || typeof v === 'number').map((v) => (typeof v === 'boolean' ? 'boolean' : Number.isInteger(v) ? 'integer' : 'number')));
  if (kinds.size === 0) return undefined;
  if (kinds.size === 1) return [...kinds][0];
  return kinds.has('boolean') ? 'boolean" or "number' : 'number';
}

/**
 * CloudFormation sends `true` and `5` as the strings "true" and "5". The engine coerces
 * them only where a `type` applies to the value: a boolean or number `const`/`enum`
 * without one never equals what CloudFormation sends, so `{"const": true}` refuses every
 * resource and `{"not": {"const": true}}` silently lets "true" through.
 */
export function checkTypelessConst(template: unknown): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const walk = (node: unknown, pointer: string, typed: boolean): void => {
    if (!isRecord(node)) return;
    const hasType = typed || 'type' in node;
    if (!hasType) {
      for (const keyword of ['const', 'enum'] as const) {
        if (!(keyword in node)) continue;
        const values = keyword === 'const' ? [node.const] : Array.isArray(node.enum) ? node.enum : [];
        const type = impliedType(values);
        if (type === undefined) continue;
        findings.push({
          path: joinPointer(pointer, keyword),
          rule: 'typeless-const',
          severity: 'warning',
          message: `"${keyword}" has a ${type === 'boolean' ? 'boolean' : 'number'} value but no "type" applies: CloudFormation sends it as a string ("true", "5"), which is coerced only under a "type"; add "type": "${type}"`,
        });
      }
    }
    for (const sub of subSchemas(node, pointer)) walk(sub.node, sub.pointer, hasType && SAME_VALUE.has(sub.keyword));
  };
  walk(template, '', false);
  return findings;
}
