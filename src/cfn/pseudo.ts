import type { ResolveContext } from './types';
import { NO_VALUE, UNRESOLVED } from './values';

/** Domain suffix per partition (`AWS::URLSuffix`); everything else uses amazonaws.com. */
const URL_SUFFIXES: Readonly<Record<string, string>> = {
  'aws-cn': 'amazonaws.com.cn',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
};

export function urlSuffix(partition: string): string {
  return Object.hasOwn(URL_SUFFIXES, partition) ? URL_SUFFIXES[partition] : 'amazonaws.com';
}

/** A stack ARN for local runs, where no stack exists yet; the all-zero UUID marks it as made up. */
export function defaultStackId(ctx: Pick<ResolveContext, 'accountId' | 'region' | 'partition'> & { readonly stackName: string }): string {
  return `arn:${ctx.partition}:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.stackName}/00000000-0000-0000-0000-000000000000`;
}

/**
 * Value of a pseudo parameter; `undefined` when `name` is not one. `AWS::NotificationARNs`
 * depends on how the stack is deployed, so it stays unresolved.
 */
export function pseudoParameter(name: string, ctx: ResolveContext): string | typeof NO_VALUE | typeof UNRESOLVED | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::Partition':
      return ctx.partition;
    case 'AWS::StackName':
      return ctx.stackName ?? UNRESOLVED;
    case 'AWS::StackId':
      return ctx.stackId ?? UNRESOLVED;
    case 'AWS::URLSuffix':
      return urlSuffix(ctx.partition);
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::NotificationARNs':
      return UNRESOLVED;
    default:
      return undefined;
  }
}

const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

/** Whether `Ref` to `name` is a pseudo parameter (the names `pseudoParameter` knows). */
export function isPseudoParameterName(name: string): boolean {
  return PSEUDO_PARAMETERS.has(name);
}
