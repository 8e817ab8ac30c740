import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensembleRows } from '../../src/analysis/ensemble.ts';
import { metricsPerBlock, writeEnsemble } from '../../src/batch/ensemble-file.ts';
import { buildJobs, variantUnits } from '../../src/batch/jobs.ts';
import { openStore, readRun, readRunMetrics, readRunSeries, writeRun } from '../../src/batch/store.ts';
import { formatNumber } from '../../src/io/format.ts';
import { runJob } from '../../src/workers/job.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

describe('ensemble.csv in bounded memory', () => {
  const out = join(ws.dir, 'store');
  openStore(out);
  const jobs = buildJobs(variantUnits('arthur', ['base']), { start: 1, count: 5 }, 20, ['firms', 'entries', 'employment']);
  for (const job of jobs) writeRun(out, job, runJob(job));
  const indices = jobs.map((j) => j.index);
  const rows = readRun(out, 0).rows;

  it('reads no more metrics at once than fit the budget, and at least one', () => {
    expect(metricsPerBlock(5, rows, 3, 1e12)).toBe(3);
    expect(metricsPerBlock(5, rows, 3, 2 * 5 * rows * 8)).toBe(2);
    expect(metricsPerBlock(5, rows, 3, 1)).toBe(1);
    for (const budget of [1, 5 * rows * 8, 2 * 5 * rows * 8 + 7]) {
      const k = metricsPerBlock(5, rows, 3, budget);
      expect(k === 1 || k * 5 * rows * 8 <= budget).toBe(true);
    }
  });

  it('reads a block of metrics as the slice of the whole series', () => {
    const record = readRun(out, 2);
    expect(readRunMetrics(out, 2, record, 1, 3)).toEqual(readRunSeries(out, 2, record).series.subarray(rows, 3 * rows));
  });

  it('writes the same bytes one metric at a time as all at once, and the numbers of ensembleRows', () => {
    const file = join(out, 'ensemble.csv');
    writeEnsemble(out, [{ name: 'base', indices }], (i) => readRun(out, i));
    const whole = readFileSync(file, 'utf8');
    writeEnsemble(out, [{ name: 'base', indices }], (i) => readRun(out, i), 1);
    expect(readFileSync(file, 'utf8')).toBe(whole);

    const first = readRun(out, 0);
    const runs = indices.map((i) => ({ series: readRunSeries(out, i).series, rows }));
    const expected = [...ensembleRows({ runs, metrics: first.metrics, regions: first.regions, ticksPerYear: first.ticksPerYear })].map(
      (r) => `base,${r.tick},${formatNumber(r.year)},${r.region},${r.metric},${[r.mean, r.sd, r.p05, r.p50, r.p95].map(formatNumber).join(',')}`,
    );
    expect(whole.trimEnd().split('\n').slice(1)).toEqual(expected);
  });
});
