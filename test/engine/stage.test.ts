import { describe, expect, it } from 'vitest';
import { Stream } from '../../src/engine/rng.ts';
import { STAGES } from '../../src/engine/series.ts';
import {
  classifyPath, createStageState, growthRate, nextStage, STAGE, stageParams, targetStage, type StageParams,
} from '../../src/engine/stage.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';

const TPY = 4;
const scenario = scenarioSchema.parse({ regions: [{ name: 'a' }] });
/** The schema's defaults: window 3 years (12 ticks), growth 4 % / 1 %, persistence 1 year (4 ticks). */
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
    expect(P).toMatchObject({ window: 12, windowYears: 3, growthHigh: 0.04, growthLow: 0.01, persistence: 4 });
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
    expect(targetStage(decline, -0.005, 0, P)).toBe(maturity);
    expect(targetStage(renewal, 0.02, 0, P)).toBe(renewal);
    expect(targetStage(renewal, 0.08, 0.02, P)).toBe(renewal);
    expect(targetStage(renewal, 0.08, 0, P)).toBe(growth);
    expect(targetStage(renewal, 0, 0.02, P)).toBe(maturity);
    expect(targetStage(renewal, -0.05, 0.02, P)).toBe(decline);
  });
});

describe('nextStage', () => {
  it('declares a candidate only after `persistence` consecutive ticks', () => {
    const s = createStageState(0);
    for (let k = 0; k < P.persistence - 1; k++) expect(nextStage(s, 0, 0.1, 0, P)).toBe(STAGE.formation);
    expect(nextStage(s, 0, 0.02, 0, P)).toBe(STAGE.formation); // interrupted: the count restarts
    for (let k = 0; k < P.persistence - 1; k++) expect(nextStage(s, 0, 0.1, 0, P)).toBe(STAGE.formation);
    expect(nextStage(s, 0, 0.1, 0, P)).toBe(STAGE.growth);
    expect(s.count[0]).toBe(0);
  });

  it('switches at once when persistence is 0', () => {
    const s = createStageState(0);
    expect(nextStage(s, 0, 0.1, 0, { ...P, persistence: 0 })).toBe(STAGE.growth);
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
