// World demand per segment over its product life cycle: a logistic rise to a peak, then an
// exponential decline. This is what ultimately drives cluster growth and decline (MODEL.md §2).
import type { DemandCurve, Scenario } from '../scenarios/schema.ts';
import { exp } from './math.ts';
import type { World } from './world.ts';

export type { DemandCurve };

/** The demand curve of each segment: the common curve with the per-segment overrides applied. */
export function demandCurves(segments: Scenario['segments']): DemandCurve[] {
  const curves: DemandCurve[] = [];
  for (let s = 0; s < segments.count; s++) curves.push({ ...segments.demand });
  for (const { segment, ...override } of segments.perSegment) {
    const defined = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
    curves[segment] = { ...curves[segment], ...defined };
  }
  return curves;
}

/**
 * D(y) = base + peak · σ(growth·(y − midYear)) · exp(−declineRate · max(0, y − declineYear)),
 * with σ the logistic function; per year.
 */
export function demandAt(c: DemandCurve, year: number): number {
  const rise = 1 / (1 + exp(-c.growth * (year - c.midYear)));
  const fall = c.declineYear === null ? 1 : exp(-c.declineRate * Math.max(0, year - c.declineYear));
  return c.base + c.peak * rise * fall;
}

/** Σ demand now / a year ago − 1 (entry's demand-growth term). */
export function demandGrowth(world: World): number {
  let now = 0;
  let before = 0;
  for (let s = 0; s < world.segments.count; s++) {
    now += world.segments.demand[s];
    before += world.segments.demandYearAgo[s];
  }
  return before > 0 ? now / before - 1 : 0;
}
