import { IntrinsicValueError } from './errors';
import { createScope } from './evaluate';
import { type EvalScope, IntrinsicFailure } from './functions';
import { lineOf } from './lines';
import { childPointer } from './pointer';
import type { ResolveContext, ResolvedResource, StackResource, StackTemplate } from './types';
import { asSent, intrinsicName, isPlainObject, isRewrittenObject, NO_VALUE, UNRESOLVED } from './values';

interface Walk {
  scope: EvalScope;
  unresolved: string[];
  sourcePointers: Record<string, string>;
  /** Turns a function's failure at a raw pointer into a located template error. */
  fail(failure: IntrinsicFailure, source: string): never;
}

export interface ResolveOptions {
  /**
   * Conditions taken as given: how a caller explores each branch of an `Fn::If` whose
   * condition cannot be decided locally (see `undecidedConditions`).
   */
  readonly conditionOverrides?: Readonly<Record<string, boolean>>;
}

/** Forgets pointer mappings recorded below a value that turned out to be `AWS::NoValue`. */
function forgetBelow(walk: Walk, pointer: string): void {
  for (const key of Object.keys(walk.sourcePointers)) {
    if (key === pointer || key.startsWith(`${pointer}/`)) delete walk.sourcePointers[key];
  }
}

/** Walks a child value; records its raw pointer when that differs from the obvious one. */
function resolveChild(node: unknown, resolved: string, source: string, naturalSource: string, walk: Walk): unknown {
  if (source !== naturalSource) walk.sourcePointers[resolved] = source;
  const value = resolveNode(node, resolved, source, walk);
  if (value === NO_VALUE) forgetBelow(walk, resolved);
  return value;
}

/**
 * Resolves a properties tree. Unlike `scope.value`, which treats an expression as one
 * value, this descends into plain objects and arrays and into the chosen branch of an
 * `Fn::If`, so that only the smallest unresolvable subtrees are kept (in long form) and
 * listed. `resolved` is the pointer in the output, `source` the same value's pointer in
 * the raw template.
 */
function resolveNode(node: unknown, resolved: string, source: string, walk: Walk): unknown {
  if (Array.isArray(node)) {
    const items: unknown[] = [];
    node.forEach((item, index) => {
      const pointer = childPointer(resolved, items.length);
      const value = resolveChild(item, pointer, childPointer(source, index), childPointer(source, items.length), walk);
      if (value !== NO_VALUE) items.push(value);
    });
    return items;
  }
  const name = intrinsicName(node);
  if (name === undefined) return resolvePlain(node, resolved, source, walk);
  try {
    return resolveIntrinsic(node as Record<string, unknown>, name, resolved, source, walk);
  } catch (error) {
    if (error instanceof IntrinsicFailure) walk.fail(error, source);
    throw error;
  }
}

function resolveIntrinsic(node: Record<string, unknown>, name: string, resolved: string, source: string, walk: Walk): unknown {
  if (name === 'Fn::If') {
    const args = (node as Record<string, unknown>)[name];
    const truth = Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? walk.scope.condition(args[0]) : undefined;
    if (truth !== undefined) {
      const branch = truth ? 1 : 2;
      return resolveChild((args as unknown[])[branch], resolved, childPointer(childPointer(source, name), branch), source, walk);
    }
  }
  const value = walk.scope.value(node);
  if (value !== UNRESOLVED) return value;
  walk.unresolved.push(resolved);
  // Keep the original long form (copied, so callers can't alter the parsed template).
  return structuredClone(node);
}

function resolvePlain(node: unknown, resolved: string, source: string, walk: Walk): unknown {
  if (isRewrittenObject(node)) {
    walk.unresolved.push(resolved);
    return structuredClone(node);
  }
  if (isPlainObject(node)) {
    const entries: Array<[string, unknown]> = [];
    for (const [key, item] of Object.entries(node)) {
      const pointer = childPointer(resolved, key);
      const value = resolveChild(item, pointer, childPointer(source, key), childPointer(source, key), walk);
      if (value !== NO_VALUE) entries.push([key, value]);
    }
    return Object.fromEntries(entries);
  }
  return node;
}

/**
 * Resolves what can be known before deployment in one resource's properties and
 * evaluates its `Condition`. Never throws: whatever cannot be evaluated stays as
 * written and is listed in `unresolved`.
 */
export function resolveResource(template: StackTemplate, resource: StackResource, ctx: ResolveContext, options: ResolveOptions = {}): ResolvedResource {
  const fail = (failure: IntrinsicFailure, source: string | undefined): never => {
    const line = source === undefined ? resource.line : lineOf(template, resource.logicalId, source);
    throw new IntrinsicValueError(template.file, line, resource.logicalId, failure.message, failure);
  };
  let condition: boolean | undefined;
  try {
    condition = resource.condition === undefined ? true : createScope(template, ctx, options).condition(resource.condition);
  } catch (error) {
    if (error instanceof IntrinsicFailure) fail(error, undefined);
    throw error;
  }
  if (condition === false) {
    // CloudFormation never evaluates anything in a resource it will not create (a FindInMap there may have no result).
    return { logicalId: resource.logicalId, type: resource.type, line: resource.line, properties: undefined, unresolved: [], conditionFalse: true, sourcePointers: {}, undecidedConditions: [] };
  }
  // Properties matter only when the resource exists: an undecided resource Condition is true for them.
  const overrides = condition === undefined && resource.condition !== undefined ? { ...options.conditionOverrides, [resource.condition]: true } : options.conditionOverrides;
  const undecided: string[] = [];
  const scope = createScope(template, ctx, { conditionOverrides: overrides, undecided: (name) => undecided.includes(name) || undecided.push(name) });
  const walk: Walk = { scope, unresolved: [], sourcePointers: {}, fail };
  const properties = resource.properties === undefined ? undefined : resolveNode(resource.properties, '', '', walk);
  const deletionPolicy = resolvedDeletionPolicy(resource.deletionPolicy, scope);
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    line: resource.line,
    // What the Hook will be sent: every scalar a string.
    properties: properties === NO_VALUE ? undefined : asSent(properties),
    unresolved: walk.unresolved,
    conditionFalse: false,
    sourcePointers: walk.sourcePointers,
    undecidedConditions: undecided,
    ...(deletionPolicy !== undefined ? { deletionPolicy } : {}),
  };
}

/** `DeletionPolicy` is a literal, or (with AWS::LanguageExtensions) a `Ref` to a parameter. */
function resolvedDeletionPolicy(policy: unknown, scope: EvalScope): string | undefined {
  if (policy === undefined) return undefined;
  try {
    const value = scope.value(policy);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
