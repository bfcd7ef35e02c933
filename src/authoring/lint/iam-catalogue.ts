import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogueError, IAM_CATALOGUE_FILE, parseCatalogue } from '../../engine/iam/catalogue';
import type { LintFinding } from './finding';

/**
 * The folder's IAM catalogue: valid when present, and present when a template judges
 * policy statements (published without it, every such resource fails closed).
 */
export async function lintIamCatalogue(dir: string, displayDir: string, usedBy: readonly string[]): Promise<LintFinding[]> {
  const file = join(displayDir, IAM_CATALOGUE_FILE);
  let text: string;
  try {
    text = await readFile(join(dir, IAM_CATALOGUE_FILE), 'utf8');
  } catch {
    if (usedBy.length === 0) return [];
    const message = `${usedBy.join(', ')} judge${usedBy.length === 1 ? 's' : ''} policy statements against the approved IAM catalogue, but the folder has no ${IAM_CATALOGUE_FILE} (build it: rcfge iam-catalogue update --out ${file})`;
    return [{ file, path: '', rule: 'iam-catalogue', severity: 'error', message }];
  }
  try {
    parseCatalogue(text, file);
    return [];
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    return [{ file, path: '', rule: 'iam-catalogue', severity: 'error', message: error.reason }];
  }
}
