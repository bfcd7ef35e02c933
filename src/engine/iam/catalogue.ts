import { LruCache } from '../lru';
import { isWholeService, parseActionEntry } from './actions';
import { globMatch, hasWildcard } from './glob';

/** The catalogue's file name, beside the templates (folder and S3 prefix). */
export const IAM_CATALOGUE_FILE = 'iam-actions.json';

/** The file as written: `{"source", "retrieved", "services": {"<prefix>": ["ActionName", ...]}, "withheld"?: {...}}`. */
export interface IamCatalogueDocument {
  readonly source: string;
  readonly retrieved: string;
  readonly services: Readonly<Record<string, readonly string[]>>;
  /**
   * Actions AWS publishes that the security team has not approved yet (`rcfge iam-catalogue
   * update --withhold-new`): refused by name in Allow statements and through any Allow wildcard
   * that would grant one, until `rcfge iam-catalogue approve` moves them into `services`.
   */
  readonly withheld?: Readonly<Record<string, readonly string[]>>;
}

/** The catalogue file cannot be used: not JSON, or not the documented shape. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(
    readonly location: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`IAM catalogue ${location} is invalid: ${reason}`, options);
  }
}

const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]*$/;
const ACTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** What one Action/NotAction entry names in the catalogue. */
export interface ActionMatch {
  /** Services whose prefix the entry's service part matches. */
  readonly services: readonly string[];
  /** Number of catalogue actions the entry matches (all services together). */
  readonly count: number;
  /** The catalogue spelling, when the entry names exactly one action without wildcards. */
  readonly exact?: string;
}

/** One Action/NotAction entry, parsed and matched: what the statement rules need to know about it. */
export type EntryAnalysis =
  | { readonly kind: 'malformed'; readonly why: string }
  | { readonly kind: 'all' }
  | {
      readonly kind: 'named';
      readonly service: string;
      readonly action: string;
      /** Catalogue actions it matches. */
      readonly count: number;
      readonly serviceWildcard: boolean;
      readonly actionWildcard: boolean;
      readonly wholeService: boolean;
      /** `service:action` in lower case, for matching against other names. */
      readonly lower: string;
    };

interface ServiceIndex {
  readonly names: readonly string[];
  /** Lower-case name -> AWS spelling. */
  readonly byLower: ReadonlyMap<string, string>;
  readonly lower: readonly string[];
}

/**
 * The approved IAM actions. Lookups are built per service on first use (a Hook runtime
 * touches a handful of the ~450 services), and pattern answers are remembered per runtime.
 */
export class IamCatalogue {
  private readonly indexes = new Map<string, ServiceIndex>();
  private readonly answers = new LruCache<string, ActionMatch>(4096);
  /** Entries as policies write them: a warm runtime sees the same few hundred again and again. */
  private readonly entries = new LruCache<string, EntryAnalysis>(8192);
  readonly prefixes: readonly string[];

  constructor(readonly document: IamCatalogueDocument) {
    this.prefixes = Object.keys(document.services);
  }

  get source(): string {
    return this.document.source;
  }

  get retrieved(): string {
    return this.document.retrieved;
  }

  /** Withheld actions (`service:Action`, AWS spelling) that `service:action` (either part may hold `*`/`?`) matches. */
  withheldMatching(service: string, action: string): string[] {
    const withheld = this.document.withheld;
    if (withheld === undefined) return [];
    const s = service.toLowerCase();
    const a = action.toLowerCase();
    const out: string[] = [];
    for (const [prefix, names] of Object.entries(withheld)) {
      if (!globMatch(s, prefix)) continue;
      for (const name of names) if (globMatch(a, name.toLowerCase())) out.push(`${prefix}:${name}`);
    }
    return out;
  }

