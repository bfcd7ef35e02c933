import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The registry schemas live in shared/ beside the repository (also in CI); overridable. */
export const REGISTRY_SCHEMAS = process.env.RCFGE_REGISTRY_SCHEMAS ?? join(ROOT, '..', 'shared', 'reference', 'resource-schemas');
