// Flows per past year (viz/src/charts/flows.ts): which metrics are flows, and the trailing sums.
import { describe, expect, it } from 'vitest';
import { flowKind, perYear, yearlyUnit } from '../../../viz/src/charts/flows.ts';
import { metricInfos } from '../../../src/report/parse-common.ts';

describe('flows per year', () => {
  it('counts per tick are summed, policy spend averaged, levels left alone', () => {
    const [entries, spend, employment, innovations] = metricInfos(['entries', 'policy_spend', 'employment', 'innovations']);
    expect(flowKind(entries)).toBe('sum');
    expect(yearlyUnit(entries, 'sum')).toBe('firms/year');
    expect(flowKind(innovations)).toBe('sum');
    expect(flowKind(spend)).toBe('mean');
    expect(yearlyUnit(spend, 'mean')).toBe('money/year');
    expect(flowKind(employment)).toBeNull();
  });

  it('sums the last T ticks (none before the first full year), averages spend', () => {
    const perTick = [0, 1, 0, 2, 1, 0, 0, 3, 1];
    expect(perYear(perTick, 4, 'sum')).toEqual([NaN, NaN, NaN, NaN, 4, 3, 3, 4, 4]);
    // A year's budget of 12 spent in one tick reads 48/yr per tick; its mean over the year is 12.
    expect(perYear([0, 48, 0, 0, 0, 0, 0, 0, 48], 4, 'mean')).toEqual([NaN, NaN, NaN, NaN, 12, 0, 0, 0, 12]);
    expect(perYear([1, 2, NaN, 4, 5, 6, 7], 2, 'sum')).toEqual([NaN, NaN, NaN, NaN, 9, 11, 13]);
  });
});
