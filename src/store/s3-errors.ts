import { TemplateNotFoundError, TemplateStoreError } from './errors';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** Answers that mean the caller's credentials are unusable, not that the template is missing. */
const CREDENTIAL_ERRORS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired', 'RequestTimeTooSkewed', 'AccountProblem', 'CredentialsProviderError']);
/** Answers that mean the bucket is elsewhere: the configuration names the wrong region. */
const REGION_ERRORS = new Set(['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException']);

/** True for the answer to a conditional GET whose ETag still matches (the SDK names it "Unknown"). */
export function isNotModified(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode === 304;
}

/** Maps what the SDK threw to "no readable template" or a store failure naming the cause. */
export function classifyS3Error(error: unknown, location: string, bucket: string): TemplateNotFoundError | TemplateStoreError {
  const e = (error ?? {}) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? '';
  const code = e.code ?? (e.cause as SdkErrorShape | undefined)?.code ?? /\b(E[A-Z]{4,})\b/.exec(e.message ?? '')?.[1] ?? '';
  if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket')) {
    return new TemplateNotFoundError(location, 'NoSuchKey', { cause: error });
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new TemplateStoreError(location, `S3 refused the Hook's credentials (${name})`, 'InvalidCredentials', { cause: error });
  }
  if (REGION_ERRORS.has(name) || status === 301) {
    const region = e.$response?.headers?.['x-amz-bucket-region'];
    const hint = region ? `; it is in ${region}` : '';
    return new TemplateStoreError(location, `bucket ${bucket} is not in the region the Hook asked (${name || 'HTTP 301'})${hint}; set TemplateBucketRegion`, 'InvalidTypeConfiguration', { cause: error });
  }
  if (name === 'AccessDenied' || (status === 403 && name === '')) {
    return new TemplateNotFoundError(location, 'AccessDenied: the Hook role may not read it, or it does not exist', { cause: error, definitive: false });
  }
  if (status === 403) {
    return new TemplateStoreError(location, `S3 refused the request (${name})`, 'InvalidCredentials', { cause: error });
  }
  if (name === 'NoSuchBucket') {
    return new TemplateStoreError(location, `bucket ${bucket} does not exist; check TemplateBucket`, 'InvalidTypeConfiguration', { cause: error });
  }
  if (name === 'SlowDown' || name === 'ThrottlingException' || status === 503) {
    return new TemplateStoreError(location, `S3 is throttling (${name || 'HTTP 503'}) after retries`, 'Throttling', { cause: error });
  }
  if (status !== undefined && status >= 500) {
    return new TemplateStoreError(location, `S3 answered HTTP ${status} (${name || 'server error'}) after retries`, 'ServiceInternalError', { cause: error });
  }
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message ?? '')) {
    return new TemplateStoreError(location, `S3 did not answer in time (${e.message ?? name})`, 'NetworkFailure', { cause: error });
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EPIPE') {
    return new TemplateStoreError(location, `cannot reach S3 (${code})`, 'NetworkFailure', { cause: error });
  }
  if (status !== undefined) {
    return new TemplateStoreError(location, `S3 answered HTTP ${status} (${name || 'error'})`, 'ServiceInternalError', { cause: error });
  }
  return new TemplateStoreError(location, `S3 request failed (${name || code || 'error'}: ${e.message ?? 'no message'})`, 'NetworkFailure', { cause: error });
}
