import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensembleRows } from '../../src/analysis/ensemble.ts';
import { cellBlocks, writeEnsemble } from '../../src/batch/ensemble-file.ts';
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

  /** Every (metric, row) cell exactly once, in blocks of at most `budget` bytes over 5 runs unless a block is one cell. */
  function expectCover(budget: number): void {
    const blocks = cellBlocks(5, rows, 3, budget);
    const seen = new Uint8Array(3 * rows);
    for (const b of blocks) {
      const cells = (b.to - b.from) * (b.rowTo - b.rowFrom);
      expect(cells === 1 || cells * 5 * 8 <= budget).toBe(true);
      // A block is whole metrics, or a range of one metric's rows.
      expect(b.rowFrom === 0 && b.rowTo === rows ? true : b.to - b.from === 1).toBe(true);
      for (let m = b.from; m < b.to; m++) for (let r = b.rowFrom; r < b.rowTo; r++) seen[m * rows + r]++;
    }
    expect(seen.every((n) => n === 1)).toBe(true);
  }

  it('reads no more cells at once than fit the budget: whole metrics, else rows of one metric, else one cell', () => {
    expect(cellBlocks(5, rows, 3, 1e12)).toEqual([{ from: 0, to: 3, rowFrom: 0, rowTo: rows }]);
    expect(cellBlocks(5, rows, 3, 2 * 5 * rows * 8).map((b) => b.to - b.from)).toEqual([2, 1]);
    // Half a metric: two ranges of rows per metric.
    const half = cellBlocks(5, rows, 3, Math.ceil(rows / 2) * 5 * 8);
    expect(half).toHaveLength(6);
    expect(half[1]).toEqual({ from: 0, to: 1, rowFrom: Math.ceil(rows / 2), rowTo: rows });
    expect(cellBlocks(5, rows, 3, 1)).toHaveLength(3 * rows);
    for (const budget of [1, 5 * 8 * 7, 5 * rows * 8 - 1, 5 * rows * 8, 2 * 5 * rows * 8 + 7, 1e12]) expectCover(budget);
  });

  it('reads a block of metrics as the slice of the whole series', () => {
    const record = readRun(out, 2);
    const series = readRunSeries(out, 2, record).series;
    expect(readRunMetrics(out, 2, record, 1, 3)).toEqual(series.subarray(rows, 3 * rows));
    // Rows 3..9 of metrics 1 and 2, metric-major.
    expect(readRunMetrics(out, 2, record, 1, 3, undefined, 3, 9)).toEqual(Float64Array.from([...series.subarray(rows + 3, rows + 9), ...series.subarray(2 * rows + 3, 2 * rows + 9)]));
  });

  it('writes the same bytes a metric, a range of rows or a cell at a time as all at once, and the numbers of ensembleRows', async () => {
    const file = join(out, 'ensemble.csv');
    await writeEnsemble(out, [{ name: 'base', indices }], (i) => readRun(out, i));
    const whole = readFileSync(file, 'utf8');
    // One metric at a time; 7 rows of one metric at a time; one cell at a time.
    for (const budget of [5 * rows * 8, 5 * 7 * 8, 1]) {
      await writeEnsemble(out, [{ name: 'base', indices }], (i) => readRun(out, i), budget);
      expect(readFileSync(file, 'utf8')).toBe(whole);
    }

    const first = readRun(out, 0);
    const runs = indices.map((i) => ({ series: readRunSeries(out, i).series, rows }));
    const expected = [...ensembleRows({ runs, metrics: first.metrics, regions: first.regions, ticksPerYear: first.ticksPerYear })].map(
      (r) => `base,${r.tick},${formatNumber(r.year)},${r.region},${r.metric},${[r.mean, r.sd, r.p05, r.p50, r.p95].map(formatNumber).join(',')}`,
    );
    expect(whole.trimEnd().split('\n').slice(1)).toEqual(expected);
  });
});
