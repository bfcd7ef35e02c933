import { classify } from '../openness';
import { everySchema, isRecord, resolveRef } from '../../engine/schema-walk';
import { joinPointer } from '../../engine/pointer';
import type { RuleFinding, Severity } from './finding';

/** Branches applied to the same object whose `required` must name properties of the closed object. */
const BRANCHES: ReadonlyArray<readonly [string, Severity]> = [
  ['allOf', 'error'],
  ['then', 'error'],
  ['else', 'error'],
  ['anyOf', 'warning'],
  ['oneOf', 'warning'],
];

/** The closed object schema that decides which property names exist: the schema itself, or its $ref target. */
function closedShape(root: unknown, node: Record<string, unknown>): Record<string, unknown> | undefined {
  if (classify(node).kind === 'closed') return node;
  const target = resolveRef(root, node);
  return target && isRecord(target.node) && classify(target.node).kind === 'closed' ? target.node : undefined;
}

function admits(shape: Record<string, unknown>, name: string): boolean {
  if (isRecord(shape.properties) && Object.hasOwn(shape.properties, name)) return true;
  if (!isRecord(shape.patternProperties)) return false;
  return Object.keys(shape.patternProperties).some((pattern) => {
    try {
      return new RegExp(pattern, 'u').test(name);
    } catch {
      return true; // an invalid pattern is the pattern rule's finding; do not add a second one
    }
  });
}

function undefinedNames(required: unknown, shape: Record<string, unknown>): string[] {
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string' && !admits(shape, name)) : [];
}

/**
 * A `required` name that a closed object does not define can never be present: no resource
 * can comply (in a branch: whenever that branch is the one that applies).
 */
export function checkRequired(template: unknown): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const report = (pointer: string, names: string[], severity: Severity, where: string): void => {
    if (names.length === 0) return;
    const list = names.map((n) => JSON.stringify(n)).join(', ');
    findings.push({
      path: pointer,
      rule: 'required-undefined',
      severity,
      message: `required ${list} ${names.length === 1 ? 'is' : 'are'} not defined in "properties" of the closed object${where}: no resource can ever comply; add ${names.length === 1 ? 'it' : 'them'} to "properties" or remove ${names.length === 1 ? 'it' : 'them'} from "required"`,
    });
  };
  everySchema(template, (node, pointer) => {
    if (!isRecord(node)) return;
    const shape = closedShape(template, node);
    if (!shape) return;
    report(joinPointer(pointer, 'required'), undefinedNames(node.required, shape), 'error', '');
    for (const [keyword, severity] of BRANCHES) {
      const value = node[keyword];
      const branches = Array.isArray(value) ? value.map((b, i) => [b, joinPointer(joinPointer(pointer, keyword), i)] as const) : [[value, joinPointer(pointer, keyword)] as const];
      for (const [branch, at] of branches) {
        if (isRecord(branch)) report(joinPointer(at, 'required'), undefinedNames(branch.required, shape), severity, ` it applies to (${keyword} branch)`);
      }
    }
  });
  return findings;
}
