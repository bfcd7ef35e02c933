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

/** A stack- or change-set-level invocation: this Hook judges resources only (FAILED / UnsupportedTarget). */
export class UnsupportedTargetError extends Error {
  override readonly name = 'UnsupportedTargetError';
}
