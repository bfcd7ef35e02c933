import { LruCache } from '../../src/engine/lru';

describe('LruCache', () => {
  it('evicts the least recently used entry, counting reads as use', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now fresher than b
    cache.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  it('replaces a value without evicting and stays within capacity under churn', () => {
    const cache = new LruCache<number, number>(3);
    cache.set(1, 1);
    cache.set(1, 10);
    expect(cache.get(1)).toBe(10);
    for (let i = 0; i < 1000; i++) cache.set(i, i);
    expect(cache.size).toBe(3);
    expect([cache.get(997), cache.get(998), cache.get(999)]).toEqual([997, 998, 999]);
  });
});
