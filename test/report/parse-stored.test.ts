import { describe, expect, it } from 'vitest';
import { filesFromMap } from '../../src/report/files.ts';
import { seriesOf, storedRuns, summariseRuns } from '../../src/report/parse-stored.ts';

/** A run of 1 metric, 2 ticks, 1 region + all: 4 rows, the given stage bytes. */
function runFiles(index: number, stages: number[]): [string, string | Uint8Array][] {
  const record = { index, variant: null, point: null, seed: index + 1, finalStage: 'growth', sizes: [1, 2], metrics: ['firms'], regions: ['r', 'all'], rows: 4, ticksPerYear: 1 };
  const bytes = new Uint8Array(4 * 8 + 4);
  new DataView(bytes.buffer).setFloat64(0, index + 0.5, true);
  bytes.set(stages, 32);
  return [[`runs/${index}.json`, JSON.stringify(record)], [`runs/${index}.bin`, bytes]];
}

describe('stored runs in a report', () => {
  it('reads a run\'s .bin only when asked; modal stages and size histograms counted run by run', () => {
    const map = new Map([...runFiles(0, [0, 0, 1, 1]), ...runFiles(1, [0, 0, 1, 2]), ...runFiles(2, [0, 1, 2, 2])]);
    const base = filesFromMap(map);
    const reads: string[] = [];
    const files = { ...base, binary: (name: string) => (reads.push(name), base.binary(name)) };
    const runs = storedRuns(files);
    expect(runs.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(reads).toEqual([]);
    expect(summariseRuns(runs, ['r', 'all'], 2, 3)).toEqual({
      stages: { r: ['formation', 'growth'], all: ['formation', 'maturity'] },
      sizes: [3, 6, 0],
    });
    expect(reads).toEqual(['runs/0.bin', 'runs/1.bin', 'runs/2.bin']);
    expect(seriesOf(runs[2])?.[0]).toBe(2.5);
  });

  it('reads only the stage bytes where the files can read part of a file; a .bin of the wrong size counts no stages', () => {
    const map = new Map([...runFiles(0, [0, 0, 1, 1]), ...runFiles(1, [0, 0, 1, 2]), ...runFiles(2, [0, 1, 2, 2])]);
    map.set('runs/2.bin', (map.get('runs/2.bin') as Uint8Array).subarray(0, 35));
    const base = filesFromMap(map);
    const reads: string[] = [];
    const files = {
      ...base,
      binary: (name: string) => (reads.push(name), base.binary(name)),
      range: (name: string, offset: number, length: number) => {
        const bytes = base.binary(name)!;
        return { bytes: bytes.subarray(offset, offset + length), size: bytes.length };
      },
    };
    expect(summariseRuns(storedRuns(files), ['r', 'all'], 2, 3).stages).toEqual({ r: ['formation', 'growth'], all: ['formation', 'growth'] });
    expect(reads).toEqual([]);
  });
});
