import { type CloudFormationClient, DescribeStackResourcesCommand, DescribeStacksCommand, type Stack, type StackResource } from '@aws-sdk/client-cloudformation';
import { isMissingStack, reasonOf } from './errors';
import { hookExecutionRoleName, PROTECTED_STACK_PREFIX } from './names';
import { type Check, drift, type Expectation, ok, type Place, unknown } from './types';

/** The member stack as CloudFormation reports it, found through the Hook role it created. */
export interface MemberStack {
  readonly check: Check;
  readonly stackName?: string;
  readonly resources?: readonly StackResource[];
}

const SETTLED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);

/** Stack parameter -> the expected value it must hold (lists compared as sets). */
function expectedParameters(expected: Expectation): Record<string, string> {
  return {
    HookMode: expected.hookMode,
    FailureMode: expected.failureMode,
    TargetOperations: [...expected.targetOperations].sort().join(','),
    TemplateBucket: expected.templateBucket,
    TemplatePrefix: expected.templatePrefix,
    TemplateBucketOwner: expected.templateBucketOwner,
    TemplateBucketRegion: expected.templateBucketRegion,
    MissingTemplateAction: expected.missingTemplateAction,
    ...(expected.release === undefined ? {} : { ArtifactsPrefix: expected.release }),
  };
}

function normalised(key: string, value: string): string {
  return key === 'TargetOperations' ? value.split(',').map((v) => v.trim()).filter(Boolean).sort().join(',') : value;
}

/** Differences between the stack's parameters and the expectation, one phrase each. */
export function parameterDrift(stack: Stack, expected: Expectation): string[] {
  const actual = new Map((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ResolvedValue ?? p.ParameterValue ?? '']));
  const out: string[] = [];
  for (const [key, want] of Object.entries(expectedParameters(expected))) {
    if (!actual.has(key)) {
      out.push(`parameter ${key} is missing (expected "${want}")`);
      continue;
    }
    const have = normalised(key, actual.get(key)!);
    if (have !== want) out.push(`parameter ${key} is "${actual.get(key)}" (expected "${want}")`);
  }
  return out;
}

function judge(stack: Stack, expected: Expectation): Check {
  const name = stack.StackName ?? '?';
  const status = stack.StackStatus ?? 'UNKNOWN';
  if (!name.startsWith(PROTECTED_STACK_PREFIX)) {
    return drift('stack', `the Hook's role belongs to stack ${name}, not to a StackSet instance (${PROTECTED_STACK_PREFIX}*): deployed outside the StackSet`);
  }
  if (status.endsWith('_IN_PROGRESS')) return unknown('stack', `${name} is ${status}; check again when the operation ends`);
  const problems: string[] = [];
  if (!SETTLED.has(status)) problems.push(`${name} is ${status}${stack.StackStatusReason ? ` (${stack.StackStatusReason})` : ''}`);
  problems.push(...parameterDrift(stack, expected));
  if (stack.DriftInformation?.StackDriftStatus === 'DRIFTED') {
    problems.push(`resources drifted from the template (aws cloudformation describe-stack-resource-drifts --stack-name ${name})`);
  }
  if (problems.length > 0) return drift('stack', problems.join('; '));
  const release = expected.release === undefined ? '' : `, release ${expected.release}`;
  return ok('stack', `${name} ${status}${release}`);
}

/**
 * The stack that owns `RCFGEHookExecutionRole-<region>` (DescribeStackResources by physical
 * ID needs no stack name, so the same lookup serves the audit and the Config rule), then its
 * status, parameters and last known drift status.
 */
export async function readMemberStack(cfn: CloudFormationClient, place: Place, expected: Expectation): Promise<MemberStack> {
  const role = hookExecutionRoleName(place.region);
  let resources: StackResource[];
  try {
    resources = (await cfn.send(new DescribeStackResourcesCommand({ PhysicalResourceId: role }))).StackResources ?? [];
  } catch (error) {
    if (isMissingStack(error)) return { check: drift('stack', `no stack holds the Hook role ${role}: the member stack is missing`) };
    return { check: unknown('stack', `cannot find the member stack: ${reasonOf(error)}`) };
  }
  const stackName = resources[0]?.StackName;
  if (!stackName) return { check: drift('stack', `no stack holds the Hook role ${role}: the member stack is missing`) };
  try {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    if (!stack) return { check: drift('stack', `stack ${stackName} is gone`), stackName, resources };
    return { check: judge(stack, expected), stackName, resources };
  } catch (error) {
    if (isMissingStack(error)) return { check: drift('stack', `stack ${stackName} does not exist`), stackName, resources };
    return { check: unknown('stack', `cannot describe stack ${stackName}: ${reasonOf(error)}`), stackName, resources };
  }
}
