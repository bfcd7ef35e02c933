import type { ErrorObject } from 'ajv';
import { clip } from './message';
import { CONTAINS_KEYWORD } from './normalize';
import { ENGINE_KEYWORDS } from './keywords';
import { TYPE_KEYWORD } from './keywords/cfn-type';
import { readJsonObject, repeatedKeyMessage } from './keywords/json-object';
import { isAtOrBelow, joinPointer, valueAt } from './pointer';
import { defaultRule } from './rules/defaults';
import { locatorFor, type RuleLocator } from './rules/locate';
import type { Rule } from './rules/rule';

/** What was observed, before it is filed under a rule. */
export interface Violation {
  /** JSON Pointer into the resource's Properties. */
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
}

/**
 * One violation, in the JSON output contract of `rcfge validate`, the Hook's log lines
 * and its messages: filed under the nearest enclosing `x-rcfge` rule, else under the
 * engine's rule for the keyword (`RCFGE.<keyword>`).
 */
export interface Finding extends Violation {
  /** The rule id: the template's `x-rcfge.id`, or `RCFGE.<keyword>`. */
  readonly rule: string;
  readonly title: string;
  readonly remediation?: string;
  readonly controls?: readonly string[];
}

export function underRule(violation: Violation, rule: Rule): Finding {
  return {
    ...violation,
    rule: rule.id,
    title: rule.title,
    ...(rule.remediation !== undefined ? { remediation: rule.remediation } : {}),
    ...(rule.controls !== undefined ? { controls: rule.controls } : {}),
  };
}

/** A finding of the engine itself (template missing or invalid, input too deep), under `RCFGE.<name>`. */
export function engineFinding(name: string, message: string, keyword: string = name): Finding {
  return underRule({ path: '', keyword, message }, defaultRule(name));
}

const MAX_VALUE_CHARS = 120;

function show(value: unknown): string {
  return clip(JSON.stringify(value) ?? String(value), MAX_VALUE_CHARS);
}

const MAX_LISTED_VALUES = 10;

