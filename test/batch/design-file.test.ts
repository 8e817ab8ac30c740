// A design file of more points than a function call takes arguments (V8: about 120,000) is read
// whole: its columns' ranges come from loops, not Math.min(...column).
import { afterAll, describe, expect, it } from 'vitest';
import { readDesignFile } from '../../src/batch/design-file.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

describe('sweep --design with a large design', () => {
  it('reads 250,000 points and their ranges', () => {
    const rows = Array.from({ length: 250_000 }, (_, k) => `${(k % 1000) / 1000},${k}`);
    const file = ws.file('big.csv', ['mechanisms.spinoffs.rate,firms.generate.count', ...rows].join('\n') + '\n');
    const design = readDesignFile(file);
    expect(design.points).toHaveLength(250_000);
    expect(design.params).toEqual([
      { path: 'mechanisms.spinoffs.rate', lo: 0, hi: 0.999, integer: false },
      { path: 'firms.generate.count', lo: 0, hi: 249_999, integer: true },
    ]);
  });
});
