/** Failure modes of the registry schemas, one class each; the CLI prints the message (exit 2). */

/** A snapshot file or a schemas folder cannot be read or is not what it should be. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `rcfge schemas update` could not download or unpack the archive. */
export class RegistryDownloadError extends Error {
  override readonly name = 'RegistryDownloadError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
