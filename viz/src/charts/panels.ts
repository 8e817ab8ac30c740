// Which metrics the report draws: the main ones that move in this output, then the headline
// metric of each mechanism or lever the scenario switched on (one that is not zero in every run,
// region and tick) — not the same ten panels for every scenario, and no always-zero metric in the
// region picker.
import type { ReportData } from '../../../src/report/model.ts';

/** The metric that shows each optional mechanism or lever at work, in the order drawn. */
export const MECHANISM_HEADLINES = [
  'policy_spend', // levers
  'academic_spinoffs', // spin-offs from research organisations
  'branch_entries', // branch plants from outside
  'imitations', // imitation
  'ties', 'nonlocal_tie_share', // networking (buzz and pipelines)
  'local_supply_ratio', // supply chains
  'members', // promotion organisations
  'migrants_in', // migration
  'relocations', // relocation
  'functional_upgrades', // upgrading
  'niche_crowding', // differentiated competition
  'local_returns', // local increasing returns
];

/** Metrics with a finite non-zero value somewhere (any variant, region, tick, median or band). */
export function activeMetrics(data: ReportData): Set<string> {
  const active = new Set<string>();
  for (const v of data.variants) {
    for (const byMetric of Object.values(v.series)) {
      for (const [metric, band] of Object.entries(byMetric)) {
        if (active.has(metric)) continue;
        const moves = (xs: readonly number[] | undefined) => xs !== undefined && xs.some((x) => Number.isFinite(x) && x !== 0);
        if (moves(band.p50) || moves(band.p05) || moves(band.p95)) active.add(metric);
      }
    }
  }
  return active;
}

/** The whole-system panels: the main metrics that are not zero throughout, then the mechanisms' headlines. */
export function panelMetrics(data: ReportData, active: Set<string> = activeMetrics(data)): string[] {
  const known = new Set(data.metrics.map((m) => m.name));
  const main = data.mainMetrics.filter((m) => active.has(m));
  const extra = MECHANISM_HEADLINES.filter((m) => known.has(m) && active.has(m) && !main.includes(m));
  return [...main, ...extra];
}

/** The metrics a reader can pick (per-region charts): those not zero throughout, in the data's order. */
export function pickableMetrics(data: ReportData, active: Set<string> = activeMetrics(data)): string[] {
  return data.metrics.map((m) => m.name).filter((m) => active.has(m));
}
