import { globCovers } from '../glob-cover';
import { LruCache } from '../lru';
import { joinPointer } from '../pointer';
import { closest } from '../suggest';
import type { EntryAnalysis, IamCatalogue } from './catalogue';
import { globMatch } from './glob';
import { IAM_RULES, type IamRule, type IamViolation } from './rules';
import { misspeltVariable, variablesIn } from './variables';

/**
 * Actions that let a principal act as, or grant itself, more than the policy says: on
 * `Resource: "*"` they reach every role, user and policy of the account. The default
 * list of the `privileged` option (documented in templates/README.md).
 */
export const DEFAULT_PRIVILEGED_ACTIONS: readonly string[] = [
  'iam:PassRole',
  'iam:CreateAccessKey',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AddUserToGroup',
  'sts:AssumeRole',
];

/** How one template judges statements (the `policyStatement` keyword's options, checked). */
export interface StatementRules {
  /** `service:Action` names, as written. */
  readonly privileged: readonly string[];
  /** Lower-case `service:action` names approved on every resource. */
  readonly approved: ReadonlySet<string>;
  /** `explicit`: Allow statements may not use wildcards at all. */
  readonly wildcards: 'catalogue' | 'explicit';
}

export const DEFAULT_STATEMENT_RULES: StatementRules = { privileged: DEFAULT_PRIVILEGED_ACTIONS, approved: new Set(), wildcards: 'catalogue' };

type Effect = 'Allow' | 'Deny' | undefined;
type NamedEntry = Extract<EntryAnalysis, { kind: 'named' }>;

/** `/Action` or `/Action/3`: built only when there is something to report. */
function pathOf(key: string, index: number | undefined): string {
  return index === undefined ? `/${key}` : `/${key}/${index}`;
}

/** Calls `visit` for each string of a string-or-list element; anything else (unresolved, wrong type) is the schema's business. */
function eachString(value: unknown, visit: (text: string, index: number | undefined) => void): void {
  if (typeof value === 'string') {
    visit(value, undefined);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'string') visit(value[i] as string, i);
  }
}

function violation(rule: IamRule, path: string, message: string): IamViolation {
  return { ...rule, path, message };
}

function notInCatalogue(text: string, path: string, entry: NamedEntry, catalogue: IamCatalogue, effect: Effect): IamViolation {
  const { service, action } = entry;
  const quoted = JSON.stringify(text);
  const denyNote = effect === 'Deny' ? '; a Deny that names no action denies nothing' : '';
  if (!entry.serviceWildcard && !catalogue.hasService(service)) {
    const hint = closest(service.toLowerCase(), catalogue.prefixes);
    return violation(IAM_RULES.notInCatalogue, path, `${quoted}: ${service} is not a service prefix in the approved IAM catalogue${hint ? ` (did you mean ${hint}?)` : ''}${denyNote}`);
  }
  if (entry.serviceWildcard || entry.actionWildcard) {
    return violation(IAM_RULES.notInCatalogue, path, `${quoted} matches no action in the approved IAM catalogue${denyNote}`);
  }
  const hint = closest(action, catalogue.actionsOf(service));
  const why = hint
    ? ` (did you mean ${service.toLowerCase()}:${hint}?)`
    : ' (if AWS added it recently, the security team approves it by updating and publishing iam-actions.json: rcfge iam-catalogue update)';
  return violation(IAM_RULES.notInCatalogue, path, `${quoted} is not in the approved IAM catalogue${why}${denyNote}`);
}

/** An Allow entry that is, or would grant, actions the catalogue withholds (published by AWS, not approved yet). */
function notApprovedYet(text: string, path: string, withheld: readonly string[], how: 'is' | 'grants' | 'also grants'): IamViolation {
  const shown = withheld.length <= 5 ? withheld.join(', ') : `${withheld.slice(0, 5).join(', ')} and ${withheld.length - 5} more`;
  const what = how === 'is' ? `${JSON.stringify(text)} is` : `${JSON.stringify(text)} ${how} ${shown}, which ${withheld.length === 1 ? 'is' : 'are'}`;
  return violation(
    IAM_RULES.notInCatalogue,
    path,
    `${what} not approved yet (withheld in the approved IAM catalogue until the security team approves ${withheld.length === 1 ? 'it' : 'them'}: rcfge iam-catalogue approve, then rcfge publish)${how === 'also grants' ? '; list the approved actions needed' : ''}`,
  );
}

/** "Every resource": `Resource: "*"`, or `NotResource` (all resources but those listed). */
function onEveryResource(statement: Record<string, unknown>): string | undefined {
  if (statement.NotResource !== undefined) return 'NotResource';
  let every: string | undefined;
  eachString(statement.Resource, (text) => {
    if (every === undefined && matchesEveryResource(text)) every = `Resource ${JSON.stringify(text)}`;
  });
  return every;
}

/**
 * `*`, and any other spelling of it: only wildcards (`**`, `?*`), or a pattern that matches
 * every ARN (`arn:*`, `*:*`, `arn:*:*:*:*:*`) or every ARN of one partition (`arn:aws:*`).
 * Judged as plain globs (a wildcard may cross a colon): a pattern written to match
 * everything is refused even where IAM's field-by-field reading would narrow it.
 */
