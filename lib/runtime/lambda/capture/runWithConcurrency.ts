/**
 * Runs `task` over every item, at most `limit` at a time, and resolves when all are done.
 * `task` handles its own errors: a rejection would end the wait while the others run on.
 */
export async function runWithConcurrency<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
