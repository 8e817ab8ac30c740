// default: one cluster whose segments follow a product life cycle. The lifecycle stage of `all`
// (Menzel & Fornahl), read off the recorded series, should pass through formation, growth,
// maturity and decline in that order — emerging from demand, not scripted.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { STAGES, rowOf } from '../../src/engine/series.ts';
import { bundled } from '../support/scenarios.ts';

const SEEDS = 20;
const EXPECTED = ['formation', 'growth', 'maturity', 'decline'];

describe('default (bundled)', () => {
  it(`the stage sequence of all begins ${EXPECTED.join(' → ')} in at least 18 of ${SEEDS} seeds`, () => {
    const scenario = bundled('default');
    let matching = 0;
    const others: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { world } = run(scenario, { seed });
      const { series } = world;
      const collapsed: string[] = [];
      for (let t = 0; t < series.recorded; t++) {
        const stage = STAGES[series.stage[rowOf(series, t, series.regions)]];
        if (collapsed[collapsed.length - 1] !== stage) collapsed.push(stage);
      }
      if (EXPECTED.every((s, k) => collapsed[k] === s)) matching++;
      else others.push(`seed ${seed}: ${collapsed.join(' → ')}`);
    }
    console.log(`default: ${matching} of ${SEEDS} seeds begin ${EXPECTED.join(' → ')}${others.length ? `; others: ${others.join('; ')}` : ''}`);
    expect(matching).toBeGreaterThanOrEqual(18);
  });
});
