// The engine pieces the bench drives directly (baselines, fixtures, the local S3 server),
// bundled by bench/lib/build.mjs from the same sources as the Hook. Nothing here is measured
// as "the Hook": the Hook is always the production bundle (dist/handlers.js build).
export { SchemaCompiler, createAjv, prepareTemplate, substitutePlaceholders, Enforcer, EngineCaches, templateFileName } from '../../src/engine';
export type { PlaceholderContext } from '../../src/engine';
export { startLocalS3, uploadTemplates, localS3Client, presignedPayload } from '../../src/local/s3-server';
export { parseStackTemplate, readStackTemplate, resolveResource } from '../../src/cfn';
export { DirectoryTemplateStore } from '../../src/store/directory-store';
export { CachingTemplateProvider } from '../../src/store/caching-provider';
// Hook stages, timed one by one in the warm worker to show where the per-invocation time goes.
export { parseHookRequest } from '../../src/hook/request';
export { readTypeConfiguration } from '../../src/hook/config';
export { placeholderContext, regionOf } from '../../src/hook/context';
export { InvocationLog } from '../../src/hook/logger';
export { HookRuntime } from '../../src/hook/runtime';
// What `rcfge init` runs (src/cli/init.ts), in process: 1,504 spawns would measure node start-up.
export { deriveTemplate } from '../../src/authoring/init/derive';
// The drift canary over a large organisation, against the test stand-in for the CloudFormation and STS APIs.
export { runAudit } from '../../src/audit/audit';
export { sdkClients } from '../../src/audit/clients';
export { startFakeAws } from '../../test/support/fake-aws/server';
export { healthyOrganisation } from '../../test/support/fake-aws/organisation';
// IAM policies: the catalogue's parse and the statement rules, timed apart from the bundle.
export { parseCatalogue } from '../../src/engine/iam/catalogue';
export { judgeStatement, DEFAULT_STATEMENT_RULES } from '../../src/engine/iam/statement';
export { handleHookRequest } from '../../src/hook/handler';
