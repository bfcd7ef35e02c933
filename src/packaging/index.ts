export { contributors, ownerOf, type Contributor } from './analyze';
export { bundleHandler, relocateSourceMap, type BundleFile, type HandlerBundle, type Metafile } from './bundle';
export { buildPackages, type Artifact, type PackageOptions, type PackageResult } from './build-packages';
export { configurationSchema, configurationSchemaJson, pythonJsonDumps } from './configuration-schema';
export { crc32 } from './crc32';
export { BundleError, ForbiddenContentError, ProjectFileError, ZipError } from './errors';
export { assertShippable, buildPackageBytes, HANDLER_ZIP, handlerEntries, LAMBDA_PACKAGE, registryPackageName } from './layout';
export { handlerFileOf, readHookProject, type HookProject } from './project';
export { writeZip, type ZipEntry } from './zip';
