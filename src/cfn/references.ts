import { UndefinedReferenceError } from './errors';
import { lineOf } from './lines';
import { childPointer } from './pointer';
import { isPseudoParameterName } from './pseudo';
import { parseSubTemplate } from './sub';
import type { StackTemplate } from './types';
import { intrinsicName, isPlainObject } from './values';

/** Where a reference sits, for the error: who holds it, and the line of the expression. */
interface Site {
  readonly file: string;
  readonly where: string;
  line(pointer: string): number;
}

interface Names {
  readonly parameters: ReadonlySet<string>;
  readonly resources: ReadonlySet<string>;
  readonly conditions: ReadonlySet<string>;
  /** In the Conditions section only parameters and pseudo parameters may be referenced. */
  readonly resourcesAllowed: boolean;
}

function refTarget(name: string, names: Names): string | undefined {
  if (isPseudoParameterName(name) || names.parameters.has(name)) return undefined;
  if (names.resourcesAllowed) return names.resources.has(name) ? undefined : 'no parameter, resource or pseudo parameter has that name';
  return names.resources.has(name) ? 'a condition can refer only to parameters and pseudo parameters, not to a resource' : 'no parameter or pseudo parameter has that name';
}

function getAttResource(args: unknown): string | undefined {
  if (Array.isArray(args)) return typeof args[0] === 'string' ? args[0] : undefined;
  // The long form takes a list; a "Res.Attr" string is what the short form is made of.
  return typeof args === 'string' ? args.split('.')[0] : undefined;
}

/** The first reference in an intrinsic node that cannot resolve, as [shown reference, reason]. */
function badReference(name: string, args: unknown, names: Names): [string, string] | undefined {
  if (name === 'Ref' && typeof args === 'string') {
    const reason = refTarget(args, names);
    return reason ? [`Ref ${args}`, reason] : undefined;
  }
  if (name === 'Fn::GetAtt') {
    const resource = getAttResource(args);
    if (resource === undefined || names.resources.has(resource)) return undefined;
    return [`Fn::GetAtt ${resource}`, `no resource ${resource} in the template`];
  }
  if (name === 'Fn::If' && Array.isArray(args) && typeof args[0] === 'string' && !names.conditions.has(args[0])) {
    return [`Fn::If ${args[0]}`, `no condition ${args[0]} in the Conditions section`];
  }
  if (name === 'Fn::Sub') {
    const [text, variables] = typeof args === 'string' ? [args, {}] : Array.isArray(args) ? [args[0], args[1]] : [];
    if (typeof text !== 'string') return undefined;
    const declared = isPlainObject(variables) ? variables : {};
    for (const part of parseSubTemplate(text)) {
      if (!('reference' in part) || Object.hasOwn(declared, part.reference)) continue;
      const reference = part.reference;
      const dot = reference.indexOf('.');
      if (dot > 0) {
        const resource = reference.slice(0, dot);
        if (!names.resources.has(resource)) return [`Fn::Sub \${${reference}}`, `no resource ${resource} in the template (\${Resource.Attribute} is an Fn::GetAtt)`];
        continue;
      }
      const reason = refTarget(reference, names);
      if (reason) return [`Fn::Sub \${${reference}}`, `${reason}, and the Fn::Sub variable map does not define it`];
    }
  }
  return undefined;
}

function walk(node: unknown, pointer: string, names: Names, site: Site): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, childPointer(pointer, index), names, site));
    return;
  }
  if (!isPlainObject(node)) return;
  // Inside Conditions, `{"Condition": "Other"}` refers to another condition.
  const conditionRef = !names.resourcesAllowed && Object.keys(node).length === 1 && typeof node.Condition === 'string' ? node.Condition : undefined;
  if (conditionRef !== undefined && !names.conditions.has(conditionRef)) {
    throw new UndefinedReferenceError(site.file, site.line(pointer), site.where, conditionRef, `Condition ${conditionRef}: no condition ${conditionRef} in the Conditions section`);
  }
  const name = intrinsicName(node);
  if (name !== undefined) {
    const bad = badReference(name, node[name], names);
    if (bad) throw new UndefinedReferenceError(site.file, site.line(pointer), site.where, bad[0], `${bad[0]}: ${bad[1]}`);
  }
  for (const [key, value] of Object.entries(node)) walk(value, childPointer(pointer, key), names, site);
}

/**
 * Checks what CloudFormation checks before it deploys anything: every `Ref`, `Fn::Sub`
 * reference and `Fn::GetAtt` names something the template declares, every `Fn::If` and
 * resource `Condition` a declared condition. Throws the first UndefinedReferenceError, in
 * document order. Templates with a `Transform` are not checked: a macro may add the names.
 */
export function checkReferences(template: StackTemplate): void {
  if (template.transforms.length > 0) return;
  const parameters = new Set(template.parameters.keys());
  const resources = new Set(template.resources.map((r) => r.logicalId));
  const conditions = new Set(Object.keys(template.conditions));
  const inConditions: Names = { parameters, resources, conditions, resourcesAllowed: false };
  for (const [name, expression] of Object.entries(template.conditions)) {
    const line = (pointer: string): number => template.conditionLines?.get(pointer) ?? template.conditionLines?.get(childPointer('', name)) ?? 1;
    walk(expression, childPointer('', name), inConditions, { file: template.file, where: `condition ${name}`, line });
  }
  const inResources: Names = { parameters, resources, conditions, resourcesAllowed: true };
  for (const resource of template.resources) {
    const where = `resource ${resource.logicalId}`;
    if (resource.condition !== undefined && !conditions.has(resource.condition)) {
      throw new UndefinedReferenceError(template.file, resource.line, where, resource.condition, `Condition ${resource.condition}: no condition ${resource.condition} in the Conditions section`);
    }
    walk(resource.properties, '', inResources, { file: template.file, where, line: (pointer) => lineOf(template, resource.logicalId, pointer) });
  }
}
