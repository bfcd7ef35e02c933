import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REGISTRY = process.env.RCFGE_BENCH_SCHEMAS ?? join(ROOT, '..', 'shared', 'reference', 'resource-schemas');
export const TEMPLATES = join(ROOT, 'templates');
export const WORKERS = join(ROOT, 'bench', 'workers');
export const CFN_GUARD = join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', 'ubuntu', 'x86_64', 'cfn-guard');
export const GUARD_S3_RULES = join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'rules', 'control-tower', 'cfn-guard', 's3');
