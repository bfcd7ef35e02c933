/** The service reference (or its offline copy) could not be read or is not what AWS documents; nothing is written. */
export class CatalogueSourceError extends Error {
  override readonly name = 'CatalogueSourceError';
}
