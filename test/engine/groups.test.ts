import { describe, expect, it } from 'vitest';
import { groupByRegion } from '../../src/engine/groups.ts';

describe('groupByRegion', () => {
  it('groups item indices by region, in index order, and reuses arrays that are large enough', () => {
    const g = groupByRegion([2, 0, 2, 1, 0, 9], 5, 3); // the 6th item is beyond count
    expect(Array.from(g.start)).toEqual([0, 2, 3, 5]);
    expect(Array.from(g.members.subarray(0, 5))).toEqual([1, 4, 3, 0, 2]);
    const again = groupByRegion([1, 1], 2, 3, g);
    expect(again.members).toBe(g.members);
    expect(Array.from(again.start)).toEqual([0, 0, 2, 2]);
    const bigger = groupByRegion(new Int32Array(12), 12, 3, g);
    expect(bigger.members.length).toBe(12);
    expect(Array.from(bigger.start)).toEqual([0, 12, 12, 12]);
  });
});
