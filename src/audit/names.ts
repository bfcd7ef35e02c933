import type { HookMode, Place } from './types';

/**
 * The names the member stack (stacksets/rcfge-member.yaml) gives the Hook's parts; a test
 * renders the template and holds these to it.
 */
export const HOOK_TYPE_NAMES: Record<HookMode, string> = {
  Registered: 'RCFGE::Config::Hook',
  Lambda: 'RCFGE::Config::LambdaHook',
};

export const HOOK_FUNCTION_NAME = 'RCFGE-ConfigHook';
/** Logical ID of the Hook function in the member stack (drift detection names it). */
export const HOOK_FUNCTION_LOGICAL_ID = 'HookFunction';
/** Logical ID of the registered HookVersion: its physical ID is the version the stack made default. */
export const HOOK_VERSION_LOGICAL_ID = 'HookVersion';
/** Every StackSet instance is named StackSet-<StackSetName>-<id>; the SCP protects StackSet-RCFGE*. */
export const PROTECTED_STACK_PREFIX = 'StackSet-RCFGE';
export const DEFAULT_STACK_SET_NAME = 'RCFGE-Hook';

/** Region-suffixed, as IAM is global and stack instances are regional. */
export const hookExecutionRoleName = (region: string): string => `RCFGEHookExecutionRole-${region}`;
export const auditRoleName = (region: string): string => `RCFGEAuditRole-${region}`;

export const hookFunctionArn = (place: Place): string => `arn:${place.partition}:lambda:${place.region}:${place.account}:function:${HOOK_FUNCTION_NAME}`;

/** `aws`, `aws-cn`, `aws-us-gov` from a region name (the partitions StackSets deploy to). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
