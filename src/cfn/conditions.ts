import { isPlainObject, isScalar, NO_VALUE, UNRESOLVED } from './values';

/** Three-valued: `undefined` means the answer depends on something known only at deploy time. */
export type Truth = boolean | undefined;

/** What condition evaluation needs from the value evaluator (kept as an interface to break the cycle). */
export interface ConditionScope {
  value(expression: unknown): unknown;
  condition(name: string): Truth;
}

/** CloudFormation compares parameter values, which are strings, with literals YAML may have typed. */
function normalise(value: unknown): unknown {
  if (isScalar(value)) return String(value);
  if (Array.isArray(value)) return value.map(normalise);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

function equals(args: unknown, scope: ConditionScope): Truth {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [left, right] = args.map((arg) => scope.value(arg));
  if (left === UNRESOLVED || right === UNRESOLVED || left === NO_VALUE || right === NO_VALUE) return undefined;
  return JSON.stringify(normalise(left)) === JSON.stringify(normalise(right));
}

function operands(args: unknown, scope: ConditionScope): Truth[] | undefined {
  return Array.isArray(args) ? args.map((arg) => evaluateCondition(arg, scope)) : undefined;
}

function and(args: unknown, scope: ConditionScope): Truth {
  const values = operands(args, scope);
  if (!values || values.length === 0) return undefined;
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

function or(args: unknown, scope: ConditionScope): Truth {
  const values = operands(args, scope);
  if (!values || values.length === 0) return undefined;
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

function not(args: unknown, scope: ConditionScope): Truth {
  // Documented as a one-element list; tolerate the bare condition too.
  const operand = Array.isArray(args) ? (args.length === 1 ? args[0] : undefined) : args;
  const value = operand === undefined ? undefined : evaluateCondition(operand, scope);
  return value === undefined ? undefined : !value;
}

/** Evaluates a condition expression (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`). */
export function evaluateCondition(expression: unknown, scope: ConditionScope): Truth {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (!isPlainObject(expression)) return undefined;
  const keys = Object.keys(expression);
  if (keys.length !== 1) return undefined;
  const args = expression[keys[0]];
  switch (keys[0]) {
    case 'Fn::Equals':
      return equals(args, scope);
    case 'Fn::And':
      return and(args, scope);
    case 'Fn::Or':
      return or(args, scope);
    case 'Fn::Not':
      return not(args, scope);
    case 'Condition':
      return typeof args === 'string' ? scope.condition(args) : undefined;
    default:
      return undefined;
  }
}

/**
 * Named-condition lookup over a template's `Conditions` section, memoised; `overrides`
 * fix chosen conditions (to explore both branches of an undecidable `Fn::If`). A condition
 * that is undeclared or (invalidly) refers to itself through a cycle is unknown rather
 * than an error: the caller then validates the resource, which is the safe side.
 */
export function conditionLookup(
  conditions: Record<string, unknown>,
  scope: () => ConditionScope,
  overrides: Readonly<Record<string, boolean>> = {},
): (name: string) => Truth {
  // An override stands for the condition's value in every expression that uses it.
  const cache = new Map<string, Truth>(Object.entries(overrides).filter(([name]) => Object.hasOwn(conditions, name)));
  const inProgress = new Set<string>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    if (!Object.hasOwn(conditions, name) || inProgress.has(name)) return undefined;
    inProgress.add(name);
    const value = evaluateCondition(conditions[name], scope());
    inProgress.delete(name);
    cache.set(name, value);
    return value;
  };
}
