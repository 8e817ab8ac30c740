// The simulation log that `calibrate --resume` replays: what kill -9 leaves of it is read back
// as whole lines only, and the next append does not run on from a cut line.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulationLog } from '../../src/calibrate/simulate.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

describe('SimulationLog after kill -9', () => {
  it('drops a cut last line, so that the next append starts a line of its own', () => {
    const dir = ws.dir;
    const file = join(dir, 'simulations.csv');
    writeFileSync(file, 'point,seed,a,b\np1,1,0.5,2\np1,2,0.7,3');
    const log = new SimulationLog(dir, 2, null);
    expect(log.size).toBe(1);
    expect(log.get('p1', 2)).toBeUndefined();
    log.add('p1', 2, Float64Array.from([0.25, 4]), ['a', 'b']);
    expect(readFileSync(file, 'utf8')).toBe('point,seed,a,b\np1,1,0.5,2\np1,2,0.25,4\n');
    const again = new SimulationLog(dir, 2, null);
    expect(again.size).toBe(2);
    expect([...again.get('p1', 2)!]).toEqual([0.25, 4]);
  });

  it('starts over when not even the header is whole', () => {
    const dir = ws.dir;
    const file = join(dir, 'simulations.csv');
    writeFileSync(file, 'point,se');
    const log = new SimulationLog(dir, 2, null);
    log.add('p2', 1, Float64Array.from([1, 2]), ['a', 'b']);
    expect(readFileSync(file, 'utf8')).toBe('point,seed,a,b\np2,1,1,2\n');
  });
});
