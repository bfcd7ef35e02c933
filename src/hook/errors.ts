/** The HookInvocationRequest is malformed (answered FAILED / InvalidRequest). */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The Hook's type configuration is wrong (answered FAILED / InvalidTypeConfiguration, naming the property). */
export class InvalidTypeConfigurationError extends Error {
  override readonly name = 'InvalidTypeConfigurationError';
  constructor(
    readonly property: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`type configuration property ${property} ${detail}`, options);
  }
}

/** The error codes a payload failure maps to (a Lambda Hook answers InternalFailure with this code in the message). */
export type PayloadErrorCode = 'InvalidRequest' | 'NetworkFailure' | 'ServiceInternalError' | 'Throttling';

/** A stack-level payload could not be fetched or read (answered FAILED with its code). */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  constructor(
    readonly reason: string,
    readonly errorCode: PayloadErrorCode,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}
