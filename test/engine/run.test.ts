// startRun (src/engine/run.ts): a run stepped from outside, as the viz app's live view steps it,
// is the same run as run(): the same firms after any number of steps, whatever total it was
// started for, and it stops at its last tick.
import { describe, expect, it } from 'vitest';
import { run, RunError, startRun } from '../../src/engine/run.ts';
import { firmsCsv } from '../../src/io/firms.ts';
import { timeseriesCsv } from '../../src/io/timeseries.ts';
import { loadScenario } from '../../src/scenarios/load.ts';

describe('startRun', () => {
  for (const name of ['default', 'silicon-saxony']) {
    it(`${name}: k steps of the full run give the firms of run(…, { ticks: k })`, () => {
      const scenario = loadScenario(name).scenario;
      const sim = startRun(scenario, { seed: 5 });
      expect(sim.ticks).toBe(scenario.ticks);
      for (const k of [1, 7, 30]) {
        while (sim.world.tick < k) sim.step();
        expect(firmsCsv(sim.world)).toBe(firmsCsv(run(scenario, { seed: 5, ticks: k }).world));
      }
    });
  }

  it('steps to its last tick and then no further; run() is the same loop', () => {
    const scenario = loadScenario('default').scenario;
    const sim = startRun(scenario, { seed: 2, ticks: 12 });
    let steps = 0;
    while (sim.step()) steps++;
    expect(steps + 1).toBe(12);
    expect(sim.done).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.world.tick).toBe(12);
    expect(timeseriesCsv(sim.world)).toBe(timeseriesCsv(run(scenario, { seed: 2, ticks: 12 }).world));
  });
});

describe('an error inside a tick', () => {
  it('says in which scenario, seed and tick it happened, and keeps the cause', () => {
    const scenario = loadScenario('default').scenario;
    const sim = startRun(scenario, { seed: 2 });
    sim.step();
    (sim.world.regions as unknown as { labourGrowth: null }).labourGrowth = null; // a bug, simulated
    let caught: unknown;
    try {
      sim.step();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunError);
    expect((caught as RunError).message).toMatch(/\(scenario default, seed 2, tick 2\)$/);
    expect((caught as RunError).cause).toBeInstanceOf(TypeError);
  });
});
