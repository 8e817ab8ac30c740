// The minimum spell on bundled scenarios run at 1, 4 and 12 ticks a year: in every region and in
// `all`, no spell but the last (cut by the horizon) is shorter than stage.minSpellYears.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { spells, stageParams } from '../../src/engine/stage.ts';
import { bundled } from '../support/scenarios.ts';

const YEARS = 30;

describe('stage spells on bundled scenarios at any tick length', () => {
  for (const name of ['critical-mass', 'default', 'klepper', 'stage-policy', 'renewal']) {
    it(`${name}: no spell shorter than the minimum at T = 1, 4, 12`, () => {
      let changes = 0;
      for (const tpy of [1, 4, 12]) {
        const scenario = bundled(name, { set: { ticksPerYear: tpy, ticks: YEARS * tpy } });
        const { minSpell } = stageParams(scenario);
        expect(minSpell).toBe(scenario.stage.minSpellYears * tpy);
        const s = run(scenario, { seed: 3 }).world.series;
        const R = s.regions + 1;
        for (let k = 0; k < R; k++) {
          const path = Array.from({ length: s.recorded }, (_, t) => s.stage[t * R + k]);
          const lengths = spells(path);
          changes += lengths.length - 1;
          for (const len of lengths.slice(0, -1)) expect(len).toBeGreaterThanOrEqual(minSpell);
        }
      }
      expect(changes).toBeGreaterThan(3); // the stages do change
    });
  }
});
