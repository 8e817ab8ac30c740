// Which panels the report draws (viz/src/charts/panels.ts): chosen by what the output's runs did.
import { describe, expect, it } from 'vitest';
import type { Band, ReportData } from '../../../src/report/model.ts';
import { MAIN_METRICS } from '../../../src/report/model.ts';
import { metricInfos } from '../../../src/report/parse-common.ts';
import { activeMetrics, MECHANISM_HEADLINES, panelMetrics, pickableMetrics } from '../../../viz/src/charts/panels.ts';

const names = [...MAIN_METRICS, 'profit', 'hhi', ...MECHANISM_HEADLINES];

/** Two regions; `moving` metrics have a non-zero value (only in region b's band for `ties`), the rest are 0. */
function data(moving: readonly string[]): ReportData {
  const band = (metric: string, region: string): Band => {
    const zero = [0, 0, 0];
    if (!moving.includes(metric)) return { p50: zero, p05: zero, p95: zero };
    if (metric === 'ties') return region === 'b' ? { p50: zero, p05: zero, p95: [0, 1, 2] } : { p50: zero };
    return { p50: [1, 2, 3], p05: [1, 1, 2], p95: [2, 3, 4] };
  };
  const series = Object.fromEntries(['a', 'b', 'all'].map((r) => [r, Object.fromEntries(names.map((m) => [m, band(m, r)]))]));
  return {
    kind: 'batch', title: 't', scenario: { name: 's', description: '' }, ticksPerYear: 1, ticks: [0, 1, 2], regions: ['a', 'b', 'all'],
    metrics: metricInfos(names), mainMetrics: [...MAIN_METRICS],
    variants: [{ name: 'base', runs: 3, series, stages: {}, sizes: [] }], manifest: {},
  } as ReportData;
}

describe('report panels', () => {
  it('a metric is active when any median or band is non-zero anywhere', () => {
    const active = activeMetrics(data(['firms', 'ties']));
    expect([...active].sort()).toEqual(['firms', 'ties']);
  });

  it('draws the main metrics that move, then the headline of each mechanism switched on', () => {
    const moving = MAIN_METRICS.filter((m) => m !== 'spinoffs'); // spin-offs off: no panel
    expect(panelMetrics(data([...moving, 'policy_spend', 'ties', 'hhi']))).toEqual([...moving, 'policy_spend', 'ties']);
    // Nothing switched on beyond the core: the main metrics only.
    expect(panelMetrics(data([...MAIN_METRICS]))).toEqual([...MAIN_METRICS]);
  });

  it('offers in the region picker only the metrics that are not zero throughout', () => {
    expect(pickableMetrics(data(['employment', 'profit', 'members']))).toEqual(['employment', 'profit', 'members']);
  });
});
