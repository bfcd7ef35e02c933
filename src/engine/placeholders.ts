import { PlaceholderUsageError, UnknownPlaceholderError } from './errors';
import { joinPointer } from './pointer';
import { DATA_KEYWORDS, OPTIONAL_LIST_OPTIONS, REGISTRY_KEYWORDS, SCHEMA_MAP_KEYWORDS, SPLICING_KEYWORDS } from './vocabulary';

/** Values a template can refer to as `$<name>`; filled from the Hook request (or the CLI flags). */
export interface PlaceholderContext {
  readonly accountID: string;
  readonly region: string;
  readonly partition: string;
  /**
   * `undefined` when the caller cannot know it (`rcfge validate` before deployment): a
   * template whose checks use it is then not judged, never judged with a made-up value.
   * The Hook always knows both.
   */
  readonly stackId: string | undefined;
  readonly stackName: string | undefined;
  readonly logicalResourceId: string;
  readonly typeName: string;
  readonly hookTypeName: string;
  /** `$<param:NAME>`, from the type configuration's TemplateParameters. */
  readonly params: Readonly<Record<string, string | readonly string[]>>;
}

export const BUILT_IN_PLACEHOLDERS = [
  'accountID',
  'region',
  'partition',
  'stackId',
  'stackName',
  'logicalResourceId',
  'typeName',
  'hookTypeName',
] as const;
type BuiltIn = (typeof BUILT_IN_PLACEHOLDERS)[number];

const PLACEHOLDER = /\$<([^<>]*)>/g;
const PARAM_NAME = /^param:([A-Za-z0-9_.-]+)$/;

export function isKnownPlaceholderName(name: string): boolean {
  return (BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name) || PARAM_NAME.test(name);
}

/** Every placeholder name a template uses, in first-seen order (used for cache keys and lint). */
export function findPlaceholders(node: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(PLACEHOLDER)) found.add(m[1]);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        visit(key);
        visit(child);
      }
    }
  };
  visit(node);
  return [...found];
}

function valueOf(name: string, ctx: PlaceholderContext): string | readonly string[] | undefined {
  if ((BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name)) return ctx[name as BuiltIn];
  const param = PARAM_NAME.exec(name);
  return param && Object.prototype.hasOwnProperty.call(ctx.params, param[1]) ? ctx.params[param[1]] : undefined;
}

function lookup(name: string, ctx: PlaceholderContext, pointer: string): string | readonly string[] {
  const value = valueOf(name, ctx);
  // A built-in whose value the caller cannot know stays as written: the Enforcer judges
  // nothing with such a template unless the name stands only in words (description, remediation).
  if (value === undefined && (BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name)) return `$<${name}>`;
  if (value === undefined) throw new UnknownPlaceholderError(name, pointer);
  return value;
}

/** Built-in placeholders among `names` whose values the caller does not know. */
export function unknownPlaceholders(names: readonly string[], ctx: PlaceholderContext): string[] {
  return names.filter((name) => (BUILT_IN_PLACEHOLDERS as readonly string[]).includes(name) && valueOf(name, ctx) === undefined);
}

/** Keywords ajv reads as annotations (useDefaults is off): text there decides no verdict. */
const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set(['title', 'description', '$comment', 'default', 'examples', ...REGISTRY_KEYWORDS]);

function withoutAnnotations(node: unknown, isSchemaMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutAnnotations(item));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    if (isSchemaMap) out[key] = withoutAnnotations(child); // a property named "description" is still a schema
    else if (ANNOTATION_KEYWORDS.has(key)) continue;
    else if (DATA_KEYWORDS.has(key)) out[key] = child;
    else out[key] = withoutAnnotations(child, SCHEMA_MAP_KEYWORDS.has(key) && child !== null && typeof child === 'object' && !Array.isArray(child));
  }
  return out;
}

/**
 * The placeholders whose values can change a verdict: those outside annotations
 * (`description`, `x-rcfge` titles and remediation, ...), which only words use.
 */
export function judgingPlaceholders(schema: unknown): string[] {
  return findPlaceholders(withoutAnnotations(schema));
}

/**
 * Stable key of the values a template actually depends on: compiled validators are shared
 * across requests with equal keys. An unknown name keys as null; substitution then
 * reports it with its location.
 */
export function placeholderKey(names: readonly string[], ctx: PlaceholderContext): string {
  let key = '';
  for (const name of names) {
    const value = isKnownPlaceholderName(name) ? valueOf(name, ctx) : undefined;
    // \u0001 and \u0002 cannot occur in CloudFormation values: the key is unambiguous.
    key += `${name}\u0001${value === undefined ? '\u0002' : typeof value === 'string' ? value : JSON.stringify(value)}\u0001`;
  }
  return key;
}

/** Where a placeholder stands in a java.util.regex pattern: it decides how its value is quoted. */
type RegexContext = 'plain' | 'class' | 'quote';

/** Whether `index` of a Java pattern lies inside a character class or a \Q...\E quote. */
function regexContextAt(pattern: string, index: number): RegexContext {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < index; ) {
    if (quoted) {
      if (pattern.startsWith('\\E', i)) {
        quoted = false;
        i += 2;
      } else i++;
    } else if (pattern[i] === '\\') {
      if (pattern[i + 1] === 'Q') quoted = true;
      i += 2;
    } else if (pattern[i] === '[') {
      depth++;
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++; // a ] right after [ or [^ is a literal
    } else {
      if (pattern[i] === ']' && depth > 0) depth--;
      i++;
    }
  }
  return quoted ? 'quote' : depth > 0 ? 'class' : 'plain';
}

