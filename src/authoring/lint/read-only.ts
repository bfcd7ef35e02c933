import { joinPointer } from '../../engine/pointer';
import { isRecord, resolveRef } from '../../engine/schema-walk';
import type { RuleFinding } from './finding';

const SAME_VALUE = ['allOf', 'anyOf', 'oneOf', 'then', 'else'] as const;

/** Where a registry property path (`/properties/A/B`, `*` for array items) is described in the template. */
export function findPropertyPath(template: unknown, registryPointer: string): string | undefined {
  const tokens = registryPointer.split('/').slice(1);
  if (tokens[0] !== 'properties' || tokens.length < 2) return undefined;
  const step = (node: unknown, pointer: string, rest: string[], depth: number): string | undefined => {
    if (rest.length === 0) return pointer;
    if (!isRecord(node) || depth > 32) return undefined;
    const target = resolveRef(template, node);
    if (target) {
      const found = step(target.node, target.pointer, rest, depth + 1);
      if (found) return found;
    }
    const [token, ...tail] = rest;
    if (token === '*') {
      if (isRecord(node.items)) return step(node.items, joinPointer(pointer, 'items'), tail, depth + 1);
    } else if (isRecord(node.properties) && token in node.properties) {
      return step(node.properties[token], joinPointer(joinPointer(pointer, 'properties'), token), tail, depth + 1);
    }
    for (const key of SAME_VALUE) {
      const branches = key === 'then' || key === 'else' ? [node[key]] : node[key];
      if (!Array.isArray(branches)) continue;
      for (let i = 0; i < branches.length; i++) {
        const at = key === 'then' || key === 'else' ? joinPointer(pointer, key) : joinPointer(joinPointer(pointer, key), i);
        const found = step(branches[i], at, rest, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return step(template, '', tokens.slice(1), 0);
}

/** Read-only properties are outputs (Arn, Id): CloudFormation never sends them, so a rule on them checks nothing. */
export function checkReadOnly(template: Record<string, unknown>, registry: Record<string, unknown>): RuleFinding[] {
  const pointers = Array.isArray(registry.readOnlyProperties) ? registry.readOnlyProperties.filter((p): p is string => typeof p === 'string') : [];
  const findings: RuleFinding[] = [];
  for (const readOnly of pointers) {
    const at = findPropertyPath(template, readOnly);
    if (at === undefined) continue;
    findings.push({ path: at, rule: 'read-only', severity: 'warning', message: `${readOnly} is read-only in the registry schema of ${String(registry.typeName)}: CloudFormation never sends it, so this part of the template checks nothing; remove it` });
  }
  return findings;
}
