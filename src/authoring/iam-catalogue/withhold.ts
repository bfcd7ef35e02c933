import { globMatch } from '../../engine/iam/glob';
import type { IamCatalogueDocument } from '../../engine/iam/catalogue';
import { byCodePoint } from './format';

type ActionMap = Readonly<Record<string, readonly string[]>>;

/** A map without empty services, services and actions sorted (the committed form stays stable). */
function tidy(map: Map<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const prefix of [...map.keys()].sort(byCodePoint)) {
    const actions = map.get(prefix) ?? [];
    if (actions.length > 0) out[prefix] = [...actions].sort(byCodePoint);
  }
  return out;
}

function withWithheld(document: IamCatalogueDocument, withheld: Record<string, string[]>): IamCatalogueDocument {
  const { withheld: _old, ...rest } = document;
  return Object.keys(withheld).length === 0 ? rest : { ...rest, withheld };
}

/**
 * The fresh service reference split against the approved catalogue it replaces: actions the
 * previous catalogue approved stay approved (if AWS still has them); every other action AWS
 * publishes is withheld, so the Hook refuses it by name and through Allow wildcards until the
 * security team approves it.
 */
export function withholdNew(previous: IamCatalogueDocument, fresh: IamCatalogueDocument): IamCatalogueDocument {
  const approved = new Map<string, string[]>();
  const withheld = new Map<string, string[]>();
  for (const [prefix, actions] of Object.entries(fresh.services)) {
    const before = new Set((previous.services[prefix] ?? []).map((a) => a.toLowerCase()));
    for (const action of actions) {
      const into = before.has(action.toLowerCase()) ? approved : withheld;
      into.set(prefix, [...(into.get(prefix) ?? []), action]);
    }
  }
  return withWithheld({ source: fresh.source, retrieved: fresh.retrieved, services: tidy(approved) }, tidy(withheld));
}

export interface Approval {
  readonly document: IamCatalogueDocument;
  /** `service:Action`, as AWS spells them. */
  readonly approved: readonly string[];
  /** Patterns that matched no withheld action (most likely a typo). */
  readonly unmatched: readonly string[];
}

/** Moves the withheld actions that `patterns` match (`service:Action`, IAM wildcards, any case) into `services`. */
export function approveWithheld(document: IamCatalogueDocument, patterns: readonly string[] | 'all'): Approval {
  const services = new Map(Object.entries(document.services).map(([p, a]) => [p, [...a]]));
  const withheld = new Map<string, string[]>();
  const approved: string[] = [];
  const used = new Set<string>();
  for (const [prefix, actions] of Object.entries((document.withheld ?? {}) as ActionMap)) {
    for (const action of actions) {
      const name = `${prefix}:${action}`;
      const by = patterns === 'all' ? ['all'] : patterns.filter((p) => globMatch(p.toLowerCase(), name.toLowerCase()));
      if (by.length === 0) {
        withheld.set(prefix, [...(withheld.get(prefix) ?? []), action]);
      } else {
        by.forEach((p) => used.add(p));
        services.set(prefix, [...(services.get(prefix) ?? []), action]);
        approved.push(name);
      }
    }
  }
  const unmatched = patterns === 'all' ? [] : patterns.filter((p) => !used.has(p));
  return { document: withWithheld({ ...document, services: tidy(services) }, tidy(withheld)), approved, unmatched };
}

export function withheldCount(document: IamCatalogueDocument): number {
  return Object.values(document.withheld ?? {}).reduce((n, actions) => n + actions.length, 0);
}
