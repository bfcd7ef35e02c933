import { createScope } from './evaluate';
import { InvalidResourceError } from './errors';
import { readResource } from './parse';
import { childPointer, pointerTokens } from './pointer';
import type { ResolveContext, ResourceLines, StackResource, StackTemplate } from './types';
import { isLoopKey, isPlainObject, isScalar, UNRESOLVED } from './values';

export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** A loop whose collection is known only at deploy time: what it creates cannot be judged here. */
export interface UnexpandedLoop {
  /** `Fn::ForEach::Tables`, or the path of a loop inside a resource. */
  readonly name: string;
  /** The resource the loop sits in, or undefined for a loop of the Resources section. */
  readonly logicalId?: string;
  /** The type its fragment creates, when the fragment names one literally. */
  readonly type?: string;
  readonly line: number;
  readonly reason: string;
}

/** `&{Name}` takes the value without its non-alphanumeric characters (documented for keys). */
function alphanumeric(value: string): string {
  return value.replace(/[^A-Za-z0-9]/g, '');
}

/** The fragment with `${Id}`/`&{Id}` replaced in every key and string, and `{"Ref": Id}` replaced by the value. */
function instantiate(fragment: unknown, identifier: string, value: string): unknown {
  const text = (s: string) => s.split(`\${${identifier}}`).join(value).split(`&{${identifier}}`).join(alphanumeric(value));
  const copy = (node: unknown): unknown => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(copy);
    if (!isPlainObject(node)) return node;
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === 'Ref' && node.Ref === identifier) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) out[text(key)] = copy(item);
    return out;
  };
  return copy(fragment);
}

interface Expansion {
  /** The expanded object. */
  readonly value: Record<string, unknown>;
  /** For each key of `value`, the raw pointer in the document of the entry it came from. */
  readonly sources: Map<string, string>;
}

interface LoopContext {
  /** The document as written: loops are instantiated copies, raw pointers name what was written. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly template: StackTemplate;
  readonly ctx: ResolveContext;
  /** Where unknown loops of the Resources section are reported. */
  readonly unexpanded: UnexpandedLoop[];
  readonly lineOf: (rawPointer: string) => number;
  /** The resource the object belongs to (undefined for the Resources and Conditions sections). */
  readonly logicalId?: string;
}

/**
 * Keys of the written object at `raw`, by position. An instantiated copy has the same keys
 * in the same order with identifiers replaced, so position says which written key it was.
 */
function writtenKeys(loop: LoopContext, raw: string): string[] | undefined {
  let node: unknown = loop.document;
  for (const token of pointerTokens(raw)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return isPlainObject(node) ? Object.keys(node) : undefined;
}

/** The loop's collection as a list of strings, or why it cannot be known here. */
function collection(args: unknown, loop: LoopContext): string[] | string {
  const value = createScope(loop.template, loop.ctx).value(args);
  if (value === UNRESOLVED) return 'its collection is known only at deploy time (a parameter without a value, or a value from another stack)';
  if (!Array.isArray(value) || !value.every(isScalar)) return 'its collection is not a list of strings';
  return value.map(String);
}

function fragmentType(fragment: unknown): string | undefined {
  if (!isPlainObject(fragment)) return undefined;
  const [first] = Object.values(fragment);
  return isPlainObject(first) && typeof first.Type === 'string' ? first.Type : undefined;
}

/**
 * Expands the `Fn::ForEach::Name` keys of one object (nested loops included), keeping every
 * other key in place. `raw` is the object's pointer in the document, for lines and reports.
 * A loop inside a resource whose collection is unknown stays as written: the resolver then
 * leaves the object unjudged, since it does not know what the loop adds to it.
 */
function expandObject(object: Record<string, unknown>, raw: string, loop: LoopContext): Expansion {
  const value: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const written = writtenKeys(loop, raw);
  const entries = Object.entries(object);
  for (const [index, [key, item]] of entries.entries()) {
    const at = childPointer(raw, written?.length === entries.length ? written[index] : key);
    if (!isLoopKey(key)) {
      value[key] = item;
      sources.set(key, at);
      continue;
    }
    const args = Array.isArray(item) && item.length === 3 && typeof item[0] === 'string' && isPlainObject(item[2]) ? (item as [string, unknown, Record<string, unknown>]) : undefined;
    if (!args) throw new InvalidResourceError(loop.template.file, loop.lineOf(at), key, 'Fn::ForEach takes [Identifier, Collection, {OutputKey: OutputValue}]');
    const [identifier, list, fragment] = args;
    const items = collection(list, loop);
    if (typeof items === 'string') {
      if (loop.logicalId !== undefined) {
        value[key] = item;
        sources.set(key, at);
        continue;
      }
      const type = fragmentType(fragment);
      loop.unexpanded.push({ name: key, line: loop.lineOf(at), reason: `${key}: ${items}; the resources it creates are not judged`, ...(type ? { type } : {}) });
      continue;
    }
    const fragmentRaw = childPointer(at, 2);
    for (const name of items) {
      const nested = expandObject(instantiate(fragment, identifier, name) as Record<string, unknown>, fragmentRaw, loop);
      for (const [madeKey, madeValue] of Object.entries(nested.value)) {
        value[madeKey] = madeValue;
        sources.set(madeKey, nested.sources.get(madeKey) as string);
      }
    }
  }
  return { value, sources };
}

/** Expands loops at every level of a value (inside properties too), recording where moved keys come from. */
function expandDeep(node: unknown, raw: string, out: string, loop: LoopContext, sourceOf: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item, i) => expandDeep(item, childPointer(raw, i), childPointer(out, i), loop, sourceOf));
  if (!isPlainObject(node)) return node;
  const { value, sources } = expandObject(node, raw, loop);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const from = sources.get(key) as string;
    sourceOf.set(childPointer(out, key), from);
    result[key] = expandDeep(item, from, childPointer(out, key), loop, sourceOf);
  }
  return result;
}

