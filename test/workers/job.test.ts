// runJob: one engine run packed for the pool — the series it returns are the engine's own values,
// the selected metrics in the requested order, in buffers of exactly the right size.
import { describe, expect, it } from 'vitest';
import { outcomesOf, finalStageOf, OUTCOME_NAMES } from '../../src/analysis/outcomes.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { runJob } from '../../src/workers/job.ts';
import type { Job } from '../../src/workers/protocol.ts';
import { bundled } from '../support/scenarios.ts';

const scenario = bundled('default');
const job = (metrics: string[] | null, over: Partial<Job> = {}): Job => ({
  index: 7, variant: null, point: null, seed: 11, ticks: 30, scenario, metrics, ...over,
});

describe('runJob', () => {
  const direct = run(scenario, { seed: 11, ticks: 30 }).world;
  const R = direct.regions.count;

  it('returns the series of a direct engine run, every metric, metric-major', () => {
    const result = runJob(job(null));
    expect(result.index).toBe(7);
    expect(result.metrics).toEqual([...direct.series.metrics]);
    expect(result.regions).toEqual([...direct.regions.names, 'all']);
    expect(result.ticksPerYear).toBe(direct.ticksPerYear);
    expect(result.rows).toBe(31 * (R + 1));
    expect(result.series.length).toBe(result.metrics.length * result.rows);
    let compared = 0;
    result.metrics.forEach((m, k) => {
      for (let t = 0; t <= 30; t++) {
        for (let r = 0; r <= R; r++) {
          expect(Object.is(result.series[k * result.rows + t * (R + 1) + r], valueOf(direct.series, m, t, r))).toBe(true);
          compared++;
        }
      }
    });
    expect(compared).toBe(result.series.length);
    expect(Array.from(result.stage)).toEqual(Array.from(direct.series.stage));
  });

  it('carries the outcomes and final stage of the run, keys in OUTCOME_NAMES order', () => {
    const result = runJob(job(null));
    expect(result.outcomes).toEqual(outcomesOf(direct));
    expect(Object.keys(result.outcomes)).toEqual([...OUTCOME_NAMES]);
    expect(result.finalStage).toBe(finalStageOf(direct));
  });

  it('keeps only the selected metrics, in the order asked', () => {
    const result = runJob(job(['employment', 'spinoffs', 'firms']));
    expect(result.metrics).toEqual(['employment', 'spinoffs', 'firms']);
    expect(result.series.length).toBe(3 * result.rows);
    result.metrics.forEach((m, k) => {
      for (let t = 0; t <= 30; t++) {
        expect(result.series[k * result.rows + t * (R + 1) + R]).toBe(valueOf(direct.series, m, t, R));
      }
    });
    // Outcomes do not depend on the selection.
    expect(result.outcomes).toEqual(outcomesOf(direct));
  });

  it('owns exactly-sized buffers (transferring them moves nothing else, and never the engine\'s)', () => {
    const result = runJob(job(['firms']));
    expect(result.series.byteOffset).toBe(0);
    expect(result.series.buffer.byteLength).toBe(result.rows * 8);
    expect(result.stage.byteOffset).toBe(0);
    expect(result.stage.buffer.byteLength).toBe(result.rows);
  });

  it('rejects unknown metrics, naming all of them, and repeated ones', () => {
    expect(() => runJob(job(['firms', 'frims', 'employmnet']))).toThrow(/unknown metrics frims, employmnet \(known: firms, employment/);
    expect(() => runJob(job(['firms', 'firms']))).toThrow('metric listed twice: firms');
  });

  it('is deterministic: the same job gives the same bytes, another seed differs', () => {
    const a = runJob(job(null));
    const b = runJob(job(null));
    expect(Buffer.from(b.series.buffer).equals(Buffer.from(a.series.buffer))).toBe(true);
    const c = runJob(job(null, { seed: 12 }));
    expect(Buffer.from(c.series.buffer).equals(Buffer.from(a.series.buffer))).toBe(false);
  });
});
