/**
 * The port through which the engine reads templates. The engine owns it; `src/store`
 * (S3, a local folder, the warm-runtime cache) implements it, so the engine stays pure and
 * imports nothing from where templates come from.
 */

/** One version of a template as a provider holds it. */
export interface TemplateObject {
  readonly file: string;
  readonly location: string;
  readonly body: string;
  /** Identifies this version: the S3 ETag, or a content hash for local files. */
  readonly etag: string;
}

/** What the engine needs: the current template for a file, cached or not. */
export interface TemplateProvider {
  locationOf(file: string): string;
  /** Throws TemplateNotFoundError when there is no readable template, TemplateStoreError when the source cannot answer. */
  get(file: string): Promise<TemplateObject>;
  /** The template if it is held and fresh, without any I/O; undefined otherwise. */
  peek?(file: string): TemplateObject | undefined;
}

/** Biggest template accepted; the largest registry schema (QuickSight Dashboard) is about 270 KB. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

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
   * False when the source only said it may not be read (S3 AccessDenied, which is also its
   * answer for a missing key when the role lacks s3:ListBucket): a template might exist.
   */
  readonly definitive: boolean;
}

/** Error codes of the hook protocol that a provider failure maps to. */
export type StoreErrorCode = 'ServiceInternalError' | 'NetworkFailure' | 'Throttling' | 'InvalidTypeConfiguration' | 'InvalidCredentials' | 'InternalFailure';

/** The source could not answer: S3 down, slow, throttling, a cut body, a wrong bucket. */
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
