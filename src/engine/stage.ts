// Lifecycle stage per region and for `all` (Menzel & Fornahl 2010; MODEL.md §5), classified each
// tick from the recorded series with hysteresis in level and in time, so that it does not flicker
// at any tick length: signals are trends over a window in years, and stages are spells in years.
//
// Signals, with W = max(1, round(windowYears·T)) ticks, T ticks a year, and w = W / T years:
//   g   = ((E_t + 1) / (E_{t−W} + 1))^(1/w) − 1        annualised employment growth
//   dD  = (D_t − D_{t−W}) / w                          trend of diversity (0..1 scale) per year
// Both are measured over a window in years and annualised, so they mean the same at any T.
// Growth is measured on employment only, not firm counts: a shakeout (firms fall while employment
// holds) is maturity in Menzel & Fornahl, not decline, and counts of a few firms are too coarse.
// Firms enter only through employment (an empty region has E = 0); the +1 keeps g finite.
//
// Target stage from the current one (hi = growthHigh, lo = growthLow, up = g > hi,
// flat = |g| ≤ lo, down = g < −lo, rising = dD > stage.diversityRise):
//   formation → growth if up, decline if down (a young cluster that fades); else holds
//   growth    → maturity if flat, decline if down; else holds (lo < g ≤ hi is the band)
//   maturity  → growth if up, decline if down; else holds
//   decline   → renewal if g > lo and new variety: rising with D_t > D* + renewalMargin, or a
//               share ν > newSegmentShare of employment in new segments; growth if up (a
//               rebound without new variety); maturity if g ≥ −lo (decline has stopped); else holds
//   renewal   → decline if down, maturity if flat, growth if up and not rising; else holds
// D* is the highest diversity in the windows in which a decline was declared: renewal needs
// variety the cluster did not have before its decline, not the old mix restored after an exit.
// New segments never had `newSegmentBelow` or more of the slot's employment at a tick where a
// decline was declared; ν counts too because a cluster whose old segments are gone before the
// new ones grow never has a higher diversity than before.
// A target different from the stage becomes a candidate; it is declared once it has been the
// target over `persistence` = round(persistenceYears·T) ticks (persistence + 1 consecutive
// observations, so one year means two yearly or five quarterly observations), and not before the
// current stage has held `minSpell` = round(minSpellYears·T) ticks (a stage is a phase of years,
// not a fluctuation). Before W ticks of history exist the stage is formation. When employment is
// zero at both ends of the window (an empty region, or one where firms came and went) the stage
// holds.
import type { Scenario } from '../scenarios/schema.ts';
import { employmentBySegment, METRIC } from './metrics.ts';
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
  /** Ticks per year T (the window in years is window / T). */
  ticksPerYear: number;
  growthHigh: number;
  growthLow: number;
  diversityRise: number;
  /** Ticks over which a candidate must be the target (persistence + 1 observations) before it is declared. */
  persistence: number;
  /** Ticks a declared stage holds at least before another can be declared. */
  minSpell: number;
  /** Diversity above D* (the window's highest when decline was declared) that counts as new. */
  renewalMargin: number;
  /** A segment with less than this share of employment at the decline is new. */
  newSegmentBelow: number;
  /** Share of employment in new segments that counts as new variety. */
  newSegmentShare: number;
}

export function stageParams(scenario: Scenario, ticksPerYear = scenario.ticksPerYear): StageParams {
  const p = scenario.stage;
  return {
    window: Math.max(1, Math.round(p.windowYears * ticksPerYear)),
    ticksPerYear,
    growthHigh: p.growthHigh,
    growthLow: p.growthLow,
    diversityRise: p.diversityRise,
    persistence: Math.round(p.persistenceYears * ticksPerYear),
    minSpell: Math.round(p.minSpellYears * ticksPerYear),
    renewalMargin: p.renewalMargin,
    newSegmentBelow: p.newSegmentBelow,
    newSegmentShare: p.newSegmentShare,
  };
}

/**
 * Per slot k (region k, or `all` at k = R): declared stage, candidate, ticks it has been the
 * target, tick the stage was declared, D* (the highest diversity before a declared decline), and
 * which segments had a share ≥ newSegmentBelow at a declared decline (`known[k·S + s]`, allocated
 * on first use; the others are new).
 */
export interface StageState {
  stage: Uint8Array;
  candidate: Uint8Array;
  count: Int32Array;
  since: Int32Array;
  before: Float64Array;
  known: Uint8Array;
}

export function createStageState(regions: number): StageState {
  const n = regions + 1;
  return {
    stage: new Uint8Array(n).fill(FORMATION), candidate: new Uint8Array(n).fill(FORMATION),
    count: new Int32Array(n), since: new Int32Array(n), before: new Float64Array(n), known: new Uint8Array(0),
  };
}

/** g: annualised growth of employment over `windowYears`, with +1 so that empty starts stay finite. */
export function growthRate(now: number, then: number, windowYears: number): number {
  return pow((now + 1) / (then + 1), 1 / windowYears) - 1;
}

/**
 * The stage the signals point to from `current` (level hysteresis only; see the header).
 * `divGain` = D_t − D*, the diversity gained since the decline was declared; `newShare` the share
 * of employment in segments new since then.
 */
