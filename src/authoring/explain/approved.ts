import { escapeToken } from '../../engine/pointer';
import { ruleOf } from '../../engine/rules/rule';
import { isRecord, resolveRef } from '../../engine/schema-walk';
import { declaredOpen } from '../openness';
import { constraintWords, typeWords } from './words';

/** One approved place of the resource's properties: `/SecurityGroupIngress/*\/CidrIp`. */
export interface ApprovedProperty {
  /** JSON Pointer of the value; `*` stands for every item of a list, `{name}` for every key of a map. */
  readonly path: string;
  readonly type?: string;
  readonly required: boolean;
  /** When `required` is filed under another rule than `rule` (a rule that requires the property). */
  readonly requiredRule?: string;
  /** In words; a constraint filed under another rule than `rule` ends with `[that rule]`. */
  readonly constraints: readonly string[];
  /** The rule the engine files this value's own findings under (its schema's nearest x-rcfge rule). */
  readonly rule?: string;
  /** Declared open (x-rcfge open): any content, for this reason. */
  readonly open?: string;
  /** Recursive type: the same shape as this ancestor path. */
  readonly sameAs?: string;
}

/** More than any real template lists; a bound against pathological ones. */
const MAX_ENTRIES = 5000;

/** One schema that judges a value, with the rule the engine files its keywords' findings under. */
interface Facet {
  readonly node: Record<string, unknown>;
  readonly rule?: string;
}

/** A schema that applies to a value, and the rule that encloses it where it is applied. */
interface Entry {
  readonly node: unknown;
  readonly rule?: string;
}

/**
 * The schemas that judge one value: the node, its `$ref` targets and allOf/anyOf/oneOf
 * branches, each with its own rule: a rule on a branch encloses that branch only (as the
 * engine's rule locator walks), while a rule on the node or a `$ref` target encloses
 * everything below it. `main` is the last schema of the `$ref` chain: the value's own rule.
 */
function facetsOf(root: unknown, entry: Entry, refs: Map<unknown, string>, path: string, depth = 0): { facets: Facet[]; main?: Facet; recursiveOf?: string } {
  const node = entry.node;
  if (!isRecord(node) || depth > 32) return { facets: [] };
  const rule = ruleOf(node)?.id ?? entry.rule;
  const self: Facet = rule === undefined ? { node } : { node, rule };
  const facets = [self];
  let main = self;
  const target = resolveRef(root, node);
  if (target) {
    const seen = refs.get(target.node);
    if (seen !== undefined) return { facets, main, recursiveOf: seen };
    refs.set(target.node, path);
    const inner = facetsOf(root, { node: target.node, rule }, refs, path, depth + 1);
    if (inner.recursiveOf) return { facets, main, recursiveOf: inner.recursiveOf };
    facets.push(...inner.facets);
    main = inner.main ?? main;
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) facets.push(...facetsOf(root, { node: branch, rule }, refs, path, depth + 1).facets);
  }
  return { facets, main };
}

/** Words for the constraints of every facet; those filed under another rule than the value's say which. */
function wordsOf(facets: readonly Facet[], rule: string | undefined): string[] {
  const words = facets.flatMap((f) => constraintWords(f.node).map((w) => (f.rule !== undefined && f.rule !== rule ? `${w} [${f.rule}]` : w)));
  return [...new Set(words)];
}

/**
 * Every value the template lets a resource set, from the top: properties (with `required`),
 * list items, map values; each with its type and constraints in words, the rule the engine
 * files its findings under, and whether it is declared open. Conditional rules (if/then)
 * are listed as rules.
 */
export function approvedProperties(template: Record<string, unknown>): ApprovedProperty[] {
  const out: ApprovedProperty[] = [];
  /** `entries`: every schema applied to this value (a property listed by several branches has several). */
  const visit = (entries: readonly Entry[], path: string, refsIn: ReadonlyMap<unknown, string>, required: string | false): void => {
    if (out.length >= MAX_ENTRIES || entries.length === 0) return;
    const refs = new Map(refsIn);
    const first = facetsOf(template, entries[0], refs, path);
    const facets = [...first.facets, ...entries.slice(1).flatMap((e) => facetsOf(template, e, new Map(refs), path).facets)];
    if (facets.length === 0) return;
    const rule = first.main?.rule ?? entries[0].rule;
    if (path !== '') {
      const ruled = rule ? { rule } : {};
      if (first.recursiveOf !== undefined) {
        out.push({ path, required: required !== false, constraints: [], ...ruled, sameAs: first.recursiveOf });
        return;
      }
      const open = facets.map((f) => declaredOpen(f.node)).find((why) => why !== undefined);
      const type = facets.map((f) => typeWords(f.node)).find((t) => t !== undefined);
      const requiredRule = required !== false && required !== '' && required !== rule ? { requiredRule: required } : {};
      out.push({ path, ...(type ? { type } : {}), required: required !== false, ...requiredRule, constraints: wordsOf(facets, rule), ...ruled, ...(open ? { open } : {}) });
      if (open !== undefined) return;
    }
    // `required` is judged on this object: filed under the rule of the schema that lists the name.
    const requiredBy = new Map<string, string>();
    for (const f of facets) if (Array.isArray(f.node.required)) for (const name of f.node.required.map(String)) if (!requiredBy.has(name)) requiredBy.set(name, f.rule ?? '');
    const children = new Map<string, Entry[]>();
    const add = (childPath: string, entry: Entry) => children.set(childPath, [...(children.get(childPath) ?? []), entry]);
    for (const f of facets) {
      const at = (node: unknown): Entry => (f.rule === undefined ? { node } : { node, rule: f.rule });
      const n = f.node;
      if (isRecord(n.properties)) for (const [name, child] of Object.entries(n.properties)) add(`${path}/${escapeToken(name)}`, at(child));
      if (isRecord(n.patternProperties)) for (const [pattern, child] of Object.entries(n.patternProperties)) add(`${path}/{${pattern}}`, at(child));
      if (isRecord(n.additionalProperties) && !isRecord(n.properties)) add(`${path}/{name}`, at(n.additionalProperties));
      if (isRecord(n.items)) add(`${path}/*`, at(n.items));
      if (Array.isArray(n.items)) n.items.forEach((child, i) => add(`${path}/${i}`, at(child)));
    }
    for (const [childPath, childEntries] of children) {
      const name = childPath.slice(path.length + 1);
      const by = requiredBy.get(name.replace(/~1/g, '/').replace(/~0/g, '~'));
      visit(childEntries, childPath, refs, by === undefined ? false : by);
    }
  };
  visit([{ node: template }], '', new Map(), false);
  return out;
}
