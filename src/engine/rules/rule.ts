import { isRecord } from '../schema-walk';

/**
 * A policy rule a template attaches to any subschema with
 * `"x-rcfge": {"id", "title", "remediation", "controls"}`. Every violation inside that
 * subschema is reported under the nearest such rule.
 */
export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly remediation?: string;
  /** Control ids the rule implements (e.g. `CT.EC2.PR.4`), for auditors and reports. */
  readonly controls?: readonly string[];
}

/** `RCFGE.` is the prefix of the engine's own rules (`RCFGE.enum`); a template cannot take it. */
export const DEFAULT_RULE_PREFIX = 'RCFGE.';

/** Printable, no spaces: it is a SARIF ruleId and appears in brackets in messages. */
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_TITLE_CHARS = 200;

const RULE_KEYS = ['id', 'title', 'remediation', 'controls'] as const;
const ROOT_KEYS = new Set<string>(['delete', 'open', ...RULE_KEYS]);
const NESTED_KEYS = new Set<string>(['open', ...RULE_KEYS]);

/**
 * What is wrong with one `x-rcfge` value, or undefined when it is valid. At the top level
 * it also holds the delete policy and the template's remediation; anywhere else it holds
 * `open` and/or a rule. A rule needs both an id and a title: a typo such as `titel` must
 * not leave a finding without the words the author wrote.
 */
export function extensionProblem(value: unknown, isRoot: boolean): string | undefined {
  if (!isRecord(value)) return 'must be an object such as {"id": "ORG-S3-1", "title": "..."}';
  const allowed = isRoot ? ROOT_KEYS : NESTED_KEYS;
  const unknown = Object.keys(value).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    const where = isRoot ? '' : ' ("delete" belongs at the top level only)';
    return `has unknown key(s) ${unknown.join(', ')}; allowed: ${[...allowed].join(', ')}${unknown.includes('delete') ? where : ''}`;
  }
  if ('open' in value && typeof value.open !== 'string') return '"open" must be a string saying why the object is open';
  for (const key of ['title', 'remediation'] as const) {
    if (key in value && (typeof value[key] !== 'string' || value[key] === '')) return `"${key}" must be a non-empty string`;
  }
  const hasRule = 'id' in value || 'title' in value || 'controls' in value || (!isRoot && 'remediation' in value);
  if (!hasRule) return undefined;
  if (typeof value.id !== 'string' || !RULE_ID.test(value.id)) {
    return `a rule needs an "id" of letters, digits and . _ : - (e.g. "ORG-EC2-1"), got ${JSON.stringify(value.id)}`;
  }
  if (value.id.startsWith(DEFAULT_RULE_PREFIX)) return `rule id ${value.id}: the prefix ${DEFAULT_RULE_PREFIX} is reserved for the engine's own rules`;
  if (typeof value.title !== 'string') return `rule ${value.id} needs a "title" (what the rule requires, in words)`;
  if (value.title.length > MAX_TITLE_CHARS) return `rule ${value.id}: "title" is longer than ${MAX_TITLE_CHARS} characters`;
  if ('controls' in value && (!Array.isArray(value.controls) || !value.controls.every((c) => typeof c === 'string' && c !== ''))) {
    return `rule ${value.id}: "controls" must be a list of control ids such as ["CT.EC2.PR.4"]`;
  }
  return undefined;
}

/** The rule a (valid) schema node declares, if any. */
export function ruleOf(node: unknown): Rule | undefined {
  if (!isRecord(node)) return undefined;
  const ext = node['x-rcfge'];
  if (!isRecord(ext) || typeof ext.id !== 'string' || typeof ext.title !== 'string') return undefined;
  return {
    id: ext.id,
    title: ext.title,
    ...(typeof ext.remediation === 'string' ? { remediation: ext.remediation } : {}),
    ...(Array.isArray(ext.controls) ? { controls: ext.controls.filter((c): c is string => typeof c === 'string') } : {}),
  };
}
