import { parameterValue } from './parameters';
import { pseudoParameter } from './pseudo';
import { parseSubTemplate } from './sub';
import type { Truth } from './conditions';
import type { ResolveContext, StackTemplate } from './types';
import { isPlainObject, isScalar, UNRESOLVED } from './values';

/** Everything an intrinsic function needs: the template, the deploy-time context, and recursion. */
export interface EvalScope {
  template: StackTemplate;
  ctx: ResolveContext;
  /** Evaluates a nested expression: a value, `NO_VALUE` or `UNRESOLVED`. */
  value(expression: unknown): unknown;
  condition(name: string): Truth;
  /** Told about every `Fn::If` whose condition cannot be decided locally. */
  undecided?(condition: string): void;
}

/**
 * Thrown by a function whose inputs are all known but whose result does not exist; the
 * resolver, which knows where the expression sits, turns it into an IntrinsicValueError.
 */
export class IntrinsicFailure extends Error {
  override readonly name = 'IntrinsicFailure';
}

export type IntrinsicFunction = (args: unknown, scope: EvalScope) => unknown;

function pair(args: unknown): [unknown, unknown] | undefined {
  return Array.isArray(args) && args.length === 2 ? [args[0], args[1]] : undefined;
}

function ref(args: unknown, scope: EvalScope): unknown {
  if (typeof args !== 'string') return UNRESOLVED;
  const pseudo = pseudoParameter(args, scope.ctx);
  if (pseudo !== undefined) return pseudo;
  const parameter = scope.template.parameters.get(args);
  // Not a parameter: a resource (physical ID known only after creation) or a typo.
  return parameter ? parameterValue(parameter, scope.ctx.parameterOverrides) : UNRESOLVED;
}

function subReference(name: string, variables: Record<string, unknown>, scope: EvalScope): string | typeof UNRESOLVED {
  let value: unknown;
  if (Object.hasOwn(variables, name)) value = scope.value(variables[name]);
  else if (name.includes('.')) return UNRESOLVED; // ${Resource.Attribute} is an Fn::GetAtt
  else value = ref(name, scope);
  return isScalar(value) ? String(value) : UNRESOLVED;
}

function sub(args: unknown, scope: EvalScope): unknown {
  const [text, variables] = typeof args === 'string' ? [args, {}] : (pair(args) ?? []);
  if (typeof text !== 'string' || !isPlainObject(variables)) return UNRESOLVED;
  let result = '';
  for (const part of parseSubTemplate(text)) {
    if ('literal' in part) {
      result += part.literal;
      continue;
    }
    const value = subReference(part.reference, variables, scope);
    if (value === UNRESOLVED) return UNRESOLVED;
    result += value;
  }
  return result;
}

function join(args: unknown, scope: EvalScope): unknown {
  const [delimiterArg, listArg] = pair(args) ?? [];
  const delimiter = scope.value(delimiterArg);
  const list = scope.value(listArg);
  if (typeof delimiter !== 'string' || !Array.isArray(list) || !list.every(isScalar)) return UNRESOLVED;
  return list.map(String).join(delimiter);
}

function select(args: unknown, scope: EvalScope): unknown {
  const [indexArg, listArg] = pair(args) ?? [];
  const index = scope.value(indexArg);
  const list = scope.value(listArg);
  const position = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : NaN;
  if (!Array.isArray(list) || !Number.isInteger(position)) return UNRESOLVED;
  if (position < 0 || position >= list.length) {
    throw new IntrinsicFailure(`Fn::Select index ${position} is out of range: the list has ${list.length} item${list.length === 1 ? '' : 's'}`);
  }
  return list[position];
}

function split(args: unknown, scope: EvalScope): unknown {
  const [delimiterArg, sourceArg] = pair(args) ?? [];
  const delimiter = scope.value(delimiterArg);
  const source = scope.value(sourceArg);
  if (typeof delimiter !== 'string' || delimiter === '' || typeof source !== 'string') return UNRESOLVED;
  return source.split(delimiter);
}

function lookup(container: unknown, key: string): unknown {
  return isPlainObject(container) && Object.hasOwn(container, key) ? container[key] : undefined;
}

/** Which level of a FindInMap lookup is missing, in words. */
function missingMapEntry(mappings: Record<string, unknown>, mapName: string, topKey: string, secondKey: string): string {
  if (!Object.hasOwn(mappings, mapName)) return `the template has no mapping ${JSON.stringify(mapName)}`;
  const map = mappings[mapName];
  if (!isPlainObject(map) || !Object.hasOwn(map, topKey)) return `mapping ${mapName} has no key ${JSON.stringify(topKey)}`;
  return `mapping ${mapName} has no key ${JSON.stringify(secondKey)} under ${JSON.stringify(topKey)}`;
}

/** `[Map, TopKey, SecondKey]`, plus the optional `{DefaultValue: x}` of the language extensions. */
function findInMap(args: unknown, scope: EvalScope): unknown {
  if (!Array.isArray(args) || args.length < 3 || args.length > 4) return UNRESOLVED;
  const keys = args.slice(0, 3).map((arg) => scope.value(arg));
  if (!keys.every(isScalar)) return UNRESOLVED;
  const [mapName, topKey, secondKey] = keys.map(String);
  const found = lookup(lookup(lookup(scope.template.mappings, mapName), topKey), secondKey);
  // Mapping values are literals; copy so callers may mutate the result safely.
  if (found !== undefined) return structuredClone(found);
  const options = args[3];
  if (isPlainObject(options) && Object.hasOwn(options, 'DefaultValue')) return scope.value(options.DefaultValue);
  throw new IntrinsicFailure(`Fn::FindInMap [${[mapName, topKey, secondKey].join(', ')}]: ${missingMapEntry(scope.template.mappings, mapName, topKey, secondKey)}`);
}

function fnIf(args: unknown, scope: EvalScope): unknown {
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') return UNRESOLVED;
  const truth = scope.condition(args[0]);
  if (truth === undefined) {
    scope.undecided?.(args[0]);
    return UNRESOLVED;
  }
  return scope.value(truth ? args[1] : args[2]);
}

function base64(args: unknown, scope: EvalScope): unknown {
  const text = scope.value(args);
  return typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : UNRESOLVED;
}

/** `Fn::ToJsonString` (AWS::LanguageExtensions): an object or list as compact JSON text. */
function toJsonString(args: unknown, scope: EvalScope): unknown {
  const value = scope.value(args);
  return isPlainObject(value) || Array.isArray(value) ? JSON.stringify(value) : UNRESOLVED;
}

function length(args: unknown, scope: EvalScope): unknown {
  const list = scope.value(args);
  return Array.isArray(list) ? list.length : UNRESOLVED;
}

/**
 * Functions evaluated locally. The rest (`Fn::GetAtt`, `Fn::ImportValue`, `Fn::GetAZs`,
 * `Fn::Cidr`, `Fn::Transform`, ...) depend on deployed resources, the account or a macro,
 * and stay unresolved.
 */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  Ref: ref,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::FindInMap': findInMap,
  'Fn::If': fnIf,
  'Fn::Base64': base64,
  'Fn::Length': length,
  'Fn::ToJsonString': toJsonString,
};
