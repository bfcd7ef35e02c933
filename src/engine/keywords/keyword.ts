import type { ErrorObject, FuncKeywordDefinition } from 'ajv';

/** Shows a value of the resource in a message (clipped JSON). */
export type Show = (value: unknown) => string;

/** What a keyword's error says: where (a JSON Pointer into the properties) and what. */
export interface Described {
  readonly path: string;
  readonly message: string;
}

/**
 * A keyword the engine adds to ajv, in one small file with its typed error (as ajv's own
 * keywords are written): the definition, the finding's default title, whether its
 * verdict depends only on which keys are present (so it is judged above values unknown
 * until deploy time), and the words of its finding.
 */
export interface EngineKeyword<E extends ErrorObject = ErrorObject> {
  readonly definition: FuncKeywordDefinition;
  readonly title: string;
  readonly structural: boolean;
  describe(error: E, show: Show): Described;
}

/** The data context ajv passes to a function keyword. */
export interface DataContext {
  readonly instancePath: string;
}

/**
 * Sets the keyword's errors. `parentSchema` is what ajv's verbose errors carry for its own
 * keywords: the rule locator finds the enclosing x-rcfge rule by it.
 */
export function reject<E extends ErrorObject>(validate: unknown, parentSchema: unknown, errors: ReadonlyArray<Omit<E, 'instancePath' | 'schemaPath' | 'parentSchema'>>): false {
  (validate as { errors?: unknown[] }).errors = errors.map((e) => ({ ...e, parentSchema }));
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function quoted(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

export const NAME_LIST_SCHEMA = { type: 'array', items: { type: 'string' }, minItems: 1 } as const;
export const NAME_MAP_SCHEMA = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } as const;
