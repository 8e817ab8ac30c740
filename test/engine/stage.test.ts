import { describe, expect, it } from 'vitest';
import { Stream } from '../../src/engine/rng.ts';
import { STAGES } from '../../src/engine/series.ts';
import {
  classifyPath, createStageState, growthRate, nextStage, spells, STAGE, stageParams, targetStage, type StageParams,
} from '../../src/engine/stage.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';

const TPY = 4;
const scenario = scenarioSchema.parse({ regions: [{ name: 'a' }] });
/** The schema's defaults: window 3 years (12 ticks), growth 4 % / 1 %, persistence 1 year (4 ticks), spells ≥ 3 years (12 ticks). */
const P: StageParams = stageParams(scenario, TPY);

/** Stage names with repeats collapsed. */
function sequence(stages: Uint8Array): string[] {
  const out: string[] = [];
  for (const s of stages) if (out.at(-1) !== STAGES[s]) out.push(STAGES[s]);
  return out;
}

const transitions = (stages: Uint8Array): number => sequence(stages).length - 1;

/** A path of `years` years from a per-year function. */
const path = (years: number, f: (y: number) => number): number[] =>
  Array.from({ length: years * TPY + 1 }, (_, t) => f(t / TPY));

/** Logistic rise to K (half-way at year 8), flat until `fallYear`, then exponential decline. */
const riseFlatFall = (fallYear: number, rate: number) => (y: number): number => {
  const logistic = 1000 / (1 + Math.exp(-0.8 * (y - 8)));
  return y < fallYear ? logistic : (1000 / (1 + Math.exp(-0.8 * (fallYear - 8)))) * Math.exp(-rate * (y - fallYear));
};

describe('stage parameters', () => {
  it('converts the schema defaults to ticks', () => {
    expect(P).toMatchObject({ window: 12, ticksPerYear: 4, growthHigh: 0.04, growthLow: 0.01, persistence: 4, minSpell: 12 });
    expect(STAGE.formation).toBe(STAGES.indexOf('formation'));
    expect(STAGE.renewal).toBe(STAGES.indexOf('renewal'));
  });

  it('annualises growth over the window, finite from an empty start', () => {
    expect(growthRate(1331 - 1, 1000 - 1, 3)).toBeCloseTo(0.1, 12);
    expect(growthRate(0, 0, 3)).toBe(0);
    expect(Number.isFinite(growthRate(10, 0, 3))).toBe(true);
  });
});

describe('targetStage', () => {
  const { formation, growth, maturity, decline, renewal } = STAGE;
  it('moves out of each stage only on the documented signals', () => {
    expect(targetStage(formation, 0.1, 0, P)).toBe(growth);
    expect(targetStage(formation, 0.02, 0, P)).toBe(formation); // band: slow growth stays formation
    expect(targetStage(formation, -0.05, 0, P)).toBe(decline);
    expect(targetStage(growth, 0.02, 0, P)).toBe(growth); // band holds
    expect(targetStage(growth, 0.005, 0, P)).toBe(maturity);
    expect(targetStage(growth, -0.05, 0, P)).toBe(decline);
    expect(targetStage(maturity, 0.02, 0, P)).toBe(maturity);
    expect(targetStage(maturity, 0.05, 0, P)).toBe(growth);
    expect(targetStage(maturity, -0.02, 0, P)).toBe(decline);
    expect(targetStage(decline, 0.02, 0.02, P)).toBe(renewal);
    expect(targetStage(decline, 0.02, 0, P)).toBe(maturity); // decline stopped, no new variety
    expect(targetStage(decline, 0, 0.02, P)).toBe(maturity); // diversity alone is not renewal
    expect(targetStage(decline, 0.08, 0, P)).toBe(growth); // rebound of the old trajectory
    // New variety through new segments, without a diversity gain (the old segments are gone).
    expect(targetStage(decline, 0.08, 0, P, 0, P.newSegmentShare + 0.01)).toBe(renewal);
    expect(targetStage(decline, 0.08, 0, P, 0, P.newSegmentShare)).toBe(growth);
    expect(targetStage(decline, 0, 0, P, 0, 1)).toBe(maturity); // new segments, but no growth
    // Rising diversity that only restores the old mix (D_t ≤ D* + margin) is not new.
    expect(targetStage(decline, 0.02, 0.02, P, P.renewalMargin)).toBe(maturity);
    expect(targetStage(decline, -0.005, 0, P)).toBe(maturity);
    expect(targetStage(renewal, 0.02, 0, P)).toBe(renewal);
    expect(targetStage(renewal, 0.08, 0.02, P)).toBe(renewal);
    expect(targetStage(renewal, 0.08, 0, P)).toBe(growth);
    expect(targetStage(renewal, 0, 0.02, P)).toBe(maturity);
    expect(targetStage(renewal, -0.05, 0.02, P)).toBe(decline);
  });
});

