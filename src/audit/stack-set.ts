import { type CallAs, type CloudFormationClient, DescribeStackSetCommand, ListStackInstancesCommand, type StackInstanceSummary } from '@aws-sdk/client-cloudformation';
import type { Settings } from './expectation';
import { type Check, drift, ok, unknown } from './types';

export interface StackSetView {
  readonly name: string;
  /** The StackSet's parameters: what it deploys to every instance. */
  readonly parameters: Settings;
  readonly instances: readonly StackInstanceSummary[];
}

/** The StackSet's parameters and every stack instance (paginated), from the administrator account. */
export async function readStackSet(cfn: CloudFormationClient, name: string, callAs: CallAs): Promise<StackSetView> {
  const described = await cfn.send(new DescribeStackSetCommand({ StackSetName: name, CallAs: callAs }));
  const parameters: Record<string, string> = {};
  for (const p of described.StackSet?.Parameters ?? []) if (p.ParameterKey) parameters[p.ParameterKey] = p.ParameterValue ?? '';
  const instances: StackInstanceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStackInstancesCommand({ StackSetName: name, CallAs: callAs, NextToken: token }));
    instances.push(...(page.Summaries ?? []));
    token = page.NextToken;
  } while (token);
  return { name, parameters, instances };
}

/** The StackSet's own view of one instance: current, succeeded, not drifted. */
export function checkInstance(stackSet: string, instance: StackInstanceSummary | undefined): Check {
  if (!instance) return drift('stack-instance', `no stack instance of ${stackSet} here: the Hook was never deployed or was removed`);
  const detailed = instance.StackInstanceStatus?.DetailedStatus;
  const reason = instance.StatusReason ? ` (${instance.StatusReason})` : '';
  if (detailed === 'RUNNING' || detailed === 'PENDING') return unknown('stack-instance', `a StackSet operation is ${detailed}; check again when it ends`);
  const problems: string[] = [];
  if (instance.Status !== 'CURRENT') problems.push(`instance is ${instance.Status ?? 'in an unknown state'}${reason}`);
  else if (detailed && detailed !== 'SUCCEEDED') problems.push(`last operation ${detailed}${reason}`);
  if (instance.DriftStatus === 'DRIFTED') problems.push('instance has drifted from the StackSet template');
  if (problems.length > 0) return drift('stack-instance', problems.join('; '));
  const driftNote = instance.DriftStatus === 'IN_SYNC' ? 'in sync' : `drift ${instance.DriftStatus === 'NOT_CHECKED' || !instance.DriftStatus ? 'not checked by the StackSet' : instance.DriftStatus}`;
  return ok('stack-instance', `CURRENT, ${driftNote}`);
}
