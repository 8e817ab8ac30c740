// Arthur's Pólya urn through `batch`: with a = 0, γ = 1 and one firm in each region at the start,
// the final share of a region is Uniform(0, 1) over seeds. Read back from the stored runs.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completedIndices, readRun, readRunSeries, valueAt } from '../../src/batch/store.ts';
import { workspace } from '../cli/fixtures.ts';
import { ksTest } from '../support/stats.ts';
import { cli } from './helpers.ts';

const ws = workspace();
afterAll(() => ws.remove());

describe('arthur through batch', () => {
  it('the final share of east over 200 seeds is Uniform(0, 1) (KS, α = 0.01)', async () => {
    const out = join(ws.dir, 'arthur');
    const r = await cli(['batch', 'arthur', '--seeds', '200', '--ticks', '100', '--metrics', 'firms', '--workers', '0', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    const indices = completedIndices(out);
    expect(indices).toHaveLength(200);
    const shares = indices.map((i) => {
      const record = readRun(out, i);
      const data = readRunSeries(out, i, record);
      const east = record.regions.indexOf('east');
      const all = record.regions.indexOf('all');
      return valueAt(record, data, 'firms', 100, east) / valueAt(record, data, 'firms', 100, all);
    });
    expect(new Set(shares).size).toBeGreaterThan(150);
    const ks = ksTest(shares, (x) => Math.min(1, Math.max(0, x)));
    expect(ks.p).toBeGreaterThan(0.01);
  });
});
