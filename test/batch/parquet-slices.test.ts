// series.parquet encoded in column slices elsewhere (worker threads) and appended in order must be
// the file ParquetTable writes on one thread, byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildJobs, variantUnits } from '../../src/batch/jobs.ts';
import { encodeColumns, ParquetTable, type Cell, type ColumnSpec, type EncodedColumns } from '../../src/batch/parquet.ts';
import { variantPlan } from '../../src/batch/plan.ts';
import { openStore, readRun, writeRun } from '../../src/batch/store.ts';
import { encodeSeriesSlice, seriesGroups, writeSeriesParquet, type SeriesSlice } from '../../src/batch/tables.ts';
import { executeBatch } from '../../src/batch/run.ts';
import { runJob } from '../../src/workers/job.ts';
import { inProcessSpawner } from '../../src/workers/node.ts';
import type { WorkerHandle } from '../../src/workers/pool.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

const COLUMNS: ColumnSpec[] = [
  { name: 'label', type: 'STRING' }, { name: 'seed', type: 'INT64' }, { name: 'tick', type: 'INT32' },
  { name: 'x', type: 'DOUBLE' }, { name: 'maybe', type: 'INT32', nullable: true }, { name: 'flag', type: 'BOOLEAN', nullable: true },
];

/** Run r's rows: 50 of them, with repeats (dictionary pages) and distinct doubles (plain pages). */
function runColumns(r: number): Cell[][] {
  const n = 50;
  const at = (f: (i: number) => Cell) => Array.from({ length: n }, (_, i) => f(i));
  return [at(() => `run-${r % 3}`), at(() => r + 1), at((i) => i), at((i) => Math.sin(r * 100 + i)), at((i) => (i % 7 ? i : null)), at((i) => (i % 5 ? i % 2 === 0 : null))];
}

describe('Parquet row groups encoded apart', () => {
  it('appendEncoded of column slices (cloned as a worker would send them) gives the bytes of ParquetTable', () => {
    const runs = 9;
    const groupRows = 120; // 3 runs a group
    const one = new ParquetTable(join(ws.dir, 'one.parquet'), COLUMNS, groupRows);
    for (let r = 0; r < runs; r++) {
      runColumns(r).forEach((values, k) => one.column(k, values));
      one.endRun();
    }
    one.close();

    const apart = new ParquetTable(join(ws.dir, 'apart.parquet'), COLUMNS, groupRows);
    for (let g = 0; g < runs / 3; g++) {
      const cols = COLUMNS.map((_, k) => [0, 1, 2].flatMap((j) => runColumns(g * 3 + j)[k]));
      const slices: EncodedColumns[] = [[0, 2], [2, 3], [3, 6]].map(([from, to]) => {
        const data = cols.slice(from, to).map((values, k) => {
          const c = COLUMNS[from + k];
          return !c.nullable && c.type !== 'STRING' && c.type !== 'BOOLEAN' ? (c.type === 'INT64' ? BigInt64Array.from(values, (v) => BigInt(v as number)) : c.type === 'INT32' ? Int32Array.from(values as number[]) : Float64Array.from(values as number[])) : values;
        });
        return structuredClone(encodeColumns(COLUMNS, from, to, data, 150));
      });
      apart.appendEncoded(slices, 150);
    }
    apart.close();
    expect(readFileSync(join(ws.dir, 'apart.parquet')).equals(readFileSync(join(ws.dir, 'one.parquet')))).toBe(true);
  });

  it('series.parquet with slices encoded by several workers, finishing out of order, equals the one written here', async () => {
    const out = join(ws.dir, 'store');
    openStore(out);
    const plan = variantPlan('batch', { ref: 'arthur', seeds: { start: 1, count: 7 }, ticks: 15, metrics: ['firms', 'entries'], shard: null, variants: ['base'] });
    const jobs = buildJobs(variantUnits('arthur', ['base']), { start: 1, count: 7 }, 15, ['firms', 'entries']);
    for (const job of jobs) writeRun(out, job, runJob(job));
    const completed = jobs.map((j) => j.index);
    const recordOf = (i: number) => readRun(out, i);
    const groupRows = 2 * recordOf(0).rows + 1; // 3 runs a group: 3 groups, the last of one run
    expect(seriesGroups(completed, recordOf, groupRows).map((g) => g.indices)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);

    const file = await writeSeriesParquet(out, plan.manifest, completed, recordOf, [], groupRows);
    const here = readFileSync(file);
    let calls = 0;
    const encoder = (slice: SeriesSlice) => {
      const delay = (calls++ * 7) % 5;
      return new Promise<EncodedColumns>((resolve) => setTimeout(() => resolve(structuredClone(encodeSeriesSlice(slice))), delay));
    };
    await writeSeriesParquet(out, plan.manifest, completed, recordOf, [encoder, encoder, encoder], groupRows);
    expect(calls).toBe(9);
    expect(readFileSync(file).equals(here)).toBe(true);
  });

  it('a batch whose workers fail to encode their slices writes them on the main thread instead: the same file', async () => {
    const plan = variantPlan('batch', { ref: 'arthur', seeds: { start: 1, count: 5 }, ticks: 12, metrics: null, shard: null, variants: ['base'] });
    const spawn = inProcessSpawner();
    let attempts = 0;
    const failing = (): WorkerHandle => ({
      ...spawn(),
      encodeSeries: async () => {
        attempts++;
        throw new Error('worker gone');
      },
    });
    const files: Buffer[] = [];
    for (const [name, pool] of [['plain', { size: 2, spawn }], ['failing', { size: 2, spawn: failing }]] as const) {
      const out = join(ws.dir, `exec-${name}`);
      const r = await executeBatch({ out, plan, resume: false, pool });
      expect(r.completed).toBe(5);
      files.push(readFileSync(join(out, 'series.parquet')));
    }
    expect(attempts).toBeGreaterThan(0);
    expect(files[1].equals(files[0])).toBe(true);
  });
});
