import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { checkFunctionDrift } from './function-drift';
import { checkTypeConfiguration, readHookType } from './hook-type';
import { readMemberStack } from './member-stack';
import { type Check, type Expectation, type Place, unknown } from './types';

/**
 * Everything one account and region can say about its Hook through the CloudFormation API:
 * the Hook type and version, its type configuration, the member stack, and (Lambda Hook) the
 * function's drift. Each check stands alone: one refused call makes that check "cannot
 * check", never the others healthy.
 */
export async function checkMember(cfn: CloudFormationClient, place: Place, expected: Expectation): Promise<Check[]> {
  const stack = await readMemberStack(cfn, place, expected);
  const hook = await readHookType(cfn, expected, stack.resources);
  const configuration = hook.arn
    ? await checkTypeConfiguration(cfn, hook.arn, expected, place)
    : unknown('configuration', 'not read: the Hook type was not found');
  const checks = [hook.check, configuration, stack.check];
  if (expected.hookMode === 'Lambda') {
    checks.push(stack.stackName ? await checkFunctionDrift(cfn, stack.stackName) : unknown('function', 'not checked: the member stack was not found'));
  }
  return checks;
}
