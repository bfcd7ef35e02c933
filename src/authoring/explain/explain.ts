import { IAM_RULES, type IamRule } from '../../engine/iam/rules';
import { findPlaceholders } from '../../engine/placeholders';
import { ruleOf } from '../../engine/rules/rule';
import { everySchema, isRecord } from '../../engine/schema-walk';
import { declaredOpen } from '../openness';
import { type ApprovedProperty, approvedProperties } from './approved';
import { constraintWords } from './words';

export interface ExplainedRule {
  readonly id: string;
  readonly title: string;
  readonly remediation?: string;
  readonly controls?: readonly string[];
  /** Where the rule sits in the template (JSON Pointers into the template file). */
  readonly at: readonly string[];
}

export interface Explanation {
  readonly typeName: string;
  readonly file: string;
  readonly description?: string;
  readonly delete: 'allow' | 'deny';
  readonly remediation?: string;
  /** Constraints on the resource as a whole (requiredXor, dependencies, ...). */
  readonly resource: readonly string[];
  readonly properties: readonly ApprovedProperty[];
  readonly rules: readonly ExplainedRule[];
  readonly placeholders: readonly { readonly name: string; readonly meaning: string }[];
  readonly open: readonly { readonly path: string; readonly why: string }[];
}

const MEANINGS: Readonly<Record<string, string>> = {
  accountID: 'the account the resource is deployed in',
  region: 'the region the resource is deployed in',
  partition: 'the AWS partition (aws, aws-cn, aws-us-gov)',
  stackId: 'the stack ARN',
  stackName: 'the stack name',
  logicalResourceId: 'the logical ID of the resource in its stack',
  typeName: 'the resource type',
  hookTypeName: 'the Hook type name',
};

function meaningOf(name: string): string {
  const param = /^param:(.+)$/.exec(name);
  if (param) return `the Hook's TemplateParameters value ${param[1]}`;
  return MEANINGS[name] ?? 'a placeholder';
}

/** The rules the policy keywords file their findings under (not x-rcfge: each finding names its own). */
function keywordRules(node: Record<string, unknown>): IamRule[] {
  const rules: IamRule[] = [];
  const statement = node.policyStatement;
  if (statement !== undefined && statement !== false) {
    const { malformed, broadGrant, notInCatalogue, notAction, privileged, variableCase, explicit } = IAM_RULES;
    rules.push(malformed, broadGrant, notInCatalogue, notAction, privileged, variableCase);
    if (isRecord(statement) && statement.wildcards === 'explicit') rules.push(explicit);
  }
  if (node.maxPolicyLength !== undefined) rules.push(IAM_RULES.size);
  return rules;
}

function rulesOf(template: Record<string, unknown>): ExplainedRule[] {
  const byId = new Map<string, ExplainedRule & { at: string[] }>();
  const add = (rule: ExplainedRule, at: string) => {
    const known = byId.get(rule.id);
    if (known) known.at.push(at);
    else byId.set(rule.id, { ...rule, at: [at] });
  };
  everySchema(template, (node, pointer) => {
    const rule = ruleOf(node);
    if (rule) add({ ...rule, at: [] }, pointer || '/');
    if (!isRecord(node)) return;
    for (const k of keywordRules(node)) add({ id: k.rule, title: k.title, remediation: k.remediation, ...(k.controls ? { controls: k.controls } : {}), at: [] }, pointer || '/');
  });
  return [...byId.values()];
}

function openPaths(template: Record<string, unknown>): { path: string; why: string }[] {
  const out: { path: string; why: string }[] = [];
  everySchema(template, (node, pointer) => {
    const why = isRecord(node) ? declaredOpen(node) : undefined;
    if (why !== undefined) out.push({ path: pointer || '/', why });
  });
  return out;
}

/** What a template approves, in words: for `rcfge explain`, so nobody has to read 16 KB of JSON. */
export function explainTemplate(template: Record<string, unknown>, file: string): Explanation {
  const policy = isRecord(template['x-rcfge']) ? template['x-rcfge'] : {};
  return {
    typeName: String(template.typeName),
    file,
    ...(typeof template.description === 'string' ? { description: template.description } : {}),
    delete: policy.delete === 'deny' ? 'deny' : 'allow',
    ...(typeof policy.remediation === 'string' ? { remediation: policy.remediation } : {}),
    resource: constraintWords(template),
    properties: approvedProperties(template),
    rules: rulesOf(template),
    placeholders: findPlaceholders(template).map((name) => ({ name: `$<${name}>`, meaning: meaningOf(name) })),
    open: openPaths(template),
  };
}
