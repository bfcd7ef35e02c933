/**
 * The two packages and their layouts.
 *
 * Registry package (what `cfn submit --dry-run` writes for a hook, `<type-name-hyphenated>.zip`):
 * cloudformation-cli src/rpdk/core/project.py `submit` / `_add_hooks_content_to_zip` writes
 * `configuration-schema.json`, `.rpdk-config`, `schema.json` (plus optional `inputs/`,
 * `overrides.json`, and in recent versions `target-info.json` / `target-schemas/`, which it
 * fetches from the registry of a live account, and `.cfn_metadata.json` naming the CLI version),
 * then lets the language plugin add its code: cloudformation-cli-typescript-plugin
 * python/rpdk/typescript/codegen.py `package` writes the handler build as `ResourceProvider.zip`
 * (its files relative to the build folder, so `dist/handlers.js` for entrypoint
 * `dist/handlers.entrypoint`) and copies `src/`. Here: the four files the registry needs (the
 * code zip holding the bundle's files in `dist/`: handlers.js and its lazily loaded chunks), no
 * sources, no node_modules (esbuild bundles every dependency), nothing fetched from AWS.
 * Like the CLI, the outer archive stores its members uncompressed (the CLI's comment: it
 * "helps with the file-size check on upload"); the code zip inside is deflated.
 *
 * Lambda package (`AWS::CloudFormation::LambdaHook` calls a function of ours): the handler
 * zip itself, i.e. the very bytes of ResourceProvider.zip; Handler `dist/handlers.entrypoint`.
 */
import { posix } from 'node:path';
import type { HandlerBundle } from './bundle';
import { configurationSchemaJson } from './configuration-schema';
import { ForbiddenContentError } from './errors';
import type { HookProject } from './project';
import { type ZipEntry, writeZip } from './zip';

export const HANDLER_ZIP = 'ResourceProvider.zip';
export const LAMBDA_PACKAGE = 'rcfge-lambda.zip';
/** The AWS Config rule's function (stacksets/rcfge-member.yaml, ConfigRule=Enabled). */
export const CONFIG_RULE_PACKAGE = 'rcfge-config-rule.zip';
export const CONFIG_RULE_HANDLER = 'dist/config-rule.handler';

/** `RCFGE::Config::Hook` -> `rcfge-config-hook.zip`, the name `cfn submit --dry-run` gives it. */
export function registryPackageName(typeName: string): string {
  return `${typeName.split('::').join('-').toLowerCase()}.zip`;
}

/** AWS SDK for JavaScript v2: not in the Lambda Node.js 18+ runtimes, and not to be bundled either. */
const SDK_V2 = /require\(\s*["'`]aws-sdk(?:\/[^"'`]*)?["'`]\s*\)|from\s*["'`]aws-sdk(?:\/[^"'`]*)?["'`]/;

export function assertShippable(entries: readonly ZipEntry[], allowSourceMaps: boolean): void {
  for (const entry of entries) {
    if (entry.name.split('/').includes('node_modules')) throw new ForbiddenContentError(`${entry.name}: node_modules do not belong in the package (the bundle carries its dependencies)`);
    if (entry.name.endsWith('.map') && !allowSourceMaps) throw new ForbiddenContentError(`${entry.name}: source maps only with --sourcemap`);
    if (entry.name.endsWith('.js') && SDK_V2.test(Buffer.from(entry.data).toString('utf8'))) {
      throw new ForbiddenContentError(`${entry.name} requires aws-sdk (v2), which the Lambda Node.js runtimes no longer provide; use the v3 clients`);
    }
  }
}

/** The bundle's files in the handler's folder (`dist/`), as Lambda will find them next to each other. */
export function handlerEntries(bundle: HandlerBundle, handlerFile: string, allowSourceMaps: boolean): ZipEntry[] {
  const entries = bundle.files.map((file) => ({ name: posix.join(posix.dirname(handlerFile), file.name), data: file.data }));
  assertShippable(entries, allowSourceMaps);
  return entries;
}

export interface Packages {
  /** ResourceProvider.zip, which is also the Lambda Hook package. */
  readonly handlerZip: Buffer;
  readonly registryPackage: Buffer;
}

export function buildPackageBytes(project: HookProject, bundle: HandlerBundle, options: { sourcemap?: boolean } = {}): Packages {
  const handlerZip = writeZip(handlerEntries(bundle, project.handlerFile, options.sourcemap === true));
  const registryPackage = writeZip([
    { name: 'schema.json', data: project.schemaBytes, method: 'store' },
    { name: '.rpdk-config', data: project.settingsBytes, method: 'store' },
    { name: 'configuration-schema.json', data: Buffer.from(configurationSchemaJson(project.schema), 'utf8'), method: 'store' },
    { name: HANDLER_ZIP, data: handlerZip, method: 'store' },
  ]);
  return { handlerZip, registryPackage };
}
