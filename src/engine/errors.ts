/**
 * Failure modes of the engine. Each one keeps `cause` so a log line can show the
 * underlying library error while the user-facing message stays actionable.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    /** Where the template came from (s3://bucket/key or a file path). */
    readonly location: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`template ${location} is invalid: ${reason}`, options);
  }
}

/** A `$<name>` the context cannot fill: the template is refused rather than half-applied. */
export class UnknownPlaceholderError extends Error {
  override readonly name = 'UnknownPlaceholderError';
  constructor(
    readonly placeholder: string,
    readonly pointer: string,
  ) {
    const param = /^param:(.+)$/.exec(placeholder);
    const why = param ? ` (TemplateParameters has no ${param[1]})` : '';
    super(`unknown placeholder $<${placeholder}> at ${pointer || '/'}${why}`);
  }
}

/** A placeholder used where its value cannot go (e.g. an array parameter inside a plain string). */
export class PlaceholderUsageError extends Error {
  override readonly name = 'PlaceholderUsageError';
  constructor(
    readonly placeholder: string,
    readonly pointer: string,
    readonly why: string,
  ) {
    super(`placeholder $<${placeholder}> at ${pointer || '/'}: ${why}`);
  }
}

/** A `pattern` (or `patternProperties` key) the engine refuses; `why` completes "pattern P ...". */
export class PatternError extends Error {
  override readonly name: string = 'PatternError';
  constructor(
    readonly pattern: string,
    readonly why: string,
    options?: { cause?: unknown },
  ) {
    super(`pattern ${JSON.stringify(pattern)} ${why}`, options);
  }
}

/** Not a valid java.util.regex pattern: Java (and so CloudFormation) would refuse it too. */
export class InvalidPatternError extends PatternError {
  override readonly name = 'InvalidPatternError';
}

/** Valid Java, but a construct the engine does not translate (`\X`, `\p{InBlock}`, ...): refused, never guessed. */
export class UnsupportedPatternError extends PatternError {
  override readonly name = 'UnsupportedPatternError';
}

/** A regular expression that could backtrack catastrophically and cannot run on the linear-time engine. */
export class UnsafePatternError extends PatternError {
  override readonly name = 'UnsafePatternError';
}
