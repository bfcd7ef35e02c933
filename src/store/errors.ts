/** The engine's port defines the errors a template source may raise; the stores raise them. */
export { TemplateNotFoundError, TemplateStoreError, type StoreErrorCode } from '../engine/template-provider';
