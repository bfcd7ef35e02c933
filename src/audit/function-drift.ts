import { type CloudFormationClient, DetectStackResourceDriftCommand, type PropertyDifference } from '@aws-sdk/client-cloudformation';
import { reasonOf } from './errors';
import { HOOK_FUNCTION_LOGICAL_ID } from './names';
import { type Check, drift, ok, unknown } from './types';

const MAX_SHOWN = 4;

function describe(difference: PropertyDifference): string {
  const path = difference.PropertyPath ?? '?';
  if (difference.DifferenceType === 'REMOVE') return `${path} removed (expected ${difference.ExpectedValue})`;
  if (difference.DifferenceType === 'ADD') return `${path} added: ${difference.ActualValue}`;
  return `${path} is ${difference.ActualValue} (expected ${difference.ExpectedValue})`;
}

/**
 * The Lambda Hook's settings live in its function (RCFGE_* variables, role): drift
 * detection of that one resource compares the live function with what the stack deployed,
 * through the CloudFormation API alone. Not its code: `Code` is write-only in the
 * AWS::Lambda::Function schema, which drift detection skips (the SCP denies code updates).
 */
export async function checkFunctionDrift(cfn: CloudFormationClient, stackName: string): Promise<Check> {
  let answer;
  try {
    answer = await cfn.send(new DetectStackResourceDriftCommand({ StackName: stackName, LogicalResourceId: HOOK_FUNCTION_LOGICAL_ID }));
  } catch (error) {
    return unknown('function', `cannot detect drift of ${HOOK_FUNCTION_LOGICAL_ID}: ${reasonOf(error)}`);
  }
  const result = answer.StackResourceDrift;
  const name = result?.PhysicalResourceId ?? HOOK_FUNCTION_LOGICAL_ID;
  switch (result?.StackResourceDriftStatus) {
    case 'IN_SYNC':
      return ok('function', `${name} in sync with the stack`);
    case 'DELETED':
      return drift('function', `${name} was deleted`);
    case 'MODIFIED': {
      const differences = result.PropertyDifferences ?? [];
      const shown = differences.slice(0, MAX_SHOWN).map(describe);
      if (differences.length > MAX_SHOWN) shown.push(`${differences.length - MAX_SHOWN} more`);
      return drift('function', `${name} was changed outside the stack: ${shown.join('; ') || 'properties differ'}`);
    }
    default:
      return unknown('function', `drift of ${name} not checked (${result?.StackResourceDriftStatus ?? 'no result'})`);
  }
}