export function targetStage(
  current: number, g: number, divTrend: number, p: StageParams, divGain = Infinity, newShare = 0,
): number {
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
      if (g > p.growthLow && ((rising && divGain > p.renewalMargin) || newShare > p.newSegmentShare)) return RENEWAL;
      return up ? GROWTH : down ? DECLINE : MATURITY;
    case RENEWAL:
      return down ? DECLINE : flat ? MATURITY : up && !rising ? GROWTH : RENEWAL;
    default:
      throw new Error(`unknown stage index ${current}`);
  }
}

/**
 * One step of slot k at tick t: time hysteresis around `targetStage` (persistence of the
 * candidate, minimum spell of the declared stage). `div` is D_t, `divMax` the window's highest
 * diversity (kept as D* when decline is declared). Returns the declared stage.
 */
export function nextStage(
  state: StageState, k: number, t: number, g: number, divTrend: number, p: StageParams, div = 0, divMax = 0,
  newShare = 0,
): number {
  const current = state.stage[k];
  const target = targetStage(current, g, divTrend, p, div - state.before[k], newShare);
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
  if (state.count[k] > p.persistence && t - state.since[k] >= p.minSpell) {
    state.stage[k] = target;
    state.candidate[k] = target;
    state.count[k] = 0;
    state.since[k] = t;
    if (target === DECLINE) state.before[k] = Math.max(state.before[k], divMax);
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
 * The stage of slot k at tick t from the rows of the window: employment and diversity at
 * `start + i·stride`, i = 0..W (tick t − W + i; D* needs the whole window). Called only when t ≥ W.
 */
function stepWindow(
  state: StageState, k: number, t: number, emp: ArrayLike<number>, div: ArrayLike<number>,
  start: number, stride: number, p: StageParams, newShare = 0,
): number {
  const end = start + p.window * stride;
  if (emp[start] === 0 && emp[end] === 0) return hold(state, k);
  const years = p.window / p.ticksPerYear;
  const g = growthRate(emp[end], emp[start], years);
  let divMax = 0;
  for (let i = start; i <= end; i += stride) divMax = Math.max(divMax, div[i]);
  return nextStage(state, k, t, g, (div[end] - div[start]) / years, p, div[end], divMax, newShare);
}

/**
 * Classifies a single path (employment and diversity per tick, from tick 0) with a fresh state:
 * the same steps as the engine, for tests and analysis, without the new-segment test (a path has
 * no segments: ν = 0). Returns the stage index per tick.
 */
export function classifyPath(employment: ArrayLike<number>, diversity: ArrayLike<number>, p: StageParams): Uint8Array {
  const state = createStageState(0);
  const out = new Uint8Array(employment.length);
  for (let t = 0; t < employment.length; t++) {
    out[t] = t < p.window ? state.stage[0] : stepWindow(state, 0, t, employment, diversity, t - p.window, 1, p);
  }
  return out;
}

/**
 * Classifies every region and `all` at world.tick from the series rows already written for this
 * tick (employment, diversity) and the W ticks before; writes world.series.stage.
 */
export function classifyStages(world: World, p: StageParams): void {
  const { series, stage } = world;
  const t = world.tick;
  const emp = series.values[METRIC.employment];
  const div = series.values[METRIC.diversity];
  const stride = series.regions + 1;
  const S = world.segments.count;
  const bySegment = employmentBySegment(world);
  if (stage.known.length !== stride * S) stage.known = new Uint8Array(stride * S);
  for (let k = 0; k <= series.regions; k++) {
    const now = rowOf(series, t, k);
    if (t < p.window) {
      series.stage[now] = stage.stage[k];
      continue;
    }
    const total = emp[now];
    const newShare = bySegment && stage.stage[k] === DECLINE && total > 0 ? newEmployment(stage.known, bySegment, k * S, S) / total : 0;
    series.stage[now] = stepWindow(stage, k, t, emp, div, rowOf(series, t - p.window, k), stride, p, newShare);
    // A decline declared now: segments with newSegmentBelow or more of employment are known.
    if (bySegment && stage.since[k] === t && stage.stage[k] === DECLINE) {
      for (let s = 0; s < S; s++) if (bySegment[k * S + s] >= p.newSegmentBelow * total) stage.known[k * S + s] = 1;
    }
  }
}

/** Employment in the segments not known at a declared decline, Σ_s (1 − known_s)·E_s. */
function newEmployment(known: Uint8Array, bySegment: Float64Array, base: number, S: number): number {
  let sum = 0;
  for (let s = 0; s < S; s++) if (!known[base + s]) sum += bySegment[base + s];
  return sum;
}

/** Lengths in ticks of the spells of a stage path, in order (the last one is cut by the horizon). */
export function spells(stages: ArrayLike<number>): number[] {
  const out: number[] = [];
  let len = 0;
  for (let t = 0; t < stages.length; t++) {
    if (t > 0 && stages[t] !== stages[t - 1]) {
      out.push(len);
      len = 0;
    }
    len++;
  }
  if (len > 0) out.push(len);
  return out;
}
