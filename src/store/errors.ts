/** No readable template: S3 said NoSuchKey or AccessDenied, or the file does not exist. */
export class TemplateNotFoundError extends Error {
  override readonly name = 'TemplateNotFoundError';
  constructor(
    readonly location: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`no readable template at ${location} (${reason})`, options);
  }
}

/** Error codes of the hook protocol that a store failure maps to. */
export type StoreErrorCode = 'ServiceInternalError' | 'NetworkFailure' | 'Throttling' | 'InvalidTypeConfiguration' | 'InternalFailure';

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
