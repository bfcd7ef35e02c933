/** `--allow` named properties the registry schema does not have. */
export class UnknownPropertyError extends Error {
  override readonly name = 'UnknownPropertyError';
  constructor(
    readonly typeName: string,
    readonly unknown: readonly string[],
    readonly hints: readonly string[],
  ) {
    super(`${typeName} has no top-level propert${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')}${hints.length ? ` (${hints.join('; ')})` : ''}`);
  }
}

/** The derived template still does not compile: a registry wart init cannot repair yet. */
export class DerivationError extends Error {
  override readonly name = 'DerivationError';
  constructor(
    readonly typeName: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot derive a template for ${typeName}: ${reason}`, options);
  }
}
