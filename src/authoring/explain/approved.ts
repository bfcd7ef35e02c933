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
  readonly constraints: readonly string[];
  /** The nearest x-rcfge rule in the template around this value. */
  readonly rule?: string;
  /** Declared open (x-rcfge open): any content, for this reason. */
  readonly open?: string;
  /** Recursive type: the same shape as this ancestor path. */
  readonly sameAs?: string;
}

/** More than any real template lists; a bound against pathological ones. */
const MAX_ENTRIES = 5000;

interface Frame {
  readonly path: string;
  readonly rule?: string;
  /** $ref targets on the way here (recursion stops at the second visit), with the path they were first met at. */
  readonly refs: ReadonlyMap<unknown, string>;
}

/** The schemas that describe one value: the node, its $ref targets, and allOf/anyOf/oneOf branches. */
function facets(root: unknown, node: unknown, refs: Map<unknown, string>, path: string, depth = 0): { nodes: Record<string, unknown>[]; recursiveOf?: string } {
  if (!isRecord(node) || depth > 32) return { nodes: [] };
  const nodes = [node];
  const target = resolveRef(root, node);
  if (target) {
    const seen = refs.get(target.node);
    if (seen !== undefined) return { nodes, recursiveOf: seen };
    refs.set(target.node, path);
    const inner = facets(root, target.node, refs, path, depth + 1);
    if (inner.recursiveOf) return { nodes, recursiveOf: inner.recursiveOf };
    nodes.push(...inner.nodes);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) nodes.push(...facets(root, branch, refs, path, depth + 1).nodes);
  }
  return { nodes };
}

/**
 * Every value the template lets a resource set, from the top: properties (with `required`),
 * list items, map values; each with its type and constraints in words, the rule around
 * it, and whether it is declared open. Conditional rules (if/then) are listed as rules.
 */
export function approvedProperties(template: Record<string, unknown>): ApprovedProperty[] {
  const out: ApprovedProperty[] = [];
  const visit = (node: unknown, frame: Frame, required: boolean): void => {
    if (out.length >= MAX_ENTRIES || !isRecord(node)) return;
    const refs = new Map(frame.refs);
    const { nodes, recursiveOf } = facets(template, node, refs, frame.path);
    const rule = nodes.map((n) => ruleOf(n)?.id).find((id) => id !== undefined) ?? frame.rule;
    if (frame.path !== '') {
      if (recursiveOf !== undefined) {
        out.push({ path: frame.path, required, constraints: [], ...(rule ? { rule } : {}), sameAs: recursiveOf });
        return;
      }
      const open = nodes.map(declaredOpen).find((why) => why !== undefined);
      const type = nodes.map(typeWords).find((t) => t !== undefined);
      const constraints = [...new Set(nodes.flatMap(constraintWords))];
      out.push({ path: frame.path, ...(type ? { type } : {}), required, constraints, ...(rule ? { rule } : {}), ...(open ? { open } : {}) });
      if (open !== undefined) return;
    }
    const next = (path: string) => ({ path, rule, refs });
    const requiredNames = new Set(nodes.flatMap((n) => (Array.isArray(n.required) ? n.required.map(String) : [])));
    const listed = new Set<string>();
    for (const n of nodes) {
      if (isRecord(n.properties)) {
        for (const [name, child] of Object.entries(n.properties)) {
          if (listed.has(name)) continue;
          listed.add(name);
          visit(child, next(`${frame.path}/${escapeToken(name)}`), requiredNames.has(name));
        }
      }
      if (isRecord(n.patternProperties)) for (const [pattern, child] of Object.entries(n.patternProperties)) visit(child, next(`${frame.path}/{${pattern}}`), false);
      if (isRecord(n.additionalProperties) && !isRecord(n.properties)) visit(n.additionalProperties, next(`${frame.path}/{name}`), false);
      if (isRecord(n.items)) visit(n.items, next(`${frame.path}/*`), false);
      if (Array.isArray(n.items)) n.items.forEach((child, i) => visit(child, next(`${frame.path}/${i}`), false));
    }
  };
  visit(template, { path: '', refs: new Map() }, false);
  return out;
}
