import { randomUUID } from 'node:crypto';
import type { FakeOrganisation, MemberState } from './state';
import { memberKey } from './state';

export const ADMIN = '111111111111';
export const MEMBERS = ['222222222222', '333333333333'];
export const REGIONS = ['us-east-1', 'eu-west-1'];
export const BUCKET = `rcfge-templates-${ADMIN}-us-east-1`;
export const PREFIX = 'templates/';
export const RELEASE = 'releases/0.1.0/';
export const ALL_OPERATIONS = ['RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL'];

export type Mode = 'Lambda' | 'Registered';

/** The StackSet's parameters, as rcfge-admin.yaml passes them. */
export function stackSetParameters(mode: Mode): Record<string, string> {
  return {
    HookMode: mode,
    FailureMode: 'FAIL',
    TargetOperations: ALL_OPERATIONS.join(','),
    ArtifactsBucketPrefix: `rcfge-artifacts-${ADMIN}`,
    ArtifactsPrefix: RELEASE,
    TemplateBucket: BUCKET,
    TemplatePrefix: PREFIX,
    TemplateBucketRegion: 'us-east-1',
    TemplateBucketOwner: ADMIN,
    CacheTtlSeconds: '60',
    MaxStaleSeconds: '300',
    MissingTemplateAction: 'FAIL',
    TemplateParameters: '{}',
    LogRetentionInDays: '365',
    ExemptStackNamePrefixes: 'StackSet-RCFGE-Hook-',
  };
}

/** One account and region exactly as a successful StackSet deployment of rcfge-member.yaml leaves it. */
export function healthyMember(account: string, region: string, mode: Mode): MemberState {
  const typeName = mode === 'Lambda' ? 'RCFGE::Config::LambdaHook' : 'RCFGE::Config::Hook';
  const typeArn = `arn:aws:cloudformation:${region}:${account}:type/hook/${typeName.replace(/::/g, '-')}`;
  const functionArn = `arn:aws:lambda:${region}:${account}:function:RCFGE-ConfigHook`;
  const stackName = `StackSet-RCFGE-Hook-${randomUUID()}`;
  const properties =
    mode === 'Lambda'
      ? { LambdaFunction: functionArn }
      : { TemplateBucket: BUCKET, TemplatePrefix: PREFIX, TemplateBucketRegion: 'us-east-1', TemplateBucketOwner: ADMIN, CacheTtlSeconds: 60, MaxStaleSeconds: 300, MissingTemplateAction: 'FAIL', TemplateParameters: '{}', ExemptStackNamePrefixes: 'StackSet-RCFGE-Hook-' };
  const resources =
    mode === 'Lambda'
      ? [
          { logicalId: 'HookFunction', physicalId: 'RCFGE-ConfigHook', type: 'AWS::Lambda::Function' },
          { logicalId: 'HookInvokeRole', physicalId: `RCFGEHookInvokeRole-${region}`, type: 'AWS::IAM::Role' },
          { logicalId: 'LambdaHook', physicalId: typeArn, type: 'AWS::CloudFormation::LambdaHook' },
        ]
      : [
          { logicalId: 'HookLogRole', physicalId: `RCFGEHookLogRole-${region}`, type: 'AWS::IAM::Role' },
          { logicalId: 'HookVersion', physicalId: `${typeArn}/00000001`, type: 'AWS::CloudFormation::HookVersion' },
          { logicalId: 'HookDefaultVersion', physicalId: `${typeArn}/00000001`, type: 'AWS::CloudFormation::HookDefaultVersion' },
          { logicalId: 'HookTypeConfig', physicalId: `${typeArn.replace(':type/', ':type-configuration/')}/default`, type: 'AWS::CloudFormation::HookTypeConfig' },
        ];
  return {
    hookType: { typeName, arn: typeArn, defaultVersionId: mode === 'Registered' ? '00000001' : undefined },
    configuration: {
      CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: [...ALL_OPERATIONS], Properties: properties } },
    },
    stack: {
      name: stackName,
      id: `arn:aws:cloudformation:${region}:${account}:stack/${stackName}/${randomUUID()}`,
      status: 'UPDATE_COMPLETE',
      parameters: stackSetParameters(mode),
      driftStatus: 'NOT_CHECKED',
      resources: [
        { logicalId: 'HookExecutionRole', physicalId: `RCFGEHookExecutionRole-${region}`, type: 'AWS::IAM::Role' },
        { logicalId: 'HookLogGroup', physicalId: '/rcfge/config-hook', type: 'AWS::Logs::LogGroup' },
        ...resources,
      ],
    },
    functionDrift: mode === 'Lambda' ? { status: 'IN_SYNC' } : undefined,
  };
}

/** A delegated administrator with the RCFGE-Hook StackSet, deployed and healthy in every member account and region. */
export function healthyOrganisation(mode: Mode = 'Lambda', options: { members?: string[]; regions?: string[] } = {}): FakeOrganisation {
  const members = options.members ?? MEMBERS;
  const regions = options.regions ?? REGIONS;
  const org: FakeOrganisation = {
    adminAccount: ADMIN,
    stackSet: { name: 'RCFGE-Hook', id: `RCFGE-Hook:${randomUUID()}`, parameters: stackSetParameters(mode), instances: [] },
    members: new Map(),
    assumableRoles: new Set(),
    faults: [],
    calls: [],
    evaluations: [],
    pageSize: 3,
    delayMs: 0,
    maxInFlight: 0,
  };
  for (const account of members) {
    for (const region of regions) {
      const state = healthyMember(account, region, mode);
      org.members.set(memberKey(account, region), state);
      org.stackSet!.instances.push({ account, region, stackId: state.stack!.id, status: 'CURRENT', detailedStatus: 'SUCCEEDED', driftStatus: 'NOT_CHECKED' });
      org.assumableRoles.add(`arn:aws:iam::${account}:role/RCFGEAuditRole-${region}`);
    }
  }
  return org;
}
