import { describe, expect, it } from 'vitest';
import { filesFromMap } from '../../src/report/files.ts';
import { seriesOf, stagesOf, storedRuns } from '../../src/report/parse-stored.ts';

/** A run of 1 metric, 2 ticks, 1 region + all: 4 rows, the given stage bytes. */
function runFiles(index: number, stages: number[]): [string, string | Uint8Array][] {
  const record = { index, variant: null, point: null, seed: index + 1, finalStage: 'growth', metrics: ['firms'], regions: ['r', 'all'], rows: 4, ticksPerYear: 1 };
  const bytes = new Uint8Array(4 * 8 + 4);
  new DataView(bytes.buffer).setFloat64(0, index + 0.5, true);
  bytes.set(stages, 32);
  return [[`runs/${index}.json`, JSON.stringify(record)], [`runs/${index}.bin`, bytes]];
}

describe('stored runs in a report', () => {
  it('reads a run\'s .bin only when asked, and modal stages from copies of the stage columns', () => {
    const map = new Map([...runFiles(0, [0, 0, 1, 1]), ...runFiles(1, [0, 0, 1, 2]), ...runFiles(2, [0, 1, 2, 2])]);
    const base = filesFromMap(map);
    const reads: string[] = [];
    const files = { ...base, binary: (name: string) => (reads.push(name), base.binary(name)) };
    const runs = storedRuns(files);
    expect(runs.map((r) => r.record.index)).toEqual([0, 1, 2]);
    expect(reads).toEqual([]);
    expect(stagesOf(runs, ['r', 'all'], 2)).toEqual({ r: ['formation', 'growth'], all: ['formation', 'maturity'] });
    expect(reads).toEqual(['runs/0.bin', 'runs/1.bin', 'runs/2.bin']);
    expect(seriesOf(runs[2])?.[0]).toBe(2.5);
  });
});
