// Axis tick labels (viz/src/charts/format.ts): every chart of the report and the app labels its
// ticks with formatTicks, so a label that rounds a tick to another number is a wrong chart.
import { describe, expect, it } from 'vitest';
import { formatTicks } from '../../../viz/src/charts/format.ts';

describe('formatTicks', () => {
  it('gives a 0.25 step its two decimals (not 0 / 0.3 / 0.5 / 0.8 / 1.0)', () => {
    expect(formatTicks([0, 0.25, 0.5, 0.75, 1])).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(formatTicks([-0.5, -0.25, 0, 0.25])).toEqual(['-0.5', '-0.25', '0', '0.25']);
  });

  it('writes powers of two on a log axis exactly (1024, not 1020; 4096, not 4100)', () => {
    const powers = Array.from({ length: 17 }, (_, k) => 2 ** k);
    const labels = formatTicks(powers);
    expect(labels.slice(8, 13)).toEqual(['256', '512', '1024', '2048', '4096']);
    expect(labels.map(Number)).toEqual(powers); // 16384, 32768, 65536 stay whole: shorter than 16.384k
  });

  it('hides floating-point noise and never shows two ticks with the same label', () => {
    const noisy = [0, 0.1, 0.2, 0.1 + 0.2, 0.4, 0.5];
    expect(formatTicks(noisy)).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5']);
    for (const step of [0.001, 0.0025, 0.05, 0.2, 0.25, 2.5, 25, 250, 2500, 25_000, 250_000, 2.5e6]) {
      const splits = Array.from({ length: 9 }, (_, k) => k * step);
      const labels = formatTicks(splits);
      expect(new Set(labels).size).toBe(splits.length);
      // Each label reads back as its tick (k and M expanded).
      labels.forEach((label, k) => {
        const value = Number(label.replace(/k$/, 'e3').replace(/M$/, 'e6'));
        expect(Math.abs(value - splits[k])).toBeLessThanOrEqual(1e-9 * step);
      });
    }
  });

  it('writes an axis of large values in k and M when that is shorter, every tick from 1,000 on', () => {
    expect(formatTicks([0, 5000, 10_000, 15_000])).toEqual(['0', '5k', '10k', '15k']);
    expect(formatTicks([0, 2500, 5000, 7500, 10_000, 12_500])).toEqual(['0', '2.5k', '5k', '7.5k', '10k', '12.5k']);
    expect(formatTicks([0, 500, 1000, 1500])).toEqual(['0', '500', '1000', '1500']);
    expect(formatTicks([0, 2e6, 4e6])).toEqual(['0', '2M', '4M']);
    expect(formatTicks([1, 10, 100, 1e3, 1e4, 1e5, 1e6])).toEqual(['1', '10', '100', '1k', '10k', '100k', '1M']);
  });

  it('leaves missing ticks blank', () => {
    expect(formatTicks([null, NaN, 3])).toEqual(['', '', '3']);
    expect(formatTicks([])).toEqual([]);
  });
});