function list(values: unknown): string {
  if (!Array.isArray(values)) return show(values);
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => show(v)).join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown}, … (${values.length} in all)` : shown;
}

/** A `not` of listed values names them (`not: {enum: [22, 3389]}`); any other `not` can only say that it matched. */
function notMessage(schema: unknown, shown: string): string {
  const forbidden = schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>) : {};
  const keys = Object.keys(forbidden).filter((k) => k !== 'type' && k !== TYPE_KEYWORD && k !== 'x-rcfge' && k !== 'description' && k !== '$comment');
  if (keys.length === 1 && Array.isArray(forbidden.enum)) return `value ${shown} is one of the values the template forbids here: ${list(forbidden.enum)}`;
  if (keys.length === 1 && 'const' in forbidden) return `value ${shown} is the value the template forbids here`;
  return `value ${shown} matches a configuration the template forbids`;
}

/** Turns one ajv error into words a DevOps engineer can act on. */
function toViolation(error: ErrorObject, file: string, data: unknown): Violation {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  const value = () => show(valueAt(data, at));
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: joinPointer(at, String(p.additionalProperty)), keyword: 'additionalProperties', message: `property "${String(p.additionalProperty)}" is not approved by template ${file}` };
    case 'unevaluatedProperties':
      return { path: joinPointer(at, String(p.unevaluatedProperty)), keyword: error.keyword, message: `property "${String(p.unevaluatedProperty)}" is not approved by template ${file}` };
    case 'required':
      return { path: joinPointer(at, String(p.missingProperty)), keyword: 'required', message: `required property "${String(p.missingProperty)}" is missing` };
    case 'pattern':
      return { path: at, keyword: 'pattern', message: `value ${value()} does not match the approved pattern ${String(p.pattern)}` };
    case 'enum':
      return { path: at, keyword: 'enum', message: `value ${value()} is not one of the approved values: ${list(p.allowedValues)}` };
    case 'const':
      return { path: at, keyword: 'const', message: `value ${value()} is not approved; it must be ${show(p.allowedValue)}` };
    case 'type':
      if (String(p.type) === 'object' && typeof valueAt(data, at) === 'string') {
        // The JSON text of an object would have been judged as that object (json-strings.ts), unless a key repeats.
        const text = valueAt(data, at) as string;
        const read = readJsonObject(text);
        if (read && 'repeated' in read) return { path: at, keyword: 'type', message: repeatedKeyMessage(value(), read.repeated) };
        // Text that starts like an object but is no JSON; any other string (`"*"`) is simply not an object.
        if (text.trimStart().startsWith('{')) return { path: at, keyword: 'type', message: `value ${value()} is not valid JSON text of an object; the template approves only the object form` };
      }
      return { path: at, keyword: 'type', message: `value ${value()} must be of type ${String(p.type)}` };
    case 'false schema':
      return { path: at, keyword: 'false schema', message: `this property is not approved by template ${file}` };
    case 'not':
      return { path: at, keyword: 'not', message: notMessage(error.schema, value()) };
    case 'anyOf':
    case 'oneOf':
      return { path: at, keyword: error.keyword, message: `value matches none of the approved alternatives${error.keyword === 'oneOf' && p.passingSchemas ? ' (it must match exactly one)' : ''}` };
    case 'contains':
    case CONTAINS_KEYWORD:
      return { path: at, keyword: 'contains', message: `no item has the required configuration (at least ${String(p.minContains ?? 1)} must match the template)` };
    case 'format':
      return { path: at, keyword: 'format', message: `value ${value()} is not a valid ${String(p.format)}` };
    default:
      return otherViolation(error, value);
  }
}

/** The engine's own keywords word their findings in their files; any other keyword gets ajv's words. */
function otherViolation(error: ErrorObject, value: () => string): Violation {
  const own = ENGINE_KEYWORDS.get(error.keyword);
  if (own) return { keyword: error.keyword, ...own.describe(error, show) };
  // A keyword that names its own rule words its whole message.
  if (typeof (error.params as Record<string, unknown>).rule === 'string' && error.message) return { path: error.instancePath, keyword: error.keyword, message: error.message };
  return { path: error.instancePath, keyword: error.keyword, message: `value ${value()} ${error.message ?? 'is not approved'}` };
}

/** `if` only says that `then`/`else` failed, and `then`/`else` report their own errors. */
const SILENT_KEYWORDS = new Set(['if']);

/** The inner `not` of the engine's `contains` macro: its own keyword error says it better. */
function isContainsInternals(error: ErrorObject): boolean {
  return error.keyword === 'not' && error.schemaPath.endsWith(`/${CONTAINS_KEYWORD}/not`);
}

/**
 * Keywords whose verdict at a path does not depend on the values below it: an unapproved
 * or missing key, a wrong count, a wrong type. Everything else (combinators, const, enum,
 * contains, uniqueItems, not) looks into the values, so it cannot be judged at a path
 * that holds a value unknown until deploy time.
 */
const STRUCTURAL_KEYWORDS = new Set([
  'additionalProperties', 'unevaluatedProperties', 'required', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'type', 'propertyNames',
  ...[...ENGINE_KEYWORDS.values()].filter((k) => k.structural).map((k) => k.definition.keyword as string),
]);

/** Keywords whose failing subschemas describe candidates the value did not choose. */
const SUMMARISING_KEYWORDS = new Set(['anyOf', 'oneOf', 'contains', CONTAINS_KEYWORD]);

/**
 * Branch errors under a failed anyOf/oneOf (or the items a failed `contains` tried)
 * describe alternatives the value did not choose; the keyword's own summary is the useful line.
 */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => SUMMARISING_KEYWORDS.has(e.keyword)).map((e) => e.schemaPath);
  return errors.filter(
    (e) => !SILENT_KEYWORDS.has(e.keyword) && !isContainsInternals(e) && !combinators.some((s) => e.schemaPath !== s && e.schemaPath.startsWith(`${s}/`)),
  );
}

/**
 * A keyword that knows its rule better than any enclosing schema (the policy-statement
 * keyword: one id per statement check) puts `rule` and `title` in its error params.
 */
function keywordRule(error: ErrorObject): Rule | undefined {
  const p = error.params as Record<string, unknown>;
  if (typeof p.rule !== 'string' || typeof p.title !== 'string') return undefined;
  const controls = Array.isArray(p.controls) ? p.controls.filter((c): c is string => typeof c === 'string') : undefined;
  return { id: p.rule, title: p.title, ...(typeof p.remediation === 'string' ? { remediation: p.remediation } : {}), ...(controls?.length ? { controls } : {}) };
}

/** The nearest `x-rcfge` rule around the failing keyword, else the engine's rule for it. */
function ruleOf(error: ErrorObject, violation: Violation, locator: RuleLocator | undefined): Rule {
  const own = keywordRule(error);
  if (own) return own;
  const found = locator?.ruleFor({ instancePath: error.instancePath, schema: error.parentSchema, keyword: error.keyword });
  return found ?? defaultRule(violation.keyword);
}

/**
 * ajv errors -> findings, without those at or below an unresolved path (a value only
 * known at deploy time cannot be judged now), deduplicated, in document order.
 */
export function toFindings(
  errors: readonly ErrorObject[] | null | undefined,
  file: string,
  data: unknown,
  unresolved: readonly string[] = [],
  schema?: object,
  /** Decides, for a check above unknown values, that its failure stands whatever they are (see unresolved-contains.ts). */
  judgedAnyway?: (error: ErrorObject) => boolean,
): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const locator = schema ? locatorFor(schema) : undefined;
  for (const error of withoutBranchNoise(errors ?? [])) {
    const violation = toViolation(error, file, data);
    // Judged where ajv judged: an unapproved key under a known object is a finding even if its value is unknown.
    if (unresolved.some((u) => isAtOrBelow(error.instancePath, u))) continue;
    // A check that looks into the values cannot be judged above a value that is unknown.
    if (!STRUCTURAL_KEYWORDS.has(error.keyword) && unresolved.some((u) => u !== error.instancePath && isAtOrBelow(u, error.instancePath)) && !judgedAnyway?.(error)) continue;
    const key = `${violation.path}\u0000${violation.keyword}\u0000${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(underRule(violation, ruleOf(error, violation, locator)));
  }
  return findings;
}
