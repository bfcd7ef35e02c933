import type { PlaceholderContext } from '../engine/placeholders';
import type { TypeConfiguration } from './config';
import type { ParsedHookRequest } from './request';

/** `arn:aws:cloudformation:eu-west-1:111122223333:stack/name/uuid` -> its parts, when it is one. */
function stackArnParts(stackId: string): { partition?: string; region?: string; stackName?: string } {
  const m = /^arn:([a-z-]+):cloudformation:([a-z0-9-]+):\d{12}:stack\/([^/]+)\//.exec(stackId);
  return m ? { partition: m[1], region: m[2], stackName: m[3] } : {};
}

export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** The request carries no region: the runtime's AWS_REGION, else the stack ARN's. */
export function regionOf(request: ParsedHookRequest, env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || stackArnParts(request.stackId).region || 'us-east-1';
}

export function stackNameOf(stackId: string): string | undefined {
  return stackArnParts(stackId).stackName;
}

/** The Hook always knows the stack: a request carries its ID (empty for Cloud Control) and name. */
export type HookPlaceholderContext = PlaceholderContext & { readonly stackId: string; readonly stackName: string };

export function placeholderContext(request: ParsedHookRequest, config: TypeConfiguration, region: string): HookPlaceholderContext {
  const arn = stackArnParts(request.stackId);
  return {
    accountID: request.awsAccountId,
    region,
    partition: arn.partition ?? partitionOfRegion(region),
    stackId: request.stackId,
    // A STACK target names its stack in targetLogicalId.
    stackName: arn.stackName ?? (request.target === 'STACK' ? request.logicalId : ''),
    logicalResourceId: request.logicalId,
    typeName: request.typeName,
    hookTypeName: request.hookTypeName,
    params: config.templateParameters,
  };
}
