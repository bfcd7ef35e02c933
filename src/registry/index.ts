export { RegistryDownloadError, RegistryError } from './errors';
export { builtInSnapshotPath, installedSnapshotPath, userDataDir } from './locations';
export { type OpenRegistryOptions, type Registry, type RegistryInfo, type RegistryOrigin, builtInRegistry, describeRegistry, openRegistry } from './registry';
export { type Snapshot, type SnapshotMeta, SNAPSHOT_FORMAT, decodeSnapshot, encodeSnapshot, snapshotOf } from './snapshot';
export { schemasFromDirectory, schemasFromZip } from './archive';
export { archiveUrl, download, type Downloaded } from './download';
export { writeSnapshotFile } from './install';
