/** Failure modes of `rcfge package`, one class each; the CLI prints the message (exit 2). */

/** schema.json or .rpdk-config is missing, unreadable or lacks what the package needs. */
export class ProjectFileError extends Error {
  override readonly name = 'ProjectFileError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** esbuild could not bundle the handler (or could not be loaded at all). */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The zip cannot be written as asked (duplicate or unsafe entry name, size beyond plain ZIP). */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

/** The bundle contains something a Lambda package must not (aws-sdk v2, node_modules, a stray source map). */
export class ForbiddenContentError extends Error {
  override readonly name = 'ForbiddenContentError';
}
