import type { IamCatalogueDocument } from '../../engine/iam/catalogue';

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Services and actions sorted, actions deduplicated case-insensitively (IAM ignores case). */
export function normalizedCatalogue(source: string, retrieved: string, services: ReadonlyMap<string, Iterable<string>>): IamCatalogueDocument {
  const out: Record<string, string[]> = {};
  for (const prefix of [...services.keys()].sort(byCodePoint)) {
    const seen = new Map<string, string>();
    for (const name of services.get(prefix) ?? []) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
    out[prefix] = [...seen.values()].sort(byCodePoint);
  }
  return { source, retrieved, services: out };
}

/**
 * The committed form: one service per line, so `git diff` and review show which services
 * changed, and the same data always gives the same bytes.
 */
export function formatCatalogue(document: IamCatalogueDocument): string {
  const lines = Object.entries(document.services).map(([prefix, actions]) => `    ${JSON.stringify(prefix)}: ${JSON.stringify(actions)}`);
  return `{\n  "source": ${JSON.stringify(document.source)},\n  "retrieved": ${JSON.stringify(document.retrieved)},\n  "services": {\n${lines.join(',\n')}\n  }\n}\n`;
}

export function actionCount(document: IamCatalogueDocument): number {
  return Object.values(document.services).reduce((n, actions) => n + actions.length, 0);
}
