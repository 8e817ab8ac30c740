// The columns of differentiated competition in timeseries.csv, appended after the others by
// `computeMetrics`: with differentiation on, one pass over the firms and one over (region,
// segment, bin); the margin's sums come from the main pass. All 0 when differentiation is off
// except `margin`, which every market has.
//   position_variety  Σ_s (n_s/n')·H_s / ln min(n_s, B) over the segments s of the region with
//                     n_s ≥ 2 firms (n' = Σ of those n_s), H_s the entropy of the firms'
//                     positions over B = 10 equal bins of the circle: 1 = spread evenly,
//                     0 = every firm of each segment in one bin (Pielou's evenness per segment)
//   niche_crowding    Σ q_i·ρ_i / Σ q_i (q = c·e; ρ_i the supply density around the firm's
//                     position relative to an even spread, as market prices it; variety.ts)
//   margin            mean over the firms of (revenue − cost)/revenue = profit/revenue, clipped
//                     below at −1 (a firm without revenue counts −1): the unweighted mean, so
//                     that the many small firms of a crowded niche weigh as much as the leaders
import type { World } from './world.ts';
import type { VarietyMetricsScratch } from './context.ts';
import { log } from './math.ts';

const def = <N extends string>(name: N, unit: string, additive: boolean, description: string) => ({
  name, unit, additive, description,
});

export const VARIETY_DEFS = [
  def('position_variety', '0..1', false, 'Evenness of firms’ positions inside their segments: Σ_s (n_s/n′)·H_s/ln min(n_s, 10) over segments with ≥ 2 firms, H_s the entropy over 10 bins of the circle (0 if none; 0 with differentiation off).'),
  def('niche_crowding', 'ratio', false, 'Supply-weighted mean of ρ, the supply density around a firm’s position relative to an even spread (1: even; 0 with differentiation off).'),
  def('margin', '−1..1', false, 'Mean over firms of profit/revenue, clipped below at −1 (0 if no firms).'),
] as const;

const BINS = 10;

/** The world's accumulators (world.context.varietyMetrics). */
function scratchFor(world: World): VarietyMetricsScratch {
  const R = world.regions.count;
  const S = world.segments.count;
  const got = world.context.varietyMetrics;
  if (got && got.regions === R && got.segments === S) return got;
  const s: VarietyMetricsScratch = {
    regions: R, segments: S, counts: new Float64Array((R + 1) * S * BINS),
    crowding: new Float64Array(R + 1), supply: new Float64Array(R + 1),
  };
  world.context.varietyMetrics = s;
  return s;
}

/**
 * Writes the three columns. `positioned`: some firm has a position or a crowding (differentiation
 * on); `marginSum` and `firms` per slot come from the main pass of metrics.ts (slot R = all).
 */
export function computeVarietyMetrics(
  world: World, positioned: boolean, marginSum: Float64Array, firmsBySlot: Float64Array,
  out: readonly Float64Array[], row0: number, col0: number,
): void {
  const R = world.regions.count;
  const a = scratchFor(world);
  a.crowding.fill(0);
  a.supply.fill(0);
  if (positioned) {
    const { firms } = world;
    const S = world.segments.count;
    const n = firms.count;
    const { region, segment, variety, crowding, capability, employees } = firms;
    a.counts.fill(0);
    for (let i = 0; i < n; i++) {
      const r = region[i];
      const b = Math.min(BINS - 1, Math.floor(variety[i] * BINS));
      a.counts[(r * S + segment[i]) * BINS + b] += 1;
      a.counts[(R * S + segment[i]) * BINS + b] += 1;
      const q = capability[i] * employees[i];
      a.supply[r] += q;
      a.supply[R] += q;
      a.crowding[r] += q * crowding[i];
      a.crowding[R] += q * crowding[i];
    }
  }
  const S = world.segments.count;
  for (let k = 0; k <= R; k++) {
    const row = row0 + k;
    out[col0][row] = positioned ? evenness(a.counts, k * S, S) : 0;
    out[col0 + 1][row] = a.supply[k] > 0 ? a.crowding[k] / a.supply[k] : 0;
    out[col0 + 2][row] = firmsBySlot[k] > 0 ? marginSum[k] / firmsBySlot[k] : 0;
  }
}

/** Firm-weighted mean over segments (with ≥ 2 firms) of the evenness of positions over the bins. */
function evenness(counts: Float64Array, base: number, S: number): number {
  let weighted = 0;
  let firms = 0;
  for (let s = 0; s < S; s++) {
    const off = (base + s) * BINS;
    let n = 0;
    for (let b = 0; b < BINS; b++) n += counts[off + b];
    if (n < 2) continue;
    let h = 0;
    for (let b = 0; b < BINS; b++) {
      const p = counts[off + b] / n;
      if (p > 0) h -= p * log(p);
    }
    weighted += (n * h) / log(Math.min(n, BINS));
    firms += n;
  }
  return firms > 0 ? Math.min(1, weighted / firms) : 0;
}
