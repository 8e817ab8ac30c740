// Two runs stepped alternately in one thread (as the browser app steps two worlds side by side)
// give the same bytes as each run alone, for every bundled scenario: whatever per-run state a
// process keeps, it keeps in its world (or overwrites before use), never across worlds.
import { describe, expect, it } from 'vitest';
import { observe } from '../../src/engine/processes/observe.ts';
import { createStreams } from '../../src/engine/rng.ts';
import { run } from '../../src/engine/run.ts';
import { tick } from '../../src/engine/tick.ts';
import { createWorld, type World } from '../../src/engine/world.ts';
import { eventsCsv } from '../../src/io/events.ts';
import { firmsCsv } from '../../src/io/firms.ts';
import { policyCsv } from '../../src/io/policy.ts';
import { timeseriesCsv } from '../../src/io/timeseries.ts';
import { bundledNames } from '../../src/scenarios/bundled.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';

const TICKS = 30;
const outputs = (w: World) => [timeseriesCsv(w), eventsCsv(w), firmsCsv(w), policyCsv(w)].join('\n');

function start(scenario: Scenario, seed: number) {
  const streams = createStreams(seed);
  const world = createWorld(scenario, streams.init, TICKS);
  observe(world, scenario, streams.observe);
  return { scenario, streams, world };
}

describe('two worlds stepped alternately in one thread', () => {
  const names = bundledNames();
  it.each(names.map((name, i) => [name, names[(i + 1) % names.length]]))('%s and %s: each as if run alone', (first, second) => {
    const a = start(loadScenario(first).scenario, 1);
    const b = start(loadScenario(second).scenario, 2);
    for (let t = 0; t < TICKS; t++) {
      tick(a.world, a.scenario, a.streams);
      tick(b.world, b.scenario, b.streams);
    }
    expect(outputs(a.world)).toBe(outputs(run(a.scenario, { seed: 1, ticks: TICKS }).world));
    expect(outputs(b.world)).toBe(outputs(run(b.scenario, { seed: 2, ticks: TICKS }).world));
  });

  it('the same scenario, two seeds, interleaved: as two separate runs', () => {
    const scenario = loadScenario('yangtze-delta').scenario;
    const a = start(scenario, 1);
    const b = start(scenario, 2);
    for (let t = 0; t < TICKS; t++) {
      tick(b.world, scenario, b.streams);
      tick(a.world, scenario, a.streams);
    }
    expect(outputs(a.world)).toBe(outputs(run(scenario, { seed: 1, ticks: TICKS }).world));
    expect(outputs(b.world)).toBe(outputs(run(scenario, { seed: 2, ticks: TICKS }).world));
  });
});
