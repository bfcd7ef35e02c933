/** No readable template: S3 said NoSuchKey or AccessDenied, or the file does not exist. */
export class TemplateNotFoundError extends Error {
  override readonly name = 'TemplateNotFoundError';
  constructor(
    readonly location: string,
    readonly reason: string,
    options?: { cause?: unknown; definitive?: boolean },
  ) {
    super(`no readable template at ${location} (${reason})`, options);
    this.definitive = options?.definitive ?? true;
  }

  /**
   * False when the store only said it may not be read (S3 AccessDenied, which is also its
   * answer for a missing key when the role lacks s3:ListBucket): a template might exist.
   */
  readonly definitive: boolean;
}

/** Error codes of the hook protocol that a store failure maps to. */
export type StoreErrorCode = 'ServiceInternalError' | 'NetworkFailure' | 'Throttling' | 'InvalidTypeConfiguration' | 'InvalidCredentials' | 'InternalFailure';

/** The store could not answer: S3 down, slow, throttling, a cut body, a wrong bucket. */
export class TemplateStoreError extends Error {
  override readonly name = 'TemplateStoreError';
  constructor(
    readonly location: string,
    readonly reason: string,
    readonly errorCode: StoreErrorCode,
    options?: { cause?: unknown },
  ) {
    super(`could not read template ${location}: ${reason}`, options);
  }
}
