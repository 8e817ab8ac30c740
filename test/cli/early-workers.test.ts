// Workers start before the scenario is read, the pool takes those workers, and none outlives the command.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchDeps } from '../../src/cli/batch.ts';
import { inProcessSpawner } from '../../src/workers/node.ts';
import type { WorkerHandle } from '../../src/workers/pool.ts';
import { cli, summaryFiles } from '../batch/helpers.ts';
import { workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

/** In-process workers that count how many were started, and how many are still alive. */
function counted(): { deps: BatchDeps; started: () => number; alive: () => number } {
  let started = 0;
  let alive = 0;
  const spawn = inProcessSpawner();
  const deps: BatchDeps = {
    pool: (size) => ({
      size,
      spawn: (): WorkerHandle => {
        const h = spawn();
        started++;
        alive++;
        return { run: (job) => h.run(job), terminate: async () => { alive--; await h.terminate(); } };
      },
    }),
  };
  return { deps, started: () => started, alive: () => alive };
}

describe('workers started early', () => {
  it('a batch runs on the workers started before its scenario was read, and ends them all', async () => {
    const c = counted();
    const r = await cli(['batch', 'default', '--seeds', '4', '--ticks', '10', '--workers', '2', '--quiet', '--no-report', '--out', join(ws.dir, 'a')], c.deps);
    expect(r.code).toBe(0);
    expect(c.started()).toBe(2);
    expect(c.alive()).toBe(0);
    const plain = await cli(['batch', 'default', '--seeds', '4', '--ticks', '10', '--workers', '0', '--quiet', '--no-report', '--out', join(ws.dir, 'b')]);
    expect(plain.code).toBe(0);
    expect(summaryFiles(join(ws.dir, 'a'))).toEqual(summaryFiles(join(ws.dir, 'b')));
  });

  it('an unknown scenario or variant: exit 1, and the early workers are ended', async () => {
    for (const argv of [['batch', 'no-such-scenario'], ['batch', 'default', '--variants', 'nope'], ['compare', 'no-such-scenario']]) {
      const c = counted();
      const r = await cli([...argv, '--seeds', '2', '--workers', '2', '--quiet', '--out', join(ws.dir, 'x')], c.deps);
      expect(r.code).toBe(1);
      expect(c.started()).toBe(2);
      expect(c.alive()).toBe(0);
    }
  });
});
