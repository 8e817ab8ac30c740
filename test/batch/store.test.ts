// The run store: what a job leaves on disk, and reading it back.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildJobs, variantUnits } from '../../src/batch/jobs.ts';
import { completedIndices, failedIndices, openStore, readRun, readRunSeries, valueAt, writeFailure, writeRun } from '../../src/batch/store.ts';
import { runJob } from '../../src/workers/job.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

describe('run store', () => {
  it('writes .bin then .json atomically and reads the same series back', () => {
    const out = join(ws.dir, 'store');
    openStore(out);
    const jobs = buildJobs(variantUnits('arthur', ['base']), { start: 1, count: 3 }, 30, ['firms', 'entries']);
    const result = runJob(jobs[1]);
    const copy = { series: result.series.slice(), stage: result.stage.slice() };
    writeRun(out, jobs[1], result);
    writeFailure(out, jobs[2], 'boom', 2);
    expect(readdirSync(join(out, 'runs')).sort()).toEqual(['1.bin', '1.json', '2.failed.json']);
    expect(completedIndices(out)).toEqual([1]);
    expect(failedIndices(out)).toEqual([2]);

    const record = readRun(out, 1);
    expect(record).toMatchObject({ index: 1, variant: null, point: null, seed: 2, metrics: ['firms', 'entries'], regions: ['east', 'west', 'all'], rows: 31 * 3 });
    expect(record.outcomes).toEqual(result.outcomes);
    const data = readRunSeries(out, 1, record);
    expect(data.series).toEqual(copy.series);
    expect(data.stage).toEqual(copy.stage);
    const east = valueAt(record, data, 'firms', 30, 0);
    const west = valueAt(record, data, 'firms', 30, 1);
    expect(east + west).toBe(valueAt(record, data, 'firms', 30, 2));

    // A later success clears the failure; leftover temporary files are removed on open.
    writeRun(out, jobs[2], runJob(jobs[2]));
    expect(failedIndices(out)).toEqual([]);
    writeFileSync(join(out, 'runs', '0.json.123.tmp'), '{');
    openStore(out);
    expect(existsSync(join(out, 'runs', '0.json.123.tmp'))).toBe(false);
    expect(completedIndices(out)).toEqual([1, 2]);
  });
});