function matchesEveryResource(text: string): boolean {
  if (/^[*?]*\*[*?]*$/.test(text)) return true;
  if (!text.includes('*')) return false;
  const known = everyResourceAnswers.get(text);
  if (known !== undefined) return known;
  const lower = text.toLowerCase();
  const partition = /^arn:([a-z0-9-]+):/.exec(lower)?.[1];
  const answer = globCovers(lower, 'arn:*:*:*:*:*') || (partition !== undefined && globCovers(lower, `arn:${partition}:*:*:*:*`));
  everyResourceAnswers.set(text, answer);
  return answer;
}

/** Resource patterns recur across invocations of a warm runtime. */
const everyResourceAnswers = new LruCache<string, boolean>(4096);

/** Allow-only rules for one catalogue-known entry; at most one violation, the broadest first. */
function judgeGrant(text: string, path: string, entry: NamedEntry, catalogue: IamCatalogue, rules: StatementRules, everyResource: string | undefined): IamViolation | undefined {
  if (entry.serviceWildcard) {
    const count = catalogue.match(entry.service, '*').services.length;
    return violation(IAM_RULES.broadGrant, path, `${JSON.stringify(text)} grants actions of every service its prefix matches (${count} today, more as AWS adds them); name the service`);
  }
  if (entry.wholeService) {
    return violation(IAM_RULES.broadGrant, path, `${JSON.stringify(text)} grants every ${entry.service.toLowerCase()} action, including those AWS adds later; list the actions needed`);
  }
  if (entry.actionWildcard) {
    const withheld = catalogue.withheldMatching(entry.service, entry.action);
    if (withheld.length > 0) return notApprovedYet(text, path, withheld, 'also grants');
  }
  if (rules.wildcards === 'explicit' && entry.actionWildcard) {
    const n = entry.count;
    return violation(IAM_RULES.explicit, path, `${JSON.stringify(text)} is a wildcard: it grants ${n} action${n === 1 ? '' : 's'} of the catalogue today and any matching action AWS adds later; list the actions needed`);
  }
  if (everyResource === undefined) return undefined;
  const reached = rules.privileged.filter((p) => !rules.approved.has(p.toLowerCase()) && globMatch(entry.lower, p.toLowerCase()));
  if (reached.length === 0) return undefined;
  return violation(
    IAM_RULES.privileged,
    path,
    `${JSON.stringify(text)} grants ${reached.join(', ')} on every resource (${everyResource}); name the resources it needs (ARNs), or ask the security team to approve ${reached.length === 1 ? 'it' : 'them'} in the Hook's TemplateParameters`,
  );
}

function judgeActions(statement: Record<string, unknown>, catalogue: IamCatalogue, rules: StatementRules, effect: Effect, out: IamViolation[]): void {
  const everyResource = effect === 'Allow' ? onEveryResource(statement) : undefined;
  for (const key of ['Action', 'NotAction'] as const) {
    const grants = effect === 'Allow' && key === 'Action';
    eachString(statement[key], (text, index) => {
      const entry = catalogue.analyse(text);
      if (entry.kind === 'malformed') {
        out.push(violation(IAM_RULES.malformed, pathOf(key, index), `${JSON.stringify(text)} is not an IAM action: it ${entry.why}; write service:Action (e.g. s3:GetObject)`));
      } else if (entry.kind === 'all') {
        if (grants) out.push(violation(IAM_RULES.broadGrant, pathOf(key, index), '"*" grants every action of every service, including those AWS adds later; list the actions needed'));
      } else if (entry.count === 0) {
        // A withheld action is real: a Deny may name it; an Allow may not, until it is approved.
        const withheld = catalogue.withheldMatching(entry.service, entry.action);
        if (withheld.length === 0) out.push(notInCatalogue(text, pathOf(key, index), entry, catalogue, effect));
        else if (grants) out.push(notApprovedYet(text, pathOf(key, index), withheld, entry.actionWildcard || entry.serviceWildcard ? 'grants' : 'is'));
      } else if (grants) {
        const grant = judgeGrant(text, pathOf(key, index), entry, catalogue, rules, everyResource);
        if (grant) out.push(grant);
      }
    });
  }
  if (effect === 'Allow' && statement.NotAction !== undefined) {
    out.push(violation(IAM_RULES.notAction, '/NotAction', 'Allow with NotAction grants every action except those listed, including every action AWS adds later; use Action with the actions needed'));
  }
}

/** Walks Resource/NotResource/Condition values; the pointer is built only for a violation. */
function judgeVariables(value: unknown, tokens: Array<string | number>, out: IamViolation[]): void {
  if (typeof value === 'string') {
    if (!value.includes('${')) return;
    for (const name of variablesIn(value)) {
      const spelling = misspeltVariable(name);
      if (spelling) out.push(violation(IAM_RULES.variableCase, tokens.reduce<string>((path, t) => joinPointer(path, t), ''), `\${${name}} is never replaced: IAM policy variables are case-sensitive; write \${${spelling}}`));
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) judgeVariables(value[i], [...tokens, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) judgeVariables((value as Record<string, unknown>)[key], [...tokens, key], out);
  }
}

/** Every violation of one policy statement, with pointers relative to the statement. */
export function judgeStatement(statement: Record<string, unknown>, catalogue: IamCatalogue, rules: StatementRules): IamViolation[] {
  const effect: Effect = statement.Effect === 'Allow' || statement.Effect === 'Deny' ? statement.Effect : undefined;
  const out: IamViolation[] = [];
  judgeActions(statement, catalogue, rules, effect, out);
  for (const key of ['Resource', 'NotResource', 'Condition'] as const) {
    if (statement[key] !== undefined) judgeVariables(statement[key], [key], out);
  }
  return out;
}
