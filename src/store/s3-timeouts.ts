/**
 * CloudFormation gives a hook about 30 seconds. Worst case here: 3 attempts of
 * (1 s connect + 3 s response) plus backoff stays under 15 s, and an overall
 * deadline cuts anything longer, leaving time to answer FAILED.
 */
export interface S3Timeouts {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly deadlineMs: number;
}

export const DEFAULT_S3_TIMEOUTS: S3Timeouts = {
  connectTimeoutMs: 1000,
  requestTimeoutMs: 3000,
  maxAttempts: 3,
  deadlineMs: 15000,
};

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Operators (and the fault-injection tests) may tighten the budget through the environment. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv): S3Timeouts {
  return {
    connectTimeoutMs: positive(env.RCFGE_S3_CONNECT_TIMEOUT_MS, DEFAULT_S3_TIMEOUTS.connectTimeoutMs),
    requestTimeoutMs: positive(env.RCFGE_S3_REQUEST_TIMEOUT_MS, DEFAULT_S3_TIMEOUTS.requestTimeoutMs),
    maxAttempts: positive(env.RCFGE_S3_MAX_ATTEMPTS, DEFAULT_S3_TIMEOUTS.maxAttempts),
    deadlineMs: positive(env.RCFGE_S3_DEADLINE_MS, DEFAULT_S3_TIMEOUTS.deadlineMs),
  };
}
