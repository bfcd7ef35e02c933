import type { TemplateObject } from '../engine/template-provider';

/** The engine's port (TemplateProvider, TemplateObject, the size limit), implemented by this folder. */
export { MAX_TEMPLATE_BYTES, type TemplateObject, type TemplateProvider } from '../engine/template-provider';

/** Result of a fetch that may be conditional on a known version. */
export type FetchResult = { readonly status: 'found'; readonly object: TemplateObject } | { readonly status: 'not-modified' };

/** Where templates come from (S3 bucket, local folder). Throws TemplateNotFoundError / TemplateStoreError. */
export interface TemplateStore {
  locationOf(file: string): string;
  fetch(file: string, knownEtag?: string): Promise<FetchResult>;
}
