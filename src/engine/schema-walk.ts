import { joinPointer } from './pointer';
import { DATA_KEYWORDS } from './vocabulary';

export type SchemaNode = boolean | Record<string, unknown>;

/** How a subschema relates to the instance its parent validates. */
export type Position =
  /** Applies to a child value (a property, an array item): it must gate that value. */
  | 'child'
  /** Applies to the same value and can admit it (allOf/anyOf/oneOf/then/else, dependencies). */
  | 'same'
  /** Only decides or forbids (if, not, contains, propertyNames): never admits anything. */
  | 'condition'
  /** A definitions table entry: reached only through `$ref`. */
  | 'definition';

export interface SubSchema {
  readonly node: unknown;
  readonly pointer: string;
  readonly keyword: string;
  readonly position: Position;
}

const MAP_KEYWORDS: Record<string, Position> = {
  properties: 'child',
  patternProperties: 'child',
  definitions: 'definition',
  $defs: 'definition',
  dependencies: 'same',
};
const SINGLE_KEYWORDS: Record<string, Position> = {
  additionalProperties: 'child',
  items: 'child',
  additionalItems: 'child',
  then: 'same',
  else: 'same',
  if: 'condition',
  not: 'condition',
  contains: 'condition',
  propertyNames: 'condition',
};
const LIST_KEYWORDS: Record<string, Position> = { allOf: 'same', anyOf: 'same', oneOf: 'same', items: 'child', prefixItems: 'child' };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The direct subschemas of a schema, with where they sit. Keywords that hold data (enum, const) are never entered. */
export function subSchemas(node: unknown, pointer: string): SubSchema[] {
  if (!isRecord(node)) return [];
  const out: SubSchema[] = [];
  for (const [keyword, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(keyword)) continue;
    const at = joinPointer(pointer, keyword);
    if (keyword in MAP_KEYWORDS && isRecord(value)) {
      for (const [name, child] of Object.entries(value)) {
        // `dependencies` may also list property names (an array): that is data, not a schema.
        if (keyword === 'dependencies' && Array.isArray(child)) continue;
        out.push({ node: child, pointer: joinPointer(at, name), keyword, position: MAP_KEYWORDS[keyword] });
      }
    } else if (keyword in LIST_KEYWORDS && Array.isArray(value)) {
      value.forEach((child, i) => out.push({ node: child, pointer: joinPointer(at, i), keyword, position: LIST_KEYWORDS[keyword] }));
    } else if (keyword in SINGLE_KEYWORDS && (isRecord(value) || typeof value === 'boolean')) {
      out.push({ node: value, pointer: at, keyword, position: SINGLE_KEYWORDS[keyword] });
    }
  }
  return out;
}

/** Every schema in the document (depth first, the root included), whatever its position. */
export function everySchema(root: unknown, visit: (node: unknown, pointer: string, keyword: string | undefined) => void): void {
  const walk = (node: unknown, pointer: string, keyword: string | undefined): void => {
    visit(node, pointer, keyword);
    for (const sub of subSchemas(node, pointer)) walk(sub.node, sub.pointer, sub.keyword);
  };
  walk(root, '', undefined);
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node a JSON Pointer names, or undefined. */
export function nodeAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[unescapeToken(token)];
    else return undefined;
  }
  return node;
}

/** A local `$ref` (`#/definitions/X`) as a pointer, or undefined for anything else. */
export function refPointer(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const fragment = ref.slice(1);
  if (fragment !== '' && !fragment.startsWith('/')) return undefined;
  try {
    return decodeURIComponent(fragment); // a $ref is a URI: `%25` in it is `%` in the pointer
  } catch {
    return fragment;
  }
}

/** The local target of a schema's `$ref`, with its pointer. */
export function resolveRef(root: unknown, node: unknown): { node: unknown; pointer: string } | undefined {
  if (!isRecord(node)) return undefined;
  const pointer = refPointer(node.$ref);
  if (pointer === undefined) return undefined;
  const target = nodeAt(root, pointer);
  return target === undefined ? undefined : { node: target, pointer };
}

/** Replaces the node a pointer names (not the root). */
export function setAt(root: unknown, pointer: string, value: unknown): void {
  const tokens = pointer.split('/').slice(1);
  const last = tokens.pop();
  const parent = nodeAt(root, tokens.length ? `/${tokens.join('/')}` : '');
  if (last === undefined) return;
  const key = unescapeToken(last);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else if (isRecord(parent)) parent[key] = value;
}