/**
 * A value as literal text in a java.util.regex pattern. Outside a class, Java's
 * metacharacters get a backslash (and `#` and spaces, which (?x) would skip); inside a
 * class, every ASCII character other than a letter, digit or `_` does, so `-`, `&&`, `^`
 * and `]` cannot form a range, an intersection or a negation; inside \Q...\E only a `\E`
 * needs breaking up. A backslash before a punctuation character is that character in Java.
 */
export function escapeRegex(text: string, context: RegexContext = 'plain'): string {
  if (context === 'quote') return text.replace(/\\E/g, '\\E\\\\E\\Q');
  if (context === 'class') return text.replace(/[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]/g, '\\$&');
  return text.replace(/[\\^$.|?*+()[\]{}#\t\n\v\f\r ]/g, '\\$&');
}

/** In a regex, a value matches itself only; a list matches any one member; an empty list matches nothing. */
function regexValue(name: string, value: string | readonly string[], context: RegexContext, pointer: string): string {
  if (typeof value === 'string') return escapeRegex(value, context);
  if (context === 'class') throw new PlaceholderUsageError(name, pointer, 'a list cannot stand inside a character class ([...]); use it outside, where it becomes an alternation');
  // A class of nothing: unlike the lookahead (?!), the linear-time engine can run it too.
  const alternation = value.length === 0 ? '[^\\s\\S]' : `(?:${value.map((v) => (context === 'quote' ? `\\Q${escapeRegex(v, 'quote')}\\E` : escapeRegex(v))).join('|')})`;
  return context === 'quote' ? `\\E${alternation}\\Q` : alternation;
}

function substituteRegex(text: string, ctx: PlaceholderContext, pointer: string): string {
  return text.replace(PLACEHOLDER, (_, name: string, offset: number) => regexValue(name, lookup(name, ctx, pointer), regexContextAt(text, offset), pointer));
}

function substituteLiteral(text: string, ctx: PlaceholderContext, pointer: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = lookup(name, ctx, pointer);
    if (typeof value !== 'string') {
      throw new PlaceholderUsageError(name, pointer, 'is a list; lists can only be a whole enum element or part of a pattern');
    }
    return value;
  });
}

/** `"$<param:X>"` alone, the only form that may expand into several enum elements. */
function wholePlaceholder(text: string): string | undefined {
  const m = /^\$<([^<>]*)>$/.exec(text);
  return m ? m[1] : undefined;
}

/** A `$<param:X>` that TemplateParameters does not define. */
function isAbsentParam(name: string, ctx: PlaceholderContext): boolean {
  return PARAM_NAME.test(name) && valueOf(name, ctx) === undefined;
}

/**
 * `splice`: a whole-placeholder element of this array may expand into several (`optional`: and
 * an undefined parameter there expands into none); `lists`: the same for every array directly
 * inside this object (a keyword's options, e.g. policyStatement's), `optional` for the option
 * names listed.
 */
function substituteData(value: unknown, ctx: PlaceholderContext, pointer: string, splice: boolean | 'optional' | 'lists', optional: ReadonlySet<string> = EMPTY): unknown {
  if (typeof value === 'string') return substituteLiteral(value, ctx, pointer);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const at = joinPointer(pointer, i);
      const name = (splice === true || splice === 'optional') && typeof item === 'string' ? wholePlaceholder(item) : undefined;
      const listValue = name === undefined ? undefined : splice === 'optional' && isAbsentParam(name, ctx) ? [] : lookup(name, ctx, at);
      if (Array.isArray(listValue)) out.push(...listValue);
      else out.push(substituteData(item, ctx, at, false));
    });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const lists = splice === 'lists' && Array.isArray(child);
      out[key] = substituteData(child, ctx, joinPointer(pointer, key), lists && optional.has(key) ? 'optional' : lists);
    }
    return out;
  }
  return value;
}

const EMPTY: ReadonlySet<string> = new Set();

function substituteSchema(node: unknown, ctx: PlaceholderContext, pointer: string, isSchemaMap = false): unknown {
  if (typeof node === 'string') return substituteLiteral(node, ctx, pointer);
  if (Array.isArray(node)) return node.map((item, i) => substituteSchema(item, ctx, joinPointer(pointer, i)));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    const at = joinPointer(pointer, key);
    if (isSchemaMap) {
      out[key] = substituteSchema(child, ctx, at); // a property named "enum" is still a schema
    } else if (DATA_KEYWORDS.has(key)) {
      out[key] = substituteData(child, ctx, at, !SPLICING_KEYWORDS.has(key) ? false : Array.isArray(child) || 'lists', OPTIONAL_LIST_OPTIONS.get(key));
    } else if (key === 'pattern' && typeof child === 'string') {
      out[key] = substituteRegex(child, ctx, at);
    } else if (key === 'patternProperties' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const props: Record<string, unknown> = {};
      for (const [regex, schema] of Object.entries(child)) {
        const regexAt = joinPointer(at, regex);
        props[substituteRegex(regex, ctx, regexAt)] = substituteSchema(schema, ctx, regexAt);
      }
      out[key] = props;
    } else {
      out[key] = substituteSchema(child, ctx, at, SCHEMA_MAP_KEYWORDS.has(key) && child !== null && typeof child === 'object' && !Array.isArray(child));
    }
  }
  return out;
}

/**
 * Fills `$<...>` placeholders on the parsed template (never on its text, so a value
 * cannot break out of a JSON string). Inside `pattern` and `patternProperties` keys the
 * value is regex-escaped, so `$<param:X>` = `.*` matches the two characters `.*` only.
 */
export function substitutePlaceholders(template: unknown, ctx: PlaceholderContext): unknown {
  return substituteSchema(template, ctx, '');
}
