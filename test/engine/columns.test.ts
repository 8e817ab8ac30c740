import { describe, expect, it } from 'vitest';
import { growColumns } from '../../src/engine/columns.ts';

describe('growColumns', () => {
  it('doubles every typed-array column together, keeps contents and types, leaves other fields', () => {
    const store = { count: 3, a: Int32Array.from([1, 2, 3]), b: Uint8Array.from([4, 5, 6]), c: Float64Array.from([0.5, 1.5, 2.5]) };
    expect(growColumns(store, 4)).toBe(6);
    expect(store.a).toBeInstanceOf(Int32Array);
    expect(store.b).toBeInstanceOf(Uint8Array);
    expect(Array.from(store.c)).toEqual([0.5, 1.5, 2.5, 0, 0, 0]);
    expect(Array.from(store.a.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(store.count).toBe(3);
    expect(growColumns(store, 20)).toBe(24); // 6 → 12 → 24
    expect(store.b.length).toBe(24);
    const same = store.a;
    expect(growColumns(store, 10)).toBe(24); // already long enough: nothing replaced
    expect(store.a).toBe(same);
  });
});