/** Line of every value of `value` (pointer relative to it), from the raw lines through the recorded sources. */
function linesOf(value: unknown, out: string, raw: string, sourceOf: ReadonlyMap<string, string>, lineOf: (pointer: string) => number): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Array<[unknown, string, string]> = [[value, '', raw]];
  while (stack.length > 0) {
    const [node, relative, source] = stack.pop() as [unknown, string, string];
    lines.set(relative, lineOf(source));
    const entries: Array<[string, unknown]> = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : isPlainObject(node) ? Object.entries(node) : [];
    for (const [key, child] of entries) {
      const childRelative = childPointer(relative, key);
      const absolute = `${out}${childRelative}`;
      stack.push([child, childRelative, sourceOf.get(absolute) ?? childPointer(source, key)]);
    }
  }
  return lines;
}

/** The nearest recorded line of a raw pointer or its ancestors. */
function lineLookup(lines: ReadonlyMap<string, number>): (pointer: string) => number {
  return (pointer) => {
    let current = pointer;
    for (;;) {
      const line = lines.get(current);
      if (line !== undefined) return line;
      if (current === '') return 1;
      current = current.slice(0, current.lastIndexOf('/'));
    }
  };
}

export interface ExpandedStack {
  readonly template: StackTemplate;
  readonly unexpanded: readonly UnexpandedLoop[];
}

/**
 * What the AWS::LanguageExtensions transform makes of a template before the Hook sees
 * anything: `Fn::ForEach` loops of the Resources and Conditions sections and inside
 * resources expanded, so each resource they create is judged as it will be deployed.
 * `Fn::Length`, `Fn::ToJsonString` and `Fn::FindInMap` with `DefaultValue` are evaluated
 * with the other functions. A loop whose collection is unknown here is reported, and
 * nothing is judged from it. Templates without the transform are returned as they are.
 */
export function expandLanguageExtensions(template: StackTemplate, ctx: ResolveContext): ExpandedStack {
  const document = template.document;
  if (!template.transforms.includes(LANGUAGE_EXTENSIONS) || !document || template.expanded) return { template, unexpanded: [] };
  const lineOf = lineLookup(document.lines);
  const unexpanded: UnexpandedLoop[] = [];
  const base: LoopContext = { document: document.root, template, ctx, unexpanded, lineOf };
  const conditionSources = new Map<string, string>();
  const conditions = isPlainObject(document.root.Conditions) ? (expandDeep(document.root.Conditions, '/Conditions', '', base, conditionSources) as Record<string, unknown>) : {};
  // Collections may test conditions: evaluate them against the expanded Conditions section.
  const withConditions: StackTemplate = { ...template, conditions };
  const section = isPlainObject(document.root.Resources) ? document.root.Resources : {};
  const top = expandObject(section, '/Resources', { ...base, template: withConditions });
  const resources: StackResource[] = [];
  const lines = new Map<string, ResourceLines>();
  for (const [logicalId, body] of Object.entries(top.value)) {
    const raw = top.sources.get(logicalId) as string;
    const sourceOf = new Map<string, string>();
    const expanded = expandDeep(body, raw, '', { ...base, template: withConditions, logicalId }, sourceOf);
    const resource = readResource(template.file, logicalId, expanded, lineOf(raw));
    resources.push(resource);
    const propertiesRaw = sourceOf.get('/Properties') ?? childPointer(raw, 'Properties');
    const pointers = isPlainObject(expanded) ? linesOf(expanded.Properties, '/Properties', propertiesRaw, sourceOf, lineOf) : new Map<string, number>();
    lines.set(logicalId, { line: lineOf(raw), pointers });
  }
  const conditionLines = linesOf(conditions, '', '/Conditions', conditionSources, lineOf);
  return { template: { ...withConditions, resources, lines, conditionLines, expanded: true }, unexpanded };
}
