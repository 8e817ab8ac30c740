import { describe, expect, it } from 'vitest';
import { inOrder } from '../../src/batch/in-order.ts';

/** A worker that finishes item k after `delays[k]` ms and records how many results wait unconsumed. */
function timed(delays: number[]) {
  return (k: number) => new Promise<number>((resolve) => setTimeout(() => resolve(k * 10), delays[k]));
}

describe('inOrder', () => {
  it('consumes in item order whatever order the workers finish in, and never holds more than `ahead` results', async () => {
    const delays = [30, 1, 1, 1, 1, 1, 1, 1, 25, 1, 1, 1];
    const items = delays.map((_, k) => k);
    const seen: number[] = [];
    let started = 0;
    let consumed = 0;
    let mostAhead = 0;
    const work = timed(delays);
    const worker = (k: number) => {
      started++;
      mostAhead = Math.max(mostAhead, started - consumed);
      return work(k);
    };
    await inOrder(items, [worker, worker, worker], () => { throw new Error('not local'); }, 4, (k, r) => {
      seen.push(k, r);
      consumed++;
    });
    expect(seen).toEqual(items.flatMap((k) => [k, k * 10]));
    expect(mostAhead).toBeLessThanOrEqual(4);
  });

  it('without workers, each item on this thread in order', async () => {
    const seen: number[] = [];
    await inOrder([3, 1, 2], [], (x) => x * 2, 1, (k, r) => seen.push(k, r));
    expect(seen).toEqual([0, 6, 1, 2, 2, 4]);
  });

  it('throws the first error after the items in progress have ended, and consumes nothing after it', async () => {
    const seen: number[] = [];
    const worker = (k: number) => (k === 2 ? Promise.reject(new Error('slice 2 failed')) : timed([1, 1, 1, 1, 1, 1])(k));
    await expect(inOrder([0, 1, 2, 3, 4, 5], [worker, worker], () => 0, 2, (k) => seen.push(k))).rejects.toThrow('slice 2 failed');
    expect(seen.every((k) => k < 2)).toBe(true);
  });
});
