// Lifecycle stage per region and for `all` (Menzel & Fornahl 2010; MODEL.md §5), classified each
// tick from the recorded series with hysteresis in level and in time, so that it does not flicker.
//
// Signals, with W = max(1, round(windowYears·ticksPerYear)) ticks and w = W / ticksPerYear years:
//   g   = ((E_t + 1) / (E_{t−W} + 1))^(1/w) − 1        annualised employment growth
//   dD  = (D_t − D_{t−W}) / w                          trend of diversity (0..1 scale) per year
// Growth is measured on employment only, not firm counts: a shakeout (firms fall while employment
// holds) is maturity in Menzel & Fornahl, not decline, and counts of a few firms are too coarse.
// Firms enter only through employment (an empty region has E = 0); the +1 keeps g finite.
//
// Target stage from the current one (hi = growthHigh, lo = growthLow, up = g > hi,
// flat = |g| ≤ lo, down = g < −lo, rising = dD > stage.diversityRise):
//   formation → growth if up, decline if down (a young cluster that fades); else holds
//   growth    → maturity if flat, decline if down; else holds (lo < g ≤ hi is the band)
//   maturity  → growth if up, decline if down; else holds
//   decline   → renewal if g > lo and rising; growth if up (a rebound without new variety);
//               maturity if g ≥ −lo (decline has stopped); else holds
//   renewal   → decline if down, maturity if flat, growth if up and not rising; else holds
// A target different from the stage becomes a candidate; it is declared after it has been the
// target for `persistence` = round(persistenceYears·ticksPerYear) consecutive ticks.
// Before W ticks of history exist the stage is formation. When employment is zero at both ends of
// the window (an empty region, or one where firms came and went) the stage holds.
import type { Scenario } from '../scenarios/schema.ts';
import { METRIC } from './metrics.ts';
import { rowOf, STAGES, type Stage } from './series.ts';
import type { World } from './world.ts';
import { pow } from './math.ts';

/** Stage indices, in the order of STAGES (the value stored in series.stage). */
export const STAGE = Object.freeze(
  Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>,
);
const { formation: FORMATION, growth: GROWTH, maturity: MATURITY, decline: DECLINE, renewal: RENEWAL } = STAGE;

export interface StageParams {
  /** W: window of the growth and trend measures, ticks (≥ 1). */
  window: number;
  /** W in years, used to annualise. */
  windowYears: number;
  growthHigh: number;
  growthLow: number;
  diversityRise: number;
  /** Consecutive ticks a candidate must be the target before it is declared. */
  persistence: number;
}

export function stageParams(scenario: Scenario, ticksPerYear = scenario.ticksPerYear): StageParams {
  const p = scenario.stage;
  const window = Math.max(1, Math.round(p.windowYears * ticksPerYear));
  return {
    window,
    windowYears: window / ticksPerYear,
    growthHigh: p.growthHigh,
    growthLow: p.growthLow,
    diversityRise: p.diversityRise,
    persistence: Math.round(p.persistenceYears * ticksPerYear),
  };
}

/** Per slot k (region k, or `all` at k = R): declared stage, candidate, ticks it has held. */
export interface StageState {
  stage: Uint8Array;
  candidate: Uint8Array;
  count: Int32Array;
}

export function createStageState(regions: number): StageState {
  const n = regions + 1;
  return { stage: new Uint8Array(n).fill(FORMATION), candidate: new Uint8Array(n).fill(FORMATION), count: new Int32Array(n) };
}

/** g: annualised growth of employment over the window, with +1 so that empty starts stay finite. */
export function growthRate(now: number, then: number, windowYears: number): number {
  return pow((now + 1) / (then + 1), 1 / windowYears) - 1;
}

/** The stage the signals point to from `current` (level hysteresis only; see the header). */
export function targetStage(current: number, g: number, divTrend: number, p: StageParams): number {
  const up = g > p.growthHigh;
  const down = g < -p.growthLow;
  const flat = !up && !down && g <= p.growthLow;
  const rising = divTrend > p.diversityRise;
  switch (current) {
    case FORMATION:
      return up ? GROWTH : down ? DECLINE : FORMATION;
    case GROWTH:
      return flat ? MATURITY : down ? DECLINE : GROWTH;
    case MATURITY:
      return up ? GROWTH : down ? DECLINE : MATURITY;
    case DECLINE:
      if (g > p.growthLow && rising) return RENEWAL;
      return up ? GROWTH : down ? DECLINE : MATURITY;
    case RENEWAL:
      return down ? DECLINE : flat ? MATURITY : up && !rising ? GROWTH : RENEWAL;
    default:
      throw new Error(`unknown stage index ${current}`);
  }
}

/** One step of slot k: time hysteresis around `targetStage`. Returns the declared stage. */
export function nextStage(state: StageState, k: number, g: number, divTrend: number, p: StageParams): number {
  const current = state.stage[k];
  const target = targetStage(current, g, divTrend, p);
  if (target === current) {
    state.candidate[k] = current;
    state.count[k] = 0;
    return current;
  }
  if (target === state.candidate[k]) state.count[k] += 1;
  else {
    state.candidate[k] = target;
    state.count[k] = 1;
  }
  if (state.count[k] >= p.persistence) {
    state.stage[k] = target;
    state.candidate[k] = target;
    state.count[k] = 0;
  }
  return state.stage[k];
}

/** Drops any pending candidate of slot k (the stage holds). */
function hold(state: StageState, k: number): number {
  state.candidate[k] = state.stage[k];
  state.count[k] = 0;
  return state.stage[k];
}

/**
 * The stage of slot k at tick t, from employment and diversity now and W ticks ago. The caller
 * passes the values at t − W only when t ≥ W (they are ignored before).
 */
export function stepStage(
  state: StageState, k: number, t: number, empNow: number, empThen: number,
  divNow: number, divThen: number, p: StageParams,
): number {
  if (t < p.window) return state.stage[k];
  if (empNow === 0 && empThen === 0) return hold(state, k);
  const g = growthRate(empNow, empThen, p.windowYears);
  return nextStage(state, k, g, (divNow - divThen) / p.windowYears, p);
}

/**
 * Classifies a single path (employment and diversity per tick, from tick 0) with a fresh state:
 * the same steps as the engine, for tests and analysis. Returns the stage index per tick.
 */
export function classifyPath(employment: ArrayLike<number>, diversity: ArrayLike<number>, p: StageParams): Uint8Array {
  const state = createStageState(0);
  const out = new Uint8Array(employment.length);
  for (let t = 0; t < employment.length; t++) {
    const then = t >= p.window ? t - p.window : t;
    out[t] = stepStage(state, 0, t, employment[t], employment[then], diversity[t], diversity[then], p);
  }
  return out;
}

/**
 * Classifies every region and `all` at world.tick from the series rows already written for this
 * tick (employment, diversity) and those W ticks earlier; writes world.series.stage.
 */
export function classifyStages(world: World, p: StageParams): void {
  const { series, stage } = world;
  const t = world.tick;
  const emp = series.values[METRIC.employment];
  const div = series.values[METRIC.diversity];
  const then = t >= p.window ? t - p.window : t;
  for (let k = 0; k <= series.regions; k++) {
    const now = rowOf(series, t, k);
    const past = rowOf(series, then, k);
    series.stage[now] = stepStage(stage, k, t, emp[now], emp[past], div[now], div[past], p);
  }
}
