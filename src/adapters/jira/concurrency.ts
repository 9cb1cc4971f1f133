/**
 * Runs `work` for every item with at most `limit` in flight. Independent Jira requests (changelog
 * batches) overlap their round trips this way; the retry policy still handles any 429 it provokes.
 * The first failure rejects the whole run: no item starts after it, and the run settles once the
 * items already started have settled.
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}
