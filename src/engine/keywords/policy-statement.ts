import type { ErrorObject, SchemaValidateFunction } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types';
import { parseActionEntry } from '../iam/actions';
import type { IamCatalogue } from '../iam/catalogue';
import { hasWildcard } from '../iam/glob';
import { IAM_RULES, type IamViolation } from '../iam/rules';
import { DEFAULT_PRIVILEGED_ACTIONS, judgeStatement, type StatementRules } from '../iam/statement';
import type { EngineKeyword } from './keyword';

export const POLICY_STATEMENT_KEYWORD = 'policyStatement';

/** What the Enforcer passes to every validation (ajv `passContext`): the approved IAM catalogue, when loaded. */
export interface ValidationContext {
  readonly iam?: IamCatalogue;
}

/** The typed error of this keyword: a message that speaks policy, under the rule it broke. */
export type PolicyStatementError = ErrorObject<'policyStatement', { rule: string; title: string; remediation: string; controls?: readonly string[] }, unknown>;

/** Options as a template writes them; `true` means every default. */
interface Options {
  readonly privileged?: readonly string[];
  readonly approved?: readonly string[];
  readonly wildcards?: 'catalogue' | 'explicit';
}

/** A single `service:Action` without wildcards, or the template is refused at compile time. */
function checkedName(option: string, value: string): string {
  const parsed = parseActionEntry(value);
  if (parsed.kind !== 'named' || hasWildcard(value)) {
    throw new Error(`policyStatement.${option}: ${JSON.stringify(value)} must be one action written service:Action, without wildcards`);
  }
  return value;
}

const OPTION_NAMES = ['privileged', 'approved', 'wildcards'];

function stringList(option: string, value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`policyStatement.${option} must be a list of actions (strings)`);
  return value;
}

/** The options checked with messages that say what to write (ajv's meta-schema errors do not). */
function rulesOf(options: unknown): StatementRules {
  if (options !== true && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new Error(`policyStatement must be true or an object of options (${OPTION_NAMES.join(', ')})`);
  }
  const raw = (options === true ? {} : options) as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((k) => !OPTION_NAMES.includes(k));
  if (unknown.length > 0) throw new Error(`policyStatement has unknown option(s) ${unknown.join(', ')}; the options are ${OPTION_NAMES.join(', ')}`);
  if (raw.wildcards !== undefined && raw.wildcards !== 'catalogue' && raw.wildcards !== 'explicit') {
    throw new Error(`policyStatement.wildcards must be "catalogue" or "explicit", not ${JSON.stringify(raw.wildcards)}`);
  }
  const o: Options = { privileged: stringList('privileged', raw.privileged), approved: stringList('approved', raw.approved), wildcards: raw.wildcards as Options['wildcards'] };
  return {
    privileged: (o.privileged ?? DEFAULT_PRIVILEGED_ACTIONS).map((name) => checkedName('privileged', name)),
    approved: new Set((o.approved ?? []).map((name) => checkedName('approved', name).toLowerCase())),
    wildcards: o.wildcards ?? 'catalogue',
  };
}

function toError(v: IamViolation, base: string): Partial<PolicyStatementError> {
  return { keyword: 'policyStatement', instancePath: base + v.path, message: v.message, params: { rule: v.rule, title: v.title, remediation: v.remediation, ...(v.controls ? { controls: v.controls } : {}) } };
}

/**
 * `"policyStatement": true | {...}` on the schema of an IAM policy statement: every
 * Action/NotAction entry names an action of the approved catalogue; Allow statements grant
 * no `*`, `service:*` or NotAction, and no privileged action on every resource unless
 * approved; policy variables are spelt as IAM resolves them. Deny statements may name any
 * catalogue action or pattern. Without a catalogue in the validation context it fails closed.
 */
export const policyStatement: EngineKeyword<PolicyStatementError> = {
  title: 'Policy statement rules',
  // It judges a statement's values (effect, actions, resources), so not above unknown ones.
  structural: false,
  // Messages are complete and point below the statement (`/Action/1`); each error names its own rule.
  describe: (error) => ({ path: error.instancePath, message: error.message ?? 'the statement breaks a policy rule' }),
  definition: {
    keyword: POLICY_STATEMENT_KEYWORD,
    type: 'object',
    schemaType: ['boolean', 'object'],
    errors: true,
    compile(options: unknown) {
      if (options === false) return () => true;
      const rules = rulesOf(options);
      const check = function (this: ValidationContext | undefined, data: unknown, cxt?: DataValidationCxt): boolean {
        const base = cxt?.instancePath ?? '';
        const catalogue = this?.iam;
        const violations: IamViolation[] = catalogue
          ? judgeStatement(data as Record<string, unknown>, catalogue, rules)
          : [{ ...IAM_RULES.notInCatalogue, path: '', message: 'no IAM catalogue was loaded, so the statement cannot be judged (the Hook fails closed)' }];
        (check as SchemaValidateFunction).errors = violations.map((v) => toError(v, base));
        return violations.length === 0;
      };
      return check as SchemaValidateFunction;
    },
  },
};
