import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { bundleHandler, type Metafile } from './bundle';
import { buildPackageBytes, CONFIG_RULE_HANDLER, CONFIG_RULE_PACKAGE, handlerEntries, LAMBDA_PACKAGE, registryPackageName } from './layout';
import { handlerFileOf, readHookProject } from './project';
import { writeZip } from './zip';

export interface Artifact {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface PackageResult {
  readonly registryPackage: Artifact;
  readonly lambdaPackage: Artifact;
  /** The AWS Config rule's function code (Handler `configRuleHandler`). */
  readonly configRulePackage: Artifact;
  readonly configRuleHandler: string;
  /** The bundle's files (`handlers.js`, chunks; maps with --sourcemap) and their sizes, minified. */
  readonly bundleFiles: ReadonlyArray<{ readonly name: string; readonly bytes: number }>;
  readonly handlerFile: string;
  /** Lambda Handler and Runtime, from .rpdk-config. */
  readonly entrypoint: string;
  readonly runtime: string;
  readonly metafile: Metafile;
}

export interface PackageOptions {
  /** The hook project: schema.json, .rpdk-config, scripts/build.mjs, src/. */
  readonly root: string;
  readonly outDir: string;
  readonly sourcemap?: boolean;
}

async function emit(path: string, data: Buffer): Promise<Artifact> {
  await writeFile(path, data);
  return { path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Bundles the handler once and writes both Hook packages into `outDir`, and the AWS Config rule's zip beside them. */
export async function buildPackages(options: PackageOptions): Promise<PackageResult> {
  const project = await readHookProject(options.root);
  const bundle = await bundleHandler(options.root, project.handlerFile, { sourcemap: options.sourcemap });
  const { handlerZip, registryPackage } = buildPackageBytes(project, bundle, { sourcemap: options.sourcemap });
  const ruleFile = handlerFileOf(CONFIG_RULE_HANDLER);
  const rule = await bundleHandler(options.root, ruleFile, { sourcemap: options.sourcemap, builder: 'buildConfigRule' });
  const ruleZip = writeZip(handlerEntries(rule, ruleFile, options.sourcemap === true));
  await mkdir(options.outDir, { recursive: true });
  return {
    registryPackage: await emit(join(options.outDir, registryPackageName(project.typeName)), registryPackage),
    lambdaPackage: await emit(join(options.outDir, LAMBDA_PACKAGE), handlerZip),
    configRulePackage: await emit(join(options.outDir, CONFIG_RULE_PACKAGE), ruleZip),
    configRuleHandler: CONFIG_RULE_HANDLER,
    bundleFiles: bundle.files.map((f) => ({ name: posix.join(posix.dirname(project.handlerFile), f.name), bytes: f.data.length })),
    handlerFile: project.handlerFile,
    entrypoint: project.entrypoint,
    runtime: project.runtime,
    metafile: bundle.metafile,
  };
}
