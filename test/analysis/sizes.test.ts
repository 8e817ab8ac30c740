import { describe, expect, it } from 'vitest';
import { sizeCcdf, sizeHistogram, SIZE_BINS } from '../../src/analysis/sizes.ts';

describe('firm-size histogram', () => {
  it('bins by powers of two and counts every firm once', () => {
    const bins = sizeHistogram([0.5, 1, 1.9, 2, 3.99, 4, 1000, 1e12], 8);
    expect(bins).toHaveLength(SIZE_BINS);
    expect(bins.slice(0, 3)).toEqual([3, 2, 1]);
    expect(bins[9]).toBe(1); // 512 ≤ 1000 < 1024
    expect(bins[SIZE_BINS - 1]).toBe(1); // clipped into the last bin
    expect(bins.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('the CCDF starts at 1 and falls with size', () => {
    const { size, share } = sizeCcdf(sizeHistogram([1, 1, 2, 4, 4, 4, 8, 16], 8));
    expect(size).toEqual([1, 2, 4, 8, 16]);
    expect(share).toEqual([1, 6 / 8, 5 / 8, 2 / 8, 1 / 8]);
  });
});
