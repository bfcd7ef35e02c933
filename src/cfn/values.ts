/**
 * Markers and small predicates shared by the evaluator. `NO_VALUE` is what
 * `AWS::NoValue` evaluates to (the enclosing key or array item disappears);
 * `UNRESOLVED` means "known only at deploy time" and spreads to every value
 * computed from it.
 */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export const UNRESOLVED: unique symbol = Symbol('unresolved');

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The long-form intrinsic function key of `value`, if it is one: a one-key object whose
 * key is `Ref` or `Fn::...`. (`Condition` is deliberately not included: in Properties a
 * one-key `{"Condition": {...}}` is, for instance, an IAM policy statement element.)
 */
export function intrinsicName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** Keys that are loops of AWS::LanguageExtensions (in Resources, Conditions, Outputs, and inside resources). */
export function isLoopKey(key: string): boolean {
  return key.startsWith('Fn::ForEach::');
}

/**
 * An object that something else rewrites before CloudFormation sends it: a loop whose
 * collection was not known (`Fn::ForEach::X` still there) or a macro applied beside other
 * keys (`Fn::Transform` among them). What it becomes is known only at deploy time.
 */
export function isRewrittenObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).some((key) => isLoopKey(key) || key === 'Fn::Transform');
}

export type Scalar = string | number | boolean;

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * A value as CloudFormation sends it to a hook: every number and boolean as a string
 * (`5` -> `"5"`, `true` -> `"true"`); numbers whose source text differs from the number's
 * (`2.0`, `012345678901`) were kept as that text by the parser already.
 */
export function asSent(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(asSent);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') Object.defineProperty(out, key, { value: asSent(item), enumerable: true, writable: true, configurable: true });
      else out[key] = asSent(item);
    }
    return out;
  }
  return value;
}
