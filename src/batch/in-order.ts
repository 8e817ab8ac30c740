// Work handed to several workers and consumed in its own order: the file writers append pieces
// encoded elsewhere (series.parquet's column slices) in file order, whatever order they finish
// in. A piece done early waits in memory; no worker starts a piece more than `ahead` places past
// the first one not yet consumed, so at most `ahead` results wait, however long the list.

/**
 * Runs items[k] through one of `workers` (each does one item at a time) and calls consume(k, r)
 * in k order. No workers: each item through `local`, one after another. The first error stops
 * handing out items and is thrown once the items in progress have ended.
 */
export async function inOrder<T, R>(
  items: readonly T[],
  workers: readonly ((item: T) => Promise<R>)[],
  local: (item: T) => R,
  ahead: number,
  consume: (k: number, result: R) => void,
): Promise<void> {
  if (workers.length === 0) {
    items.forEach((item, k) => consume(k, local(item)));
    return;
  }
  const window = Math.max(ahead, workers.length);
  const ready = new Map<number, R>();
  let next = 0;
  let consumed = 0;
  // (`as`: set inside the lanes, TypeScript would narrow it to null)
  let failure = null as { error: unknown } | null;
  let waiting: (() => void)[] = [];
  const wakeAll = () => {
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve();
  };
  const lane = async (work: (item: T) => Promise<R>): Promise<void> => {
    while (failure === null && next < items.length) {
      if (next - consumed >= window) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const k = next++;
      try {
        ready.set(k, await work(items[k]));
        while (failure === null && ready.has(consumed)) {
          const result = ready.get(consumed)!;
          ready.delete(consumed);
          consume(consumed, result);
          consumed++;
        }
      } catch (error) {
        failure ??= { error };
      }
      wakeAll();
    }
  };
  await Promise.all(workers.map(lane));
  if (failure) throw failure.error;
}
