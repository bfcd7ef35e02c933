import type { IamCatalogueDocument } from '../../engine/iam/catalogue';

export function byCodePoint(a: string, b: string): number {
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
  const block = (map: Readonly<Record<string, readonly string[]>>) => Object.entries(map).map(([prefix, actions]) => `    ${JSON.stringify(prefix)}: ${JSON.stringify(actions)}`).join(',\n');
  const withheld = document.withheld && Object.keys(document.withheld).length > 0 ? `,\n  "withheld": {\n${block(document.withheld)}\n  }` : '';
  return `{\n  "source": ${JSON.stringify(document.source)},\n  "retrieved": ${JSON.stringify(document.retrieved)},\n  "services": {\n${block(document.services)}\n  }${withheld}\n}\n`;
}

export function actionCount(document: IamCatalogueDocument): number {
  return Object.values(document.services).reduce((n, actions) => n + actions.length, 0);
}
