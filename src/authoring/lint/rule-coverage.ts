import { joinPointer } from '../../engine/pointer';
import { ruleOf } from '../../engine/rules/rule';
import { isRecord, resolveRef, subSchemas } from '../../engine/schema-walk';
import type { RuleFinding } from './finding';

/** Keywords whose failure is a finding of the resource (each is filed under the nearest rule). */
const CONSTRAINTS = [
  'type', 'enum', 'const', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'required', 'additionalProperties', 'additionalItems', 'dependencies', 'propertyNames',
  'not', 'contains', 'anyOf', 'oneOf',
];

/** Subschemas whose own errors never reach a finding: `if` decides, `not` and `contains` report only themselves. */
const SILENT = new Set(['if', 'not', 'contains']);

function usesRuleIds(template: unknown): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (!Array.isArray(node) && ruleOf(node) !== undefined) found = true;
    for (const child of Object.values(node)) visit(child);
  };
  visit(template);
  return found;
}

/**
 * In a template that names its rules, a constraint outside every rule is reported as
 * `RCFGE.<keyword>` with a generic title: probably a rule the author forgot to name.
 * Walks from the root through `$ref`, so a definition is judged by the sites that use it.
 */
export function checkRuleCoverage(template: unknown): RuleFinding[] {
  if (!usesRuleIds(template)) return [];
  const findings = new Map<string, RuleFinding>();
  const seen = new Set<string>();
  const walk = (node: unknown, pointer: string, covered: boolean): void => {
    if (!isRecord(node)) {
      if (node === false && !covered && !findings.has(pointer)) findings.set(pointer, missing(pointer, ['false']));
      return;
    }
    const key = `${covered ? 'c' : 'u'}${pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    const inside = covered || ruleOf(node) !== undefined;
    const bare = CONSTRAINTS.filter((k) => k in node && (k === 'additionalProperties' || k === 'additionalItems' ? node[k] === false : true));
    if (!inside && bare.length > 0 && !findings.has(pointer)) findings.set(pointer, missing(pointer, bare));
    const target = resolveRef(template, node);
    if (target) walk(target.node, target.pointer, inside);
    for (const sub of subSchemas(node, pointer)) {
      if (sub.position === 'definition' || SILENT.has(sub.keyword)) continue;
      // `additionalProperties: false` is the parent's constraint, counted there.
      if (sub.node === false && (sub.keyword === 'additionalProperties' || sub.keyword === 'additionalItems')) continue;
      walk(sub.node, sub.pointer, inside);
    }
  };
  walk(template, '', false);
  return [...findings.values()];
}

function missing(pointer: string, keywords: readonly string[]): RuleFinding {
  const list = keywords.map((k) => `"${k}"`).join(', ');
  return {
    path: pointer,
    rule: 'rule-missing',
    severity: 'warning',
    message: `${list} at ${pointer || '/'} ${keywords.length === 1 ? 'is' : 'are'} under no "x-rcfge" rule, so ${keywords.length === 1 ? 'its findings are' : 'their findings are'} reported as RCFGE.<keyword>; give this schema or an enclosing one {"id", "title"} (other rules in this template have ids)`,
  };
}

/** One id, one meaning: the same id with two titles would report one rule under two names. */
export function checkRuleIds(template: unknown): RuleFinding[] {
  const titles = new Map<string, { title: string; pointer: string }>();
  const findings: RuleFinding[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== 'object') return;
    const rule = Array.isArray(node) ? undefined : ruleOf(node);
    if (rule) {
      const first = titles.get(rule.id);
      if (!first) titles.set(rule.id, { title: rule.title, pointer });
      else if (first.title !== rule.title) {
        findings.push({ path: joinPointer(pointer, 'x-rcfge'), rule: 'rule-id', severity: 'warning', message: `rule ${rule.id} has the title ${JSON.stringify(rule.title)} here but ${JSON.stringify(first.title)} at ${first.pointer || '/'}: one id, one title` });
      }
    }
    for (const [k, child] of Object.entries(node)) visit(child, joinPointer(pointer, k));
  };
  visit(template, '');
  return findings;
}
