import { BatchDescribeTypeConfigurationsCommand, type CloudFormationClient, DescribeTypeCommand, type StackResource, type TypeConfigurationDetails } from '@aws-sdk/client-cloudformation';
import { errorName, reasonOf } from './errors';
import { HOOK_TYPE_NAMES, HOOK_VERSION_LOGICAL_ID, hookFunctionArn } from './names';
import { type Check, drift, type Expectation, ok, type Place, unknown } from './types';

export interface HookType {
  readonly check: Check;
  /** The type's ARN, when it exists: the key to its configuration. */
  readonly arn?: string;
}

/** `…/type/hook/RCFGE-Config-Hook/00000003` -> `00000003`. */
const versionOf = (arn: string | undefined): string | undefined => arn?.split('/').pop();

/**
 * The Hook type exists in this account and region (registered: RCFGE::Config::Hook; Lambda:
 * the LambdaHook's alias RCFGE::Config::LambdaHook) and, when registered, its default version
 * is the one the member stack registered (nobody set another default).
 */
export async function readHookType(cfn: CloudFormationClient, expected: Expectation, resources: readonly StackResource[] | undefined): Promise<HookType> {
  const typeName = HOOK_TYPE_NAMES[expected.hookMode];
  let described;
  try {
    described = await cfn.send(new DescribeTypeCommand({ Type: 'HOOK', TypeName: typeName }));
  } catch (error) {
    if (errorName(error) === 'TypeNotFoundException') return { check: drift('hook', `${typeName} does not exist in this account and region`) };
    return { check: unknown('hook', `cannot describe ${typeName}: ${reasonOf(error)}`) };
  }
  if (described.DeprecatedStatus === 'DEPRECATED') return { check: drift('hook', `${typeName} is deprecated`), arn: described.Arn };
  if (expected.hookMode === 'Registered') {
    const registered = versionOf(resources?.find((r) => r.LogicalResourceId === HOOK_VERSION_LOGICAL_ID)?.PhysicalResourceId);
    if (registered !== undefined && described.DefaultVersionId !== registered) {
      return { check: drift('hook', `${typeName} default version is ${described.DefaultVersionId ?? 'none'}, not ${registered} (the version the member stack registered)`), arn: described.Arn };
    }
    const version = described.DefaultVersionId ? ` version ${described.DefaultVersionId}` : '';
    return { check: ok('hook', `${typeName}${version}${registered === undefined ? ' (member stack not read: version not compared)' : ''}`), arn: described.Arn };
  }
  return { check: ok('hook', typeName), arn: described.Arn };
}

interface HookConfiguration {
  HookInvocationStatus?: string;
  FailureMode?: string;
  TargetOperations?: string[];
  Properties?: Record<string, unknown>;
}

function parseConfiguration(text: string | undefined): HookConfiguration | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as { CloudFormationConfiguration?: { HookConfiguration?: HookConfiguration } };
    const hook = parsed?.CloudFormationConfiguration?.HookConfiguration;
    return hook && typeof hook === 'object' ? hook : undefined;
  } catch {
    return undefined;
  }
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** What the live configuration gets wrong, one phrase each. */
export function configurationDrift(config: HookConfiguration, expected: Expectation, place: Place): string[] {
  const out: string[] = [];
  if (config.HookInvocationStatus !== 'ENABLED') out.push(`the Hook is ${config.HookInvocationStatus ?? 'not enabled'} (HookInvocationStatus, expected ENABLED)`);
  if (config.FailureMode !== expected.failureMode) out.push(`FailureMode is ${config.FailureMode ?? 'unset'} (expected ${expected.failureMode})`);
  const operations = Array.isArray(config.TargetOperations) ? config.TargetOperations : [];
  if (!sameSet(operations, expected.targetOperations)) {
    out.push(`TargetOperations is ${operations.join(',') || 'empty'} (expected ${expected.targetOperations.join(',')})`);
  }
  const properties = config.Properties ?? {};
  const want: Record<string, string> =
    expected.hookMode === 'Lambda'
      ? { LambdaFunction: hookFunctionArn(place) }
      : {
          TemplateBucket: expected.templateBucket,
          TemplatePrefix: expected.templatePrefix,
          TemplateBucketOwner: expected.templateBucketOwner,
          MissingTemplateAction: expected.missingTemplateAction,
        };
  // Absent properties take schema.json's defaults.
  const defaults: Record<string, string> = { TemplatePrefix: '', MissingTemplateAction: 'FAIL' };
  for (const [key, value] of Object.entries(want)) {
    const have = key in properties ? String(properties[key]) : defaults[key];
    if (have !== value) out.push(`${key} is ${have === undefined ? 'unset' : `"${have}"`} (expected "${value}")`);
  }
  return out;
}

function pick(configurations: readonly TypeConfigurationDetails[]): TypeConfigurationDetails | undefined {
  return configurations.find((c) => c.IsDefaultConfiguration) ?? configurations.find((c) => c.Alias === 'default') ?? configurations[0];
}

/**
 * The Hook's type configuration: enabled, FailureMode, TargetOperations and, for the
 * registered Hook, bucket, prefix, owner and MissingTemplateAction (the Lambda Hook's
 * settings live in its function, checked through the member stack and drift detection).
 */
export async function checkTypeConfiguration(cfn: CloudFormationClient, typeArn: string, expected: Expectation, place: Place): Promise<Check> {
  let answer;
  try {
    answer = await cfn.send(new BatchDescribeTypeConfigurationsCommand({ TypeConfigurationIdentifiers: [{ TypeArn: typeArn }] }));
  } catch (error) {
    if (errorName(error) === 'TypeConfigurationNotFoundException') return drift('configuration', `the Hook has no type configuration (${errorName(error)}): it judges nothing`);
    return unknown('configuration', `cannot read the type configuration: ${reasonOf(error)}`);
  }
  const failure = answer.Errors?.[0];
  if (failure && !(answer.TypeConfigurations ?? []).length) {
    // The reference gives ErrorCode a fixed length of 3 and lists no values: 404 is read as
    // not found (the operation's own TypeConfigurationNotFound is HTTP 404); anything else is
    // "cannot check".
    if (failure.ErrorCode === '404' || /NotFound/i.test(failure.ErrorCode ?? '')) return drift('configuration', `the Hook has no type configuration (${failure.ErrorCode}): it judges nothing`);
    return unknown('configuration', `cannot read the type configuration: ${failure.ErrorCode ?? 'error'}: ${failure.ErrorMessage ?? ''}`.trim());
  }
  if ((answer.UnprocessedTypeConfigurations ?? []).length > 0 && !(answer.TypeConfigurations ?? []).length) {
    return unknown('configuration', 'CloudFormation left the type configuration unprocessed; retry');
  }
  const details = pick(answer.TypeConfigurations ?? []);
  if (!details) return drift('configuration', 'the Hook has no type configuration: it judges nothing');
  const config = parseConfiguration(details.Configuration);
  if (!config) return drift('configuration', 'the type configuration is not a CloudFormationConfiguration.HookConfiguration document');
  const problems = configurationDrift(config, expected, place);
  if (problems.length > 0) return drift('configuration', problems.join('; '));
  return ok('configuration', `ENABLED, ${config.FailureMode}, ${(config.TargetOperations ?? []).join(',')}`);
}
