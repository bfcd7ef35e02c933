/** A construct java.util.regex accepts that the engine does not translate: refused, never guessed. */
export class UnsupportedConstructError extends Error {
  constructor(
    /** What the pattern uses, e.g. "\\X (a grapheme cluster)". */
    readonly construct: string,
    /** How to write it instead. */
    readonly hint = 'rewrite the pattern without it',
  ) {
    super(`${construct} is not supported; ${hint}`);
  }
}
