import { LruCache } from '../engine/lru';
import { TemplateNotFoundError, TemplateStoreError } from './errors';
import type { TemplateObject, TemplateProvider, TemplateStore } from './types';

export interface CacheOptions {
  /** A template is used without asking the store for this long (CacheTtlSeconds). */
  readonly ttlMs: number;
  /** After the TTL, how long the last good version may serve while the store fails (MaxStaleSeconds). */
  readonly maxStaleMs: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
  /** Told when a stale template is served because revalidation failed. */
  readonly onStale?: (file: string, error: TemplateStoreError, ageMs: number) => void;
}

export type Entry =
  | { readonly kind: 'found'; readonly object: TemplateObject; checkedAt: number }
  | { readonly kind: 'missing'; readonly error: TemplateNotFoundError; checkedAt: number };

/**
 * What a warm runtime remembers between invocations. Kept apart from the provider so each
 * invocation can bring its own S3 client (its own caller credentials) to the shared cache.
 */
export class TemplateCacheState {
  readonly entries: LruCache<string, Entry>;
  readonly inflight = new Map<string, Promise<TemplateObject>>();

  constructor(maxEntries = 512) {
    this.entries = new LruCache(maxEntries);
  }
}

/**
 * Per-runtime template cache: fresh within the TTL (no request), then one conditional
 * GET with the ETag; concurrent requests for one file share one fetch. "Not found" is
 * cached too, so an unapproved type costs one GET per TTL, not one per resource. A
 * template deleted from the store stops applying at the next revalidation.
 */
export class CachingTemplateProvider implements TemplateProvider {
  private readonly entries: LruCache<string, Entry>;
  private readonly inflight: Map<string, Promise<TemplateObject>>;
  private readonly now: () => number;

  constructor(
    private readonly store: TemplateStore,
    private readonly options: CacheOptions,
    state: TemplateCacheState = new TemplateCacheState(options.maxEntries ?? 512),
  ) {
    this.entries = state.entries;
    this.inflight = state.inflight;
    this.now = options.now ?? Date.now;
  }

  locationOf(file: string): string {
    return this.store.locationOf(file);
  }

  peek(file: string): TemplateObject | undefined {
    const entry = this.entries.get(file);
    return entry?.kind === 'found' && this.now() - entry.checkedAt < this.options.ttlMs ? entry.object : undefined;
  }

  get(file: string): Promise<TemplateObject> {
    const entry = this.entries.get(file);
    if (entry && this.now() - entry.checkedAt < this.options.ttlMs) {
      return entry.kind === 'found' ? Promise.resolve(entry.object) : Promise.reject(entry.error);
    }
    let pending = this.inflight.get(file);
    if (!pending) {
      pending = this.refresh(file, entry).finally(() => this.inflight.delete(file));
      this.inflight.set(file, pending);
    }
    return pending;
  }

  private async refresh(file: string, entry: Entry | undefined): Promise<TemplateObject> {
    const known = entry?.kind === 'found' ? entry : undefined;
    try {
      const result = await this.store.fetch(file, known?.object.etag);
      if (result.status === 'not-modified' && known) {
        known.checkedAt = this.now();
        return known.object;
      }
      if (result.status === 'not-modified') {
        // The store claims we hold a version we do not hold: ask again without a condition.
        return await this.fetchFresh(file);
      }
      this.entries.set(file, { kind: 'found', object: result.object, checkedAt: this.now() });
      return result.object;
    } catch (error) {
      if (error instanceof TemplateNotFoundError) {
        this.entries.set(file, { kind: 'missing', error, checkedAt: this.now() });
        throw error;
      }
      const age = known ? this.now() - known.checkedAt : Infinity;
      if (known && error instanceof TemplateStoreError && age < this.options.ttlMs + this.options.maxStaleMs) {
        this.options.onStale?.(file, error, age);
        return known.object;
      }
      throw error;
    }
  }

  private async fetchFresh(file: string): Promise<TemplateObject> {
    const result = await this.store.fetch(file);
    if (result.status !== 'found') throw new TemplateStoreError(this.store.locationOf(file), 'the store answered "not modified" to an unconditional request', 'InternalFailure');
    this.entries.set(file, { kind: 'found', object: result.object, checkedAt: this.now() });
    return result.object;
  }
}