  hasService(prefix: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.document.services, prefix.toLowerCase());
  }

  /** The actions of a service as AWS spells them; empty for an unknown prefix. */
  actionsOf(prefix: string): readonly string[] {
    return this.index(prefix.toLowerCase())?.names ?? [];
  }

  /** The AWS spelling of `service:action` (any case), if the catalogue has it. */
  spellingOf(service: string, action: string): string | undefined {
    return this.index(service.toLowerCase())?.byLower.get(action.toLowerCase());
  }

  /** An Action/NotAction entry as written, parsed and matched (remembered per runtime). */
  analyse(text: string): EntryAnalysis {
    const known = this.entries.get(text);
    if (known) return known;
    const parsed = parseActionEntry(text);
    const analysis: EntryAnalysis =
      parsed.kind !== 'named'
        ? parsed
        : {
            ...parsed,
            count: this.match(parsed.service, parsed.action).count,
            serviceWildcard: hasWildcard(parsed.service),
            actionWildcard: hasWildcard(parsed.action),
            wholeService: isWholeService(parsed.action),
            lower: text.toLowerCase(),
          };
    this.entries.set(text, analysis);
    return analysis;
  }

  /** What `service:action` (either part may hold `*`/`?`) matches, case-insensitively. */
  match(service: string, action: string): ActionMatch {
    const key = `${service}:${action}`.toLowerCase();
    const known = this.answers.get(key);
    if (known) return known;
    const answer = this.compute(service.toLowerCase(), action.toLowerCase());
    this.answers.set(key, answer);
    return answer;
  }

  private compute(service: string, action: string): ActionMatch {
    const services = hasWildcard(service) ? this.prefixes.filter((p) => globMatch(service, p)) : this.hasService(service) ? [service] : [];
    if (!hasWildcard(action)) {
      let count = 0;
      let exact: string | undefined;
      for (const s of services) {
        const name = this.index(s)?.byLower.get(action);
        if (name !== undefined) {
          count++;
          exact = name;
        }
      }
      return { services, count, exact: count === 1 && !hasWildcard(service) ? exact : undefined };
    }
    let count = 0;
    for (const s of services) {
      for (const name of this.index(s)?.lower ?? []) if (globMatch(action, name)) count++;
    }
    return { services, count };
  }

  private index(prefix: string): ServiceIndex | undefined {
    let index = this.indexes.get(prefix);
    if (index) return index;
    if (!Object.prototype.hasOwnProperty.call(this.document.services, prefix)) return undefined;
    const names = this.document.services[prefix];
    const lower = names.map((n) => n.toLowerCase());
    index = { names, lower, byLower: new Map(lower.map((l, i) => [l, names[i]])) };
    this.indexes.set(prefix, index);
    return index;
  }
}

function fail(location: string, reason: string): never {
  throw new CatalogueError(location, reason);
}

/** Checks the documented shape; every problem names where it is, so the fix is obvious. */
export function checkCatalogueDocument(value: unknown, location: string): IamCatalogueDocument {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(location, 'it must be a JSON object {"source", "retrieved", "services"}');
  const record = value as Record<string, unknown>;
  if (typeof record.source !== 'string') fail(location, '"source" must be a string (where the actions came from)');
  if (typeof record.retrieved !== 'string') fail(location, '"retrieved" must be a string (the date of the data)');
  const services = record.services;
  if (services === null || typeof services !== 'object' || Array.isArray(services)) fail(location, '"services" must be an object mapping service prefixes to action names');
  const entries = Object.entries(services as Record<string, unknown>);
  if (entries.length === 0) fail(location, '"services" is empty: every action would be refused');
  checkActionMap(location, 'services', entries);
  const withheld = record.withheld;
  if (withheld !== undefined) {
    if (withheld === null || typeof withheld !== 'object' || Array.isArray(withheld)) fail(location, '"withheld" must be an object mapping service prefixes to action names');
    checkActionMap(location, 'withheld', Object.entries(withheld));
    const approved = services as Record<string, string[]>;
    for (const [prefix, actions] of Object.entries(withheld as Record<string, string[]>)) {
      const both = actions.find((a) => (approved[prefix] ?? []).some((b) => b.toLowerCase() === a.toLowerCase()));
      if (both !== undefined) fail(location, `${prefix}:${both} is both approved ("services") and withheld ("withheld")`);
    }
  }
  const document = { source: record.source as string, retrieved: record.retrieved as string, services: services as Record<string, string[]> };
  return withheld === undefined ? document : { ...document, withheld: withheld as Record<string, string[]> };
}

function checkActionMap(location: string, key: string, entries: Array<[string, unknown]>): void {
  for (const [prefix, actions] of entries) {
    if (!SERVICE_PREFIX.test(prefix)) fail(location, `service prefix ${JSON.stringify(prefix)} must be lower-case letters, digits and "-"`);
    if (!Array.isArray(actions)) fail(location, `"${key}"."${prefix}" must be a list of action names`);
    for (const action of actions) {
      if (typeof action !== 'string' || !ACTION_NAME.test(action)) fail(location, `"${key}"."${prefix}" holds ${JSON.stringify(action)}, which is not an action name`);
    }
  }
}

export function parseCatalogue(text: string, location: string): IamCatalogue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CatalogueError(location, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  return new IamCatalogue(checkCatalogueDocument(value, location));
}
