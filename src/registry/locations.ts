import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../cli/package-root';

/** The snapshot shipped in the package (data, read at run time; never bundled). */
export function builtInSnapshotPath(): string {
  return join(packageRoot(), 'registry', 'schemas.json.gz');
}

/**
 * Per-user data folder: `RCFGE_HOME` when set (tests point it at a temporary folder), else
 * `$XDG_DATA_HOME/rcfge`, `%LOCALAPPDATA%\rcfge` on Windows, `~/.local/share/rcfge`.
 */
export function userDataDir(env: NodeJS.ProcessEnv): string {
  if (env.RCFGE_HOME) return env.RCFGE_HOME;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'rcfge');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'rcfge');
  return join(env.HOME || homedir(), '.local', 'share', 'rcfge');
}

/** Where `rcfge schemas update` installs the snapshot it downloads. */
export function installedSnapshotPath(env: NodeJS.ProcessEnv): string {
  return join(userDataDir(env), 'registry', 'schemas.json.gz');
}