describe('nextStage', () => {
  it('declares a candidate once it has been the target for `persistence` ticks (persistence + 1 observations)', () => {
    const s = createStageState(0);
    let t = P.window;
    for (let k = 0; k < P.persistence; k++) expect(nextStage(s, 0, t++, 0.1, 0, P)).toBe(STAGE.formation);
    expect(nextStage(s, 0, t++, 0.02, 0, P)).toBe(STAGE.formation); // interrupted: the count restarts
    for (let k = 0; k < P.persistence; k++) expect(nextStage(s, 0, t++, 0.1, 0, P)).toBe(STAGE.formation);
    expect(nextStage(s, 0, t, 0.1, 0, P)).toBe(STAGE.growth);
    expect(s.count[0]).toBe(0);
    expect(s.since[0]).toBe(t);
  });

  it('switches at once when persistence and the minimum spell are 0', () => {
    const s = createStageState(0);
    expect(nextStage(s, 0, 1, 0.1, 0, { ...P, persistence: 0, minSpell: 0 })).toBe(STAGE.growth);
    expect(nextStage(s, 0, 2, -0.1, 0, { ...P, persistence: 0, minSpell: 0 })).toBe(STAGE.decline);
  });

  it('holds a declared stage for the minimum spell, then declares a candidate that persisted', () => {
    const s = createStageState(0);
    const q = { ...P, persistence: 0 };
    expect(nextStage(s, 0, 20, 0.1, 0, q)).toBe(STAGE.growth);
    for (let t = 21; t < 20 + q.minSpell; t++) expect(nextStage(s, 0, t, -0.1, 0, q)).toBe(STAGE.growth);
    expect(nextStage(s, 0, 20 + q.minSpell, -0.1, 0, q)).toBe(STAGE.decline);
  });
});

