// Firm-size distribution in log2 bins of employees: bin k holds firms with 2^k ≤ e < 2^(k+1)
// (sizes below 1 fall in bin 0). Small enough to keep for every run of a batch, and what the
// log–log size plots (Gibrat, Zipf) are drawn from.
import { floorLog2, pow } from '../engine/math.ts';
export const SIZE_BINS = 32;

export function sizeHistogram(employees: ArrayLike<number>, count: number): number[] {
  const bins = new Array<number>(SIZE_BINS).fill(0);
  for (let i = 0; i < count; i++) {
    const k = employees[i] < 1 ? 0 : Math.min(SIZE_BINS - 1, floorLog2(employees[i]));
    bins[k]++;
  }
  return bins;
}

/** Lower edge of bin k, in employees. */
export function sizeBinLower(k: number): number {
  return pow(2, k);
}

/**
 * The complementary cumulative distribution P(size ≥ 2^k) from summed histograms, as points
 * (lower edge, share) for the bins that hold firms: a straight line on log–log axes is a power law.
 */
export function sizeCcdf(bins: readonly number[]): { size: number[]; share: number[] } {
  const total = bins.reduce((a, b) => a + b, 0);
  const size: number[] = [];
  const share: number[] = [];
  let above = total;
  for (let k = 0; k < bins.length; k++) {
    if (bins[k] > 0 && total > 0) {
      size.push(sizeBinLower(k));
      share.push(above / total);
    }
    above -= bins[k];
  }
  return { size, share };
}
