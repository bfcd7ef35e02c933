import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/**
 * Registry schemas in tests: `builtInRegistry()` from src/registry (the snapshot shipped in
 * registry/), or `--templates @registry` / no `--schemas` through the CLI. The jest setup
 * points RCFGE_HOME at an empty folder, so a snapshot a developer installed never leaks in.
 */
export { builtInRegistry } from '../../src/registry';