describe('classifyPath', () => {
  it('reads a logistic rise, plateau and exponential fall as formation, growth, maturity, decline', () => {
    const emp = path(50, riseFlatFall(30, 0.05));
    const stages = classifyPath(emp, emp.map(() => 0.3), P);
    expect(sequence(stages)).toEqual(['formation', 'growth', 'maturity', 'decline']);
    // Formation while the window fills; decline declared within window + persistence of the fall.
    expect(stages.slice(0, P.window)).toEqual(new Uint8Array(P.window));
    expect(stages[30 * TPY + P.window + P.persistence]).toBe(STAGE.decline);
  });

  it('does not flicker on a noisy plateau (at most 2 transitions in total)', () => {
    const rng = new Stream('stage-test', 'noise');
    const emp = path(60, (y) => (1000 / (1 + Math.exp(-0.8 * (y - 8)))) * (1 + 0.02 * (2 * rng.uniform() - 1)));
    const div = emp.map(() => 0.4 + 0.02 * (2 * rng.uniform() - 1));
    const stages = classifyPath(emp, div, P);
    expect(transitions(stages)).toBeLessThanOrEqual(2);
    expect(sequence(stages)).toEqual(['formation', 'growth', 'maturity']);
    // Without hysteresis (no band, no persistence) the same path flickers: the test has teeth.
    const raw = classifyPath(emp, div, { ...P, growthHigh: 0, growthLow: 0, persistence: 0 });
    expect(transitions(raw)).toBeGreaterThan(10);
  });

  it('reads a recovery with rising diversity after a decline as renewal', () => {
    const fall = riseFlatFall(25, 0.06);
    const bottom = fall(35);
    const emp = path(55, (y) => (y < 35 ? fall(y) : bottom * Math.exp(0.05 * (y - 35))));
    const div = path(55, (y) => (y < 35 ? 0.3 : Math.min(0.7, 0.3 + 0.03 * (y - 35))));
    const stages = classifyPath(emp, div, P);
    // Renewal while variety rises; once diversity saturates (year ~48), continued growth is growth.
    expect(sequence(stages)).toEqual(['formation', 'growth', 'maturity', 'decline', 'renewal', 'growth']);
    expect(stages[40 * TPY]).toBe(STAGE.renewal);
    expect(stages.indexOf(STAGE.growth, 40 * TPY)).toBeGreaterThan(48 * TPY);
    // The same recovery without new variety is not renewal: the decline stops (maturity while g
    // passes through the band), then the old trajectory grows again.
    const flat = classifyPath(emp, emp.map(() => 0.3), P);
    expect(sequence(flat)).toEqual(['formation', 'growth', 'maturity', 'decline', 'maturity', 'growth']);
  });

  it('does not read the old mix restored after a decline as renewal (diversity must exceed D*)', () => {
    const fall = riseFlatFall(25, 0.06);
    const bottom = fall(35);
    const emp = path(55, (y) => (y < 35 ? fall(y) : bottom * Math.exp(0.05 * (y - 35))));
    // Diversity dips during the decline (an exit) and returns to its old level: no new variety.
    const div = path(55, (y) => (y < 30 ? 0.5 : y < 35 ? 0.3 : Math.min(0.5, 0.3 + 0.03 * (y - 35))));
    expect(sequence(classifyPath(emp, div, P))).not.toContain('renewal');
    // Without the margin test (D* = 0) the same path is read as renewal.
    expect(sequence(classifyPath(emp, div, { ...P, renewalMargin: -1 }))).toContain('renewal');
  });

  it('reads a decline that levels off as maturity', () => {
    const fall = riseFlatFall(25, 0.08);
    const emp = path(50, (y) => fall(Math.min(y, 35)));
    expect(sequence(classifyPath(emp, emp.map(() => 0.3), P))).toEqual(['formation', 'growth', 'maturity', 'decline', 'maturity']);
  });

  it('reads a young cluster that shrinks from the start as formation, then decline', () => {
    const emp = path(20, (y) => 100 * Math.exp(-0.1 * y));
    const stages = classifyPath(emp, emp.map(() => 0.5), P);
    expect(sequence(stages)).toEqual(['formation', 'decline']);
  });

  it('keeps an empty region in formation, and a region that died out in decline', () => {
    const none = path(20, () => 0);
    expect(sequence(classifyPath(none, none, P))).toEqual(['formation']);
    const dies = path(40, (y) => (y < 12 ? 1000 / (1 + Math.exp(-1.5 * (y - 4))) : y < 18 ? 1000 * Math.exp(-0.5 * (y - 12)) : 0));
    const stages = classifyPath(dies, dies.map((e) => (e > 0 ? 0.2 : 0)), P);
    expect(sequence(stages)).toEqual(['formation', 'growth', 'maturity', 'decline']);
    expect(stages.at(-1)).toBe(STAGE.decline);
  });
});

describe('minimum spell, at any tick length', () => {
  /** Every spell but the last (cut by the horizon) lasts at least the minimum; returns the spell count. */
  const checkSpells = (stages: Uint8Array, minSpell: number): number => {
    const lengths = spells(stages);
    for (const len of lengths.slice(0, -1)) expect(len).toBeGreaterThanOrEqual(minSpell);
    return lengths.length;
  };

  it('holds on random noisy paths with trends that turn, at 1, 4 and 12 ticks a year', () => {
    const rng = new Stream('stage-test', 'spells');
    for (const tpy of [1, 4, 12]) {
      const p = stageParams(scenario, tpy);
      expect(p.minSpell).toBe(3 * tpy);
      let changes = 0;
      for (let rep = 0; rep < 30; rep++) {
        // ln E: a random walk whose drift switches sign at random, plus noise of up to 15 %.
        const n = 60 * tpy + 1;
        const emp = new Float64Array(n);
        const div = new Float64Array(n);
        let level = Math.log(200 + 800 * rng.uniform());
        let drift = 0.1 * (2 * rng.uniform() - 1);
        let d = 0.3;
        for (let t = 0; t < n; t++) {
          if (rng.uniform() < 0.2 / tpy) drift = 0.1 * (2 * rng.uniform() - 1);
          level += drift / tpy;
          d = Math.min(1, Math.max(0, d + (0.02 * (2 * rng.uniform() - 1)) / Math.sqrt(tpy)));
          emp[t] = Math.exp(level) * (1 + 0.15 * (2 * rng.uniform() - 1));
          div[t] = d;
        }
        changes += checkSpells(classifyPath(emp, div, p), p.minSpell) - 1;
        // Without the minimum spell the same paths have short spells: the property has teeth.
        if (rep === 0 && tpy === 1) {
          const short = spells(classifyPath(emp, div, { ...p, minSpell: 0 })).slice(0, -1);
          expect(Math.min(...short)).toBeLessThan(p.minSpell);
        }
      }
      expect(changes).toBeGreaterThan(30); // the paths do change stage
    }
  });
});
