import { conditionLookup, type Truth } from './conditions';
import { INTRINSIC_FUNCTIONS, type EvalScope } from './functions';
import type { ResolveContext, StackTemplate } from './types';
import { intrinsicName, isPlainObject, NO_VALUE, UNRESOLVED } from './values';

/**
 * Evaluates an expression as a whole: the result is a plain value, `NO_VALUE`, or
 * `UNRESOLVED` as soon as any part of it is. `AWS::NoValue` removes array items and keys.
 */
function evaluateValue(expression: unknown, scope: EvalScope): unknown {
  if (Array.isArray(expression)) {
    const items: unknown[] = [];
    for (const item of expression) {
      const value = evaluateValue(item, scope);
      if (value === UNRESOLVED) return UNRESOLVED;
      if (value !== NO_VALUE) items.push(value);
    }
    return items;
  }
  const name = intrinsicName(expression);
  if (name !== undefined) {
    const fn = Object.hasOwn(INTRINSIC_FUNCTIONS, name) ? INTRINSIC_FUNCTIONS[name] : undefined;
    return fn ? fn((expression as Record<string, unknown>)[name], scope) : UNRESOLVED;
  }
  if (isPlainObject(expression)) {
    const entries: Array<[string, unknown]> = [];
    for (const [key, item] of Object.entries(expression)) {
      const value = evaluateValue(item, scope);
      if (value === UNRESOLVED) return UNRESOLVED;
      if (value !== NO_VALUE) entries.push([key, value]);
    }
    return Object.fromEntries(entries);
  }
  return expression;
}

export interface ScopeOptions {
  /** Conditions taken as given, whatever their expression says. */
  readonly conditionOverrides?: Readonly<Record<string, boolean>>;
  /** Told about every `Fn::If` whose condition cannot be decided. */
  readonly undecided?: (condition: string) => void;
}

/** One evaluation scope per resolution: named conditions are memoised within it. */
export function createScope(template: StackTemplate, ctx: ResolveContext, options: ScopeOptions = {}): EvalScope {
  const scope: EvalScope = {
    template,
    ctx,
    value: (expression) => evaluateValue(expression, scope),
    condition: conditionLookup(template.conditions, () => scope, options.conditionOverrides),
    ...(options.undecided ? { undecided: options.undecided } : {}),
  };
  return scope;
}

/** Truth of a named condition of the template, `undefined` when unknown locally. */
export function conditionValue(template: StackTemplate, ctx: ResolveContext, name: string): Truth {
  return createScope(template, ctx).condition(name);
}
