import { isRecord, resolveRef } from '../schema-walk';
import { ruleOf, type Rule } from './rule';

/** Applicators whose subschemas judge the same value as their parent and whose errors reach the result. */
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_VALUE_SINGLES = ['then', 'else', 'propertyNames'] as const;
const SAME_VALUE_MAPS = ['dependencies', 'dependentSchemas'] as const;

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** What to look for: the schema node ajv reports as the error's `parentSchema`, at the error's instance path. */
export interface RuleQuery {
  readonly instancePath: string;
  /** The subschema holding the failing keyword (ajv `parentSchema`, verbose mode). */
  readonly schema?: unknown;
  /** Used when the keyword did not report its schema: the first subschema with this keyword matches. */
  readonly keyword: string;
}

const MAX_MEMO = 4096;

const NOT_FOUND = Symbol('not found');
type Found = Rule | undefined | typeof NOT_FOUND;

/**
 * Finds the nearest `x-rcfge` rule enclosing a failing keyword. A definition reached
 * through `$ref` has no lexical parent, and ajv's `schemaPath` inside it does not say
 * which reference led there; so the locator walks the schema from the root along the
 * error's instance path (properties, items, ... consume one token; `$ref`, allOf,
 * then/else consume none) until it meets the failing subschema, and the last rule on
 * that walk is the nearest. Each (subschema, depth) pair is visited once, so recursive
 * types end and the cost is bounded by the schema's size times the path's length.
 */
export class RuleLocator {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  private readonly memo = new Map<string, Rule | undefined>();

  constructor(private readonly root: unknown) {}

  ruleFor(query: RuleQuery): Rule | undefined {
    const key = `${this.idOf(query.schema)}\u0000${query.keyword}\u0000${query.instancePath}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const tokens = query.instancePath.split('/').slice(1).map(unescapeToken);
    const matches = query.schema !== undefined
      ? (node: unknown) => node === query.schema
      : (node: unknown) => isRecord(node) && query.keyword in node;
    const found = this.search(tokens, matches);
    const rule = found === NOT_FOUND ? (ruleOf(query.schema) ?? ruleOf(this.root)) : found;
    // Instance paths vary with the data (/Tags/0 ... /Tags/999): keep the memo bounded.
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(key, rule);
    return rule;
  }

  private idOf(node: unknown): string {
    if (node === null || typeof node !== 'object') return String(node);
    let id = this.ids.get(node);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(node, id);
    }
    return `#${id}`;
  }

  private search(tokens: readonly string[], matches: (node: unknown) => boolean): Found {
    const visited = new Set<string>();
    const visit = (node: unknown, depth: number, enclosing: Rule | undefined): Found => {
      const rule = ruleOf(node) ?? enclosing;
      if (depth === tokens.length && matches(node)) return rule;
      if (!isRecord(node)) return NOT_FOUND;
      const key = `${this.idOf(node)}@${depth}`;
      if (visited.has(key)) return NOT_FOUND;
      visited.add(key);
      for (const next of this.sameValue(node)) {
        const found = visit(next, depth, rule);
        if (found !== NOT_FOUND) return found;
      }
      if (depth === tokens.length) return NOT_FOUND;
      for (const next of childrenFor(node, tokens[depth])) {
        const found = visit(next, depth + 1, rule);
        if (found !== NOT_FOUND) return found;
      }
      return NOT_FOUND;
    };
    return visit(this.root, 0, undefined);
  }

  private sameValue(node: Record<string, unknown>): unknown[] {
    const out: unknown[] = [];
    const target = resolveRef(this.root, node);
    if (target) out.push(target.node);
    for (const key of SAME_VALUE_LISTS) if (Array.isArray(node[key])) out.push(...(node[key] as unknown[]));
    for (const key of SAME_VALUE_SINGLES) if (key in node) out.push(node[key]);
    for (const key of SAME_VALUE_MAPS) {
      const map = node[key];
      if (isRecord(map)) out.push(...Object.values(map).filter((v) => !Array.isArray(v)));
    }
    return out;
  }
}

/**
 * The subschemas that may judge the child value named `token`. Pattern properties are not
 * matched against the name (they may need the linear-time engine): the failing subschema's
 * identity already tells the branches apart.
 */
function childrenFor(node: Record<string, unknown>, token: string): unknown[] {
  const out: unknown[] = [];
  if (isRecord(node.properties) && Object.hasOwn(node.properties, token)) out.push(node.properties[token]);
  if (isRecord(node.patternProperties)) out.push(...Object.values(node.patternProperties));
  if ('additionalProperties' in node) out.push(node.additionalProperties);
  const index = /^(?:0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
  if (index !== undefined) {
    for (const key of ['items', 'prefixItems'] as const) {
      const items = node[key];
      if (Array.isArray(items)) {
        if (index < items.length) out.push(items[index]);
      } else if (items !== undefined) out.push(items);
    }
    if ('additionalItems' in node) out.push(node.additionalItems);
  }
  return out;
}

const locators = new WeakMap<object, RuleLocator>();

/** One locator per compiled schema (its memo serves every request of a warm runtime). */
export function locatorFor(root: object): RuleLocator {
  let locator = locators.get(root);
  if (!locator) {
    locator = new RuleLocator(root);
    locators.set(root, locator);
  }
  return locator;
}
