/**
 * The test organisation and the three RCFGE templates rendered for it. Account
 * IDs are chosen to be recognisable in failure output: 111... is the delegated
 * administrator, 222... a member account, 999... an account outside the org.
 */
import { join } from 'node:path';
import { readCfnYaml, type CfnTemplate } from './cfn-yaml';
import { renderTemplate, type RenderedTemplate } from './cfn-render';

export const ADMIN = '111111111111';
export const MEMBER = '222222222222';
export const OUTSIDER = '999999999999';
export const ORG_ID = 'o-abcdefghij';
export const REGION = 'us-east-1';

export const TEMPLATES_BUCKET = `rcfge-templates-${ADMIN}-${REGION}`;
export const ARTIFACTS_BUCKET = `rcfge-artifacts-${ADMIN}-${REGION}`;
export const TEMPLATE_PREFIX = 'templates/';
export const HOOK_ROLE = `RCFGEHookExecutionRole-${REGION}`;
export const HOOK_TYPE_ARN = `arn:aws:cloudformation:${REGION}:${MEMBER}:type/hook/RCFGE-Config-Hook`;
export const HOOK_FUNCTION_ARN = `arn:aws:lambda:${REGION}:${MEMBER}:function:RCFGE-ConfigHook`;
export const HOOK_LOG_GROUP = '/rcfge/config-hook';
export const HOOK_LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${MEMBER}:log-group:${HOOK_LOG_GROUP}:*`;
export const RULE_FUNCTION_ARN = `arn:aws:lambda:${REGION}:${MEMBER}:function:RCFGE-ConfigRule`;
export const RULE_LOG_GROUP = '/rcfge/config-rule';
export const RULE_LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${MEMBER}:log-group:${RULE_LOG_GROUP}:*`;
export const ALARM_ARN = `arn:aws:cloudwatch:${REGION}:${MEMBER}:alarm:RCFGE-HookFailures`;

export const roleArn = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;

const STACKSETS = join(__dirname, '..', '..', '..', 'stacksets');
export const templatePath = (file: string): string => join(STACKSETS, file);

// Rendering never mutates a parsed template, so each file is read once per test file.
const parsed = new Map<string, CfnTemplate>();
export function template(file: string): CfnTemplate {
  if (!parsed.has(file)) parsed.set(file, readCfnYaml(templatePath(file)));
  return parsed.get(file)!;
}

export function renderAdmin(parameters: Record<string, string> = {}): RenderedTemplate {
  return renderTemplate(template('rcfge-admin.yaml'), {
    accountId: ADMIN,
    region: REGION,
    parameters: {
      OrganizationId: ORG_ID,
      MemberTemplateURL: `https://${ARTIFACTS_BUCKET}.s3.${REGION}.amazonaws.com/releases/0.1.0/rcfge-member.yaml`,
      ArtifactsPrefix: 'releases/0.1.0/',
      TargetOrganizationalUnitIds: 'ou-abcd-11111111',
      TargetRegions: `${REGION},eu-west-1`,
      ...parameters,
    },
    physicalIds: { TemplatesBucket: TEMPLATES_BUCKET, ArtifactsBucket: ARTIFACTS_BUCKET },
    attributes: { 'TemplatesBucket.Arn': `arn:aws:s3:::${TEMPLATES_BUCKET}`, 'ArtifactsBucket.Arn': `arn:aws:s3:::${ARTIFACTS_BUCKET}` },
  });
}

/** The member stack as the admin stack's StackSet parameters would deploy it. */
export function renderMember(parameters: Record<string, string> = {}): RenderedTemplate {
  return renderTemplate(template('rcfge-member.yaml'), {
    accountId: MEMBER,
    region: REGION,
    parameters: {
      ArtifactsBucketPrefix: `rcfge-artifacts-${ADMIN}`,
      ArtifactsPrefix: 'releases/0.1.0/',
      TemplateBucket: TEMPLATES_BUCKET,
      TemplatePrefix: TEMPLATE_PREFIX,
      TemplateBucketRegion: REGION,
      TemplateBucketOwner: ADMIN,
      ...parameters,
    },
    physicalIds: {
      HookLogGroup: HOOK_LOG_GROUP, HookVersion: `${HOOK_TYPE_ARN}/00000001`, HookFunction: 'RCFGE-ConfigHook',
      ConfigRuleLogGroup: RULE_LOG_GROUP, ConfigRuleFunction: 'RCFGE-ConfigRule', HookIntactRule: 'RCFGE-HookIntact',
    },
    attributes: {
      'HookExecutionRole.Arn': roleArn(MEMBER, HOOK_ROLE),
      'HookLogRole.Arn': roleArn(MEMBER, `RCFGEHookLogRole-${REGION}`),
      'HookInvokeRole.Arn': roleArn(MEMBER, `RCFGEHookInvokeRole-${REGION}`),
      'HookLogGroup.Arn': HOOK_LOG_GROUP_ARN,
      'HookVersion.Arn': `${HOOK_TYPE_ARN}/00000001`,
      'HookVersion.TypeArn': HOOK_TYPE_ARN,
      'HookFunction.Arn': HOOK_FUNCTION_ARN,
      'AuditRole.Arn': roleArn(MEMBER, `RCFGEAuditRole-${REGION}`),
      'ConfigRuleRole.Arn': roleArn(MEMBER, `RCFGEConfigRuleRole-${REGION}`),
      'ConfigRuleLogGroup.Arn': RULE_LOG_GROUP_ARN,
      'ConfigRuleFunction.Arn': RULE_FUNCTION_ARN,
    },
  });
}

export function renderScp(parameters: Record<string, string> = {}): RenderedTemplate {
  return renderTemplate(template('rcfge-scp.yaml'), {
    accountId: '000000000000',
    region: REGION,
    parameters: { TargetIds: 'ou-abcd-11111111', ...parameters },
  });
}

export type PolicyDocument = { Version: string; Statement: Statement[] };
export type Statement = { Sid?: string; Effect: 'Allow' | 'Deny'; Condition?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

export function properties(rendered: RenderedTemplate, logicalId: string): Record<string, unknown> {
  const resource = rendered.resources[logicalId];
  if (!resource) throw new Error(`resource ${logicalId} is not in the rendered template`);
  return resource.Properties;
}

/** The inline policies of an AWS::IAM::Role, ready for the simulator. */
export function inlinePolicies(rendered: RenderedTemplate, logicalId: string): { name: string; policy: PolicyDocument }[] {
  const policies = (properties(rendered, logicalId).Policies ?? []) as { PolicyName: string; PolicyDocument: PolicyDocument }[];
  return policies.map((p) => ({ name: p.PolicyName, policy: p.PolicyDocument }));
}

export function scpDocuments(rendered: RenderedTemplate): { name: string; policy: PolicyDocument }[] {
  return Object.values(rendered.resources)
    .filter((r) => r.Type === 'AWS::Organizations::Policy' && r.Properties.Type === 'SERVICE_CONTROL_POLICY')
    .map((r) => ({ name: String(r.Properties.Name), policy: r.Properties.Content as PolicyDocument }));
}
