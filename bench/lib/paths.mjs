import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built-in registry snapshot (src/registry reads the same file); RCFGE_BENCH_SCHEMAS names a folder of schemas instead. */
export const REGISTRY_SNAPSHOT = join(ROOT, 'registry', 'schemas.json.gz');
export const TEMPLATES = join(ROOT, 'templates');
export const WORKERS = join(ROOT, 'bench', 'workers');
export const CFN_GUARD = join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', 'ubuntu', 'x86_64', 'cfn-guard');
export const GUARD_S3_RULES = join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'rules', 'control-tower', 'cfn-guard', 's3');
