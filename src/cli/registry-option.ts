import { openRegistry, type Registry, RegistryError } from '../registry';
import type { CliIO } from './command';
import { UsageError } from './command';

/** The registry a command uses: `--schemas DIR`, else the snapshot `rcfge schemas update` installed, else the built-in one. */
export function registryFor(command: string, schemas: string | undefined, io: CliIO): Registry {
  try {
    return openRegistry({ dir: schemas, cwd: io.cwd, env: io.env });
  } catch (error) {
    if (error instanceof RegistryError) throw new UsageError(`${command}: ${error.message}`);
    throw error;
  }
}
