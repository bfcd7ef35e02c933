import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RegistryError } from './errors';

/** Writes a snapshot file atomically (a temporary file renamed), so a cut run never leaves half a snapshot in use. */
export function writeSnapshotFile(path: string, bytes: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new RegistryError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
