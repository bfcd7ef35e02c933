/** One version of a template as the store holds it. */
export interface TemplateObject {
  readonly file: string;
  readonly location: string;
  readonly body: string;
  /** Identifies this version: the S3 ETag, or a content hash for local files. */
  readonly etag: string;
}

/** Result of a fetch that may be conditional on a known version. */
export type FetchResult = { readonly status: 'found'; readonly object: TemplateObject } | { readonly status: 'not-modified' };

/** Where templates come from (S3 bucket, local folder). Throws TemplateNotFoundError / TemplateStoreError. */
export interface TemplateStore {
  locationOf(file: string): string;
  fetch(file: string, knownEtag?: string): Promise<FetchResult>;
}

/** What the engine needs: the current template for a file, cached or not. */
export interface TemplateProvider {
  locationOf(file: string): string;
  get(file: string): Promise<TemplateObject>;
  /** The template if it is held and fresh, without any I/O; undefined otherwise. */
  peek?(file: string): TemplateObject | undefined;
}

/** Biggest template accepted; the largest registry schema (QuickSight Dashboard) is about 270 KB. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;
