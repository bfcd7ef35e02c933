interface Slot<V> {
  value: V;
  used: number;
}

/**
 * Bounded map evicting the least recently used entry, so warm-runtime caches stay flat.
 * A hit only stamps the entry (no Map delete/insert, which re-hashes long keys on the hot
 * path); the scan for the oldest entry happens on insertion beyond capacity, which is rare.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, Slot<V>>();
  private clock = 0;

  constructor(
    private readonly capacity: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}

  get(key: K): V | undefined {
    const slot = this.entries.get(key);
    if (slot === undefined) return undefined;
    slot.used = ++this.clock;
    return slot.value;
  }

  set(key: K, value: V): void {
    const slot = this.entries.get(key);
    if (slot) {
      slot.value = value;
      slot.used = ++this.clock;
      return;
    }
    this.entries.set(key, { value, used: ++this.clock });
    if (this.entries.size > this.capacity) this.evictOldest();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private evictOldest(): void {
    let oldestKey: K | undefined;
    let oldest: Slot<V> | undefined;
    for (const [key, slot] of this.entries) {
      if (!oldest || slot.used < oldest.used) {
        oldest = slot;
        oldestKey = key;
      }
    }
    if (oldest) {
      this.entries.delete(oldestKey as K);
      this.onEvict?.(oldestKey as K, oldest.value);
    }
  }
}
