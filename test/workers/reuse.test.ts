// Workers kept between pools: parked after a normal job, terminated after a failure or mid-job.
import { describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../src/workers/pool.ts';
import { runPool } from '../../src/workers/pool.ts';
import { reusable } from '../../src/workers/reuse.ts';
import type { Job, JobResult } from '../../src/workers/protocol.ts';

function counting() {
  const made: { terminated: boolean }[] = [];
  const spawn = (): WorkerHandle => {
    const state = { terminated: false };
    made.push(state);
    return {
      async run(job: Job) {
        if (job.seed < 0) throw new Error('bad job');
        return { index: job.index } as JobResult;
      },
      async terminate() { state.terminated = true; },
    };
  };
  return { made, spawn };
}
const job = (index: number, seed = 1) => ({ index, seed }) as Job;

describe('reusable workers', () => {
  it('one pool after another runs on the same workers; close terminates them', async () => {
    const { made, spawn } = counting();
    const workers = reusable(spawn);
    for (let round = 0; round < 3; round++) {
      await runPool([job(0), job(1), job(2)], { size: 2, spawn: workers.spawn }, { onResult() {}, onFailure() {} }).done;
    }
    expect(made).toHaveLength(2);
    expect(made.every((w) => !w.terminated)).toBe(true);
    await workers.close();
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('a worker whose job failed is terminated, not parked', async () => {
    const { made, spawn } = counting();
    const workers = reusable(spawn);
    const failures: number[] = [];
    await runPool([job(0, -1)], { size: 1, spawn: workers.spawn, retries: 1 }, { onResult() {}, onFailure: (j) => void failures.push(j.index) }).done;
    expect(failures).toEqual([0]);
    expect(made).toHaveLength(2); // the first attempt's worker and the retry's
    expect(made.every((w) => w.terminated)).toBe(true);
    await workers.close();
  });
});
