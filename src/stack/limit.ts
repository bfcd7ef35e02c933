/**
 * `fn` over `items` with at most `limit` calls in flight, results in input order. A stack
 * holds hundreds of resources over a few types: the first of each type fetches its template,
 * and a bound keeps a cold runtime from opening a connection per resource.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
