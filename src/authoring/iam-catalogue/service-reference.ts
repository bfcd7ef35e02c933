import type { IamCatalogueDocument } from '../../engine/iam/catalogue';
import { CatalogueSourceError } from './errors';
import { normalizedCatalogue } from './format';

/** AWS's list of services with a service reference file each (Service Authorization Reference, "programmatic access"). */
export const SERVICE_LIST_URL = 'https://servicereference.us-east-1.amazonaws.com/v1/service-list.json';

export interface FetchOptions {
  /** Per request. */
  readonly timeoutMs?: number;
  /** Per file, on network errors, 5xx and 429. */
  readonly attempts?: number;
  readonly concurrency?: number;
  /** Today, as the catalogue's `retrieved` date (tests pin it). */
  readonly now?: () => Date;
}

/** A service file of this size is not the service reference: refuse it rather than hold it. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]*$/;

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`${url} answered HTTP ${status}`);
  }
}

function retryable(error: unknown): boolean {
  return !(error instanceof HttpStatusError) || error.status >= 500 || error.status === 429;
}

/** fetch says only "fetch failed"; the reason a user can act on is in its cause. */
function networkReason(error: Error): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found (check the URL, DNS or proxy)',
    EAI_AGAIN: 'host not found (DNS did not answer)',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted (set NODE_EXTRA_CA_CERTS for a proxy)',
    SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted (set NODE_EXTRA_CA_CERTS for a proxy)',
  };
  if (code !== undefined) return words[code] ?? code;
  return typeof cause?.message === 'string' ? cause.message : error.message;
}

async function getJson(url: string, options: FetchOptions): Promise<unknown> {
  const attempts = options.attempts ?? 3;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new HttpStatusError(response.status, url);
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > MAX_BODY_BYTES) throw new CatalogueSourceError(`${url} is ${length} bytes; a service reference file is far smaller`);
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new CatalogueSourceError(`${url} did not answer JSON`);
      }
    } catch (error) {
      last = error;
      if (error instanceof CatalogueSourceError || !retryable(error) || attempt === attempts) break;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
    }
  }
  if (last instanceof CatalogueSourceError) throw last;
  const e = last as Error;
  const why = e.name === 'TimeoutError' ? `no answer within ${options.timeoutMs ?? 30_000} ms` : networkReason(e);
  throw new CatalogueSourceError(`cannot read ${url}: ${why}`, { cause: last });
}

interface ServiceEntry {
  readonly prefix: string;
  readonly url: string;
}

/** `[{"service": "s3", "url": "https://.../v1/s3/s3.json"}, ...]`; relative URLs resolve against the list. */
function serviceEntries(list: unknown, listUrl: string): ServiceEntry[] {
  if (!Array.isArray(list) || list.length === 0) throw new CatalogueSourceError(`${listUrl} is not a list of services ([{"service", "url"}, ...])`);
  return list.map((item, i) => {
    const { service, url } = (item ?? {}) as { service?: unknown; url?: unknown };
    if (typeof service !== 'string' || !SERVICE_PREFIX.test(service.toLowerCase()) || typeof url !== 'string') {
      throw new CatalogueSourceError(`${listUrl} item ${i} is not {"service": "<prefix>", "url": "..."}`);
    }
    const resolved = new URL(url, listUrl);
    if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') throw new CatalogueSourceError(`${listUrl} item ${i} points to ${resolved.protocol} URL`);
    return { prefix: service.toLowerCase(), url: resolved.href };
  });
}

/** `{"Name": "s3", "Actions": [{"Name": "GetObject", ...}], ...}` -> the action names. */
function actionNames(body: unknown, url: string): string[] {
  const actions = (body as { Actions?: unknown } | null)?.Actions;
  if (!Array.isArray(actions)) throw new CatalogueSourceError(`${url} has no "Actions" list (not a service reference file)`);
  return actions.map((action, i) => {
    const name = (action as { Name?: unknown } | null)?.Name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new CatalogueSourceError(`${url} action ${i} has no valid "Name"`);
    return name;
  });
}

async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The catalogue from AWS's service reference: the service list, then every service's file.
 * All or nothing: one unreadable file fails the update (a partial catalogue would refuse
 * every action of the missing services).
 */
export async function catalogueFromServiceReference(listUrl: string, options: FetchOptions = {}): Promise<IamCatalogueDocument> {
  const entries = serviceEntries(await getJson(listUrl, options), listUrl);
  const names = await inParallel(entries, options.concurrency ?? 8, async (entry) => actionNames(await getJson(entry.url, options), entry.url));
  const services = new Map<string, string[]>();
  entries.forEach((entry, i) => services.set(entry.prefix, [...(services.get(entry.prefix) ?? []), ...names[i]]));
  const retrieved = (options.now ?? (() => new Date()))().toISOString().slice(0, 10);
  return normalizedCatalogue(listUrl, retrieved, services);
}
