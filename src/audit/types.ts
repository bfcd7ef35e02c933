/**
 * The drift canary's vocabulary, shared by `rcfge audit` (every account and region of the
 * StackSet) and the AWS Config rule (its own account and region).
 */

export type HookMode = 'Lambda' | 'Registered';
export const TARGET_OPERATIONS = ['RESOURCE', 'STACK', 'CHANGE_SET', 'CLOUD_CONTROL'] as const;
export type TargetOperation = (typeof TARGET_OPERATIONS)[number];

/** What a healthy Hook looks like in every account and region. */
export interface Expectation {
  readonly hookMode: HookMode;
  readonly failureMode: 'FAIL' | 'WARN';
  readonly targetOperations: readonly string[];
  readonly templateBucket: string;
  readonly templatePrefix: string;
  readonly templateBucketOwner: string;
  /** Region of the templates bucket (the home region): where the bucket check asks. */
  readonly templateBucketRegion: string;
  readonly missingTemplateAction: 'FAIL' | 'ALLOW';
  /** The release the member stack must run (its `ArtifactsPrefix`), when known. */
  readonly release?: string;
}

export interface Place {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

/**
 * `ok`: as expected. `drift`: known to differ (a finding). `unknown`: the check could not
 * be made (access denied, throttling, network): never reported as healthy.
 */
export type CheckStatus = 'ok' | 'drift' | 'unknown';

/** Named checks, in the order they are reported. */
export type CheckId = 'stack-instance' | 'access' | 'hook' | 'configuration' | 'stack' | 'function' | 'bucket';

export interface Check {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** One line: what was found, or what drifted, or why it could not be checked. */
  readonly message: string;
}

export type PlaceStatus = 'OK' | 'DRIFT' | 'CANNOT_CHECK';

export interface PlaceReport extends Place {
  readonly status: PlaceStatus;
  readonly checks: readonly Check[];
}

/** A drift anywhere makes the place DRIFT (a known problem outranks an unknown one). */
export function statusOf(checks: readonly Check[]): PlaceStatus {
  if (checks.some((c) => c.status === 'drift')) return 'DRIFT';
  if (checks.length === 0 || checks.some((c) => c.status === 'unknown')) return 'CANNOT_CHECK';
  return 'OK';
}

export const ok = (id: CheckId, message: string): Check => ({ id, status: 'ok', message });
export const drift = (id: CheckId, message: string): Check => ({ id, status: 'drift', message });
export const unknown = (id: CheckId, message: string): Check => ({ id, status: 'unknown', message });
