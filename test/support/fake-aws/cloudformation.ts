import { type FakeOrganisation, member, type MemberState } from './state';
import type { XmlValue } from './xml';

/** An error the service answers (HTTP status, Query error code, message), as the API reference lists them. */
export class ServiceError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface Caller {
  readonly account: string;
  readonly region: string;
}

const NOW = new Date('2026-11-30T12:00:00Z');

const parametersXml = (parameters: Record<string, string>): XmlValue =>
  Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));

function stackSetOf(org: FakeOrganisation, caller: Caller, params: Map<string, string>) {
  const name = params.get('StackSetName');
  if (caller.account !== org.adminAccount || !org.stackSet || org.stackSet.name !== name) {
    throw new ServiceError(404, 'StackSetNotFoundException', `StackSet ${name} not found`);
  }
  return org.stackSet;
}

function stackOf(state: MemberState, name: string | undefined) {
  if (!state.stack || (name !== state.stack.name && name !== state.stack.id)) throw new ServiceError(400, 'ValidationError', `Stack with id ${name} does not exist`);
  return state.stack;
}

/** CloudFormation API actions the audit and the Config rule call, answering as the API reference documents. */
export const CLOUDFORMATION: Record<string, (org: FakeOrganisation, caller: Caller, params: Map<string, string>) => Record<string, XmlValue>> = {
  DescribeStackSet: (org, caller, params) => {
    const stackSet = stackSetOf(org, caller, params);
    return {
      StackSet: {
        StackSetName: stackSet.name,
        StackSetId: stackSet.id,
        Status: 'ACTIVE',
        PermissionModel: 'SERVICE_MANAGED',
        Parameters: parametersXml(stackSet.parameters),
      },
    };
  },

  ListStackInstances: (org, caller, params) => {
    const stackSet = stackSetOf(org, caller, params);
    const start = Number(params.get('NextToken') ?? '0');
    const page = stackSet.instances.slice(start, start + org.pageSize);
    const next = start + org.pageSize < stackSet.instances.length ? String(start + org.pageSize) : undefined;
    return {
      Summaries: page.map((i) => ({
        StackSetId: stackSet.id,
        Region: i.region,
        Account: i.account,
        StackId: i.stackId,
        Status: i.status,
        StatusReason: i.statusReason,
        StackInstanceStatus: { DetailedStatus: i.detailedStatus },
        DriftStatus: i.driftStatus,
      })),
      NextToken: next,
    };
  },

  DescribeType: (org, caller, params) => {
    const state = member(org, caller.account, caller.region);
    const typeName = params.get('TypeName');
    if (params.get('Type') !== 'HOOK' || !state.hookType || state.hookType.typeName !== typeName) {
      throw new ServiceError(404, 'TypeNotFoundException', `The type '${typeName}' cannot be found.`);
    }
    const hook = state.hookType;
    return {
      Arn: hook.arn,
      Type: 'HOOK',
      TypeName: hook.typeName,
      DefaultVersionId: hook.defaultVersionId,
      IsDefaultVersion: true,
      DeprecatedStatus: hook.deprecated ? 'DEPRECATED' : 'LIVE',
      Visibility: 'PRIVATE',
      LastUpdated: NOW,
    };
  },

  BatchDescribeTypeConfigurations: (org, caller, params) => {
    const state = member(org, caller.account, caller.region);
    const typeArn = params.get('TypeConfigurationIdentifiers.member.1.TypeArn');
    if (!state.hookType || state.hookType.arn !== typeArn) throw new ServiceError(404, 'TypeNotFoundException', `The type '${typeArn}' cannot be found.`);
    // The API reference lists TypeConfigurationNotFound (HTTP 404) among the operation's errors;
    // which of it and an entry in Errors (whose ErrorCode has a fixed length of 3) a type without
    // configuration gets is not documented: a test picks one with `configurationError`.
    if (state.configurationError) {
      if (state.configurationError.code.length !== 3) throw new ServiceError(500, 'InternalFailure', 'test error: BatchDescribeTypeConfigurationsError.ErrorCode has a fixed length of 3');
      return {
        Errors: [{ ErrorCode: state.configurationError.code, ErrorMessage: state.configurationError.message, TypeConfigurationIdentifier: { TypeArn: typeArn } }],
        UnprocessedTypeConfigurations: [],
        TypeConfigurations: [],
      };
    }
    if (!state.configuration) throw new ServiceError(404, 'TypeConfigurationNotFoundException', `No configuration found for type ${typeArn}`);
    return {
      Errors: [],
      UnprocessedTypeConfigurations: [],
      TypeConfigurations: [
        {
          Arn: `${typeArn}/default`.replace(':type/', ':type-configuration/'),
          Alias: 'default',
          Configuration: JSON.stringify(state.configuration),
          LastUpdated: NOW,
          TypeArn: typeArn,
          TypeName: state.hookType.typeName,
          IsDefaultConfiguration: true,
        },
      ],
    };
  },

  DescribeStackResources: (org, caller, params) => {
    const state = member(org, caller.account, caller.region);
    const physical = params.get('PhysicalResourceId');
    const stack = state.stack;
    if (!stack || !stack.resources.some((r) => r.physicalId === physical)) {
      throw new ServiceError(400, 'ValidationError', `Stack for ${physical} does not exist`);
    }
    return {
      StackResources: stack.resources.map((r) => ({
        StackName: stack.name,
        StackId: stack.id,
        LogicalResourceId: r.logicalId,
        PhysicalResourceId: r.physicalId,
        ResourceType: r.type,
        Timestamp: NOW,
        ResourceStatus: 'CREATE_COMPLETE',
      })),
    };
  },

  DescribeStacks: (org, caller, params) => {
    const stack = stackOf(member(org, caller.account, caller.region), params.get('StackName'));
    return {
      Stacks: [
        {
          StackId: stack.id,
          StackName: stack.name,
          CreationTime: NOW,
          StackStatus: stack.status,
          StackStatusReason: stack.statusReason,
          Parameters: parametersXml(stack.parameters),
          DriftInformation: { StackDriftStatus: stack.driftStatus },
        },
      ],
    };
  },

  DetectStackResourceDrift: (org, caller, params) => {
    const state = member(org, caller.account, caller.region);
    const stack = stackOf(state, params.get('StackName'));
    const logicalId = params.get('LogicalResourceId');
    const resource = stack.resources.find((r) => r.logicalId === logicalId);
    if (!resource) throw new ServiceError(400, 'ValidationError', `Resource ${logicalId} does not exist for stack ${stack.name}`);
    const drift = state.functionDrift ?? { status: 'IN_SYNC' };
    return {
      StackResourceDrift: {
        StackId: stack.id,
        LogicalResourceId: resource.logicalId,
        PhysicalResourceId: resource.physicalId,
        ResourceType: resource.type,
        PropertyDifferences: (drift.differences ?? []).map((d) => ({ PropertyPath: d.path, ExpectedValue: d.expected, ActualValue: d.actual, DifferenceType: 'NOT_EQUAL' })),
        StackResourceDriftStatus: drift.status,
        Timestamp: NOW,
      },
    };
  },
};
