// Triggers: when a lever is on. Each lever's state per tick and region is read back from the
// policy log (policy.csv's rows) and compared with the condition on the recorded series.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { rowOf, STAGES, valueOf, type Series } from '../../src/engine/series.ts';
import type { World } from '../../src/engine/world.ts';
import { eventsCsv } from '../../src/io/events.ts';
import type { ScenarioInput } from '../../src/scenarios/schema.ts';
import { bundled } from '../support/scenarios.ts';

/** `default` with these levers (validated like a scenario file). */
const withLevers = (levers: ScenarioInput['levers'], set: Record<string, unknown> = {}) =>
  bundled('default', { set: { levers, ...set } });

/** on[lever][tick] for region 0, from the policy log (ticks 1..T). */
function activity(world: World, lever: number): boolean[] {
  const on = new Array<boolean>(world.tick + 1).fill(false);
  const log = world.policy.log;
  for (let i = 0; i < log.count; i++) if (log.lever[i] === lever && log.region[i] === 0 && log.active[i]) on[log.tick[i]] = true;
  return on;
}

const stageAt = (series: Series, tick: number, slot: number) => STAGES[series.stage[rowOf(series, tick, slot)]];

describe('triggers', () => {
  const seed = 3;

  it('a stage-triggered lever is on exactly in the ticks whose starting stage is that stage', () => {
    const scenario = withLevers([
      { lever: 'publicPlatform', when: { stage: 'growth' }, budget: { perYear: 4 } },
      { lever: 'publicPlatform', when: { stage: ['maturity', 'decline'], of: 'all' }, budget: { perYear: 4 } },
    ]);
    const { world } = run(scenario, { seed });
    const R = world.regions.count;
    for (const [lever, slot, stages] of [[0, 0, ['growth']], [1, R, ['maturity', 'decline']]] as const) {
      const on = activity(world, lever);
      let ticksOn = 0;
      for (let t = 1; t <= world.tick; t++) {
        expect(on[t]).toBe((stages as readonly string[]).includes(stageAt(world.series, t - 1, slot)));
        if (on[t]) ticksOn++;
      }
      expect(ticksOn).toBeGreaterThan(8); // the default cluster does go through these stages
    }
  });

  it('windows in years and in ticks; entered + forYears; combinations with all / any / not', () => {
    const T = 4;
    const scenario = withLevers([
      { lever: 'openness', when: { from: 5, to: 10 }, budget: { perYear: 1 } },
      { lever: 'openness', when: { fromTick: 7, toTick: 9 }, budget: { perYear: 1 } },
      { lever: 'openness', when: { entered: 'growth', forYears: 2 }, budget: { perYear: 1 } },
      { lever: 'openness', when: { any: [{ toTick: 2 }, { fromTick: 199 }], not: { fromTick: 200 } }, budget: { perYear: 1 } },
    ]);
    const { world } = run(scenario, { seed });
    const ticks = (lever: number) => activity(world, lever).flatMap((on, t) => (on ? [t] : []));
    expect(ticks(0)).toEqual(Array.from({ length: 5 * T }, (_, k) => 5 * T + 1 + k)); // years 5..10: ticks 21..40
    expect(ticks(1)).toEqual([7, 8, 9]);
    expect(ticks(3)).toEqual([1, 2, 199]);
    // Entered growth at tick g (the first tick whose stage is growth): on for ticks g+1 .. g+2T.
    const g = Array.from({ length: world.tick + 1 }, (_, t) => stageAt(world.series, t, 0)).indexOf('growth');
    expect(g).toBeGreaterThan(0);
    expect(ticks(2).slice(0, 2 * T)).toEqual(Array.from({ length: 2 * T }, (_, k) => g + 1 + k));
  });

  it('a metric threshold reads the previous tick; with latch it stays on once crossed', () => {
    const scenario = withLevers([
      { lever: 'openness', when: { metric: 'firms', above: 265 }, budget: { perYear: 1 } },
      { lever: 'openness', when: { metric: 'firms', above: 265, latch: true }, budget: { perYear: 1 } },
    ]);
    const { world } = run(scenario, { seed });
    const plain = activity(world, 0);
    const latched = activity(world, 1);
    const firms = (t: number) => valueOf(world.series, 'firms', t, 0);
    let first = -1;
    for (let t = 1; t <= world.tick; t++) {
      expect(plain[t]).toBe(firms(t - 1) > 265);
      if (first < 0 && plain[t]) first = t;
      expect(latched[t]).toBe(first > 0 && t >= first);
    }
    expect(first).toBeGreaterThan(0);
    expect(plain.filter(Boolean).length).toBeLessThan(latched.filter(Boolean).length); // the cluster shrinks below 265 again
  });

  it('lever_on / lever_off events follow the switches, with the lever name', () => {
    const scenario = withLevers([{ lever: 'openness', name: 'pipes', when: { fromTick: 7, toTick: 9 }, budget: { perYear: 1 } }]);
    const { world } = run(scenario, { seed });
    const rows = eventsCsv(world).split('\n').filter((l) => l.includes('lever_'));
    expect(rows).toEqual(['7,lever_on,,,valley,,0.3,,pipes', '10,lever_off,,,valley,,0.3,,pipes']);
  });

  it('a lever whose trigger never fires leaves the outputs byte-identical to no lever', () => {
    const base = run(withLevers([]), { seed }).world;
    const never = run(withLevers([
      { lever: 'entrySubsidy', when: { metric: 'firms', above: 1e9 }, intensity: 5 },
      { lever: 'rdSubsidy', when: { stage: 'renewal' } },
      { lever: 'startupSupport', when: { all: [{ toTick: 3 }, { fromTick: 5 }] } },
    ]), { seed }).world;
    for (let t = 1; t <= base.tick; t++) expect(stageAt(base.series, t, 0)).not.toBe('renewal');
    expect(never.series.values.length).toBe(base.series.values.length);
    never.series.values.forEach((col, m) => expect(Buffer.from(col.buffer).equals(Buffer.from(base.series.values[m].buffer))).toBe(true));
    expect(eventsCsv(never)).toBe(eventsCsv(base));
    expect(never.policy.log.count).toBe(0);
  });
});
