// Two runs stepped alternately in one thread (as the browser app steps two worlds side by side)
// give the same bytes as each run alone, for every bundled scenario: whatever per-run state a
// process keeps, it keeps in its world (world.context), never in a module shared by the worlds.
import { describe, expect, it } from 'vitest';
import { observe } from '../../src/engine/processes/observe.ts';
import { createStreams, STREAM_NAMES, type Stream } from '../../src/engine/rng.ts';
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

// The most hostile interleaving one thread allows: in each tick of world a, one of its streams
// (a different one each tick) steps world b by a whole tick from inside one of its draws, so b's
// processes run while a's process is half done with whatever it keeps between its draws. Any
// per-run state shared through a module (scratch sized or filled for one world, then read by
// the other) shows in the outputs; state owned by each world does not.
const TAPPED = STREAM_NAMES.filter((name) => name !== 'init');

/** Calls `hook` just before the stream's `at`-th draw after `arm`, once. */
function tap(stream: Stream) {
  const inner = stream as unknown as { next: () => number };
  const draw = inner.next;
  const tapState = { left: 0, hook: null as (() => void) | null };
  inner.next = () => {
    if (tapState.hook && --tapState.left === 0) {
      const hook = tapState.hook;
      tapState.hook = null;
      hook();
    }
    return draw();
  };
  return tapState;
}

function stepInside(a: ReturnType<typeof start>, b: ReturnType<typeof start>): void {
  const taps = new Map(TAPPED.map((name) => [name, tap(a.streams[name])]));
  for (let t = 0; t < TICKS; t++) {
    let stepped = false;
    const stepB = () => {
      stepped = true;
      tick(b.world, b.scenario, b.streams);
    };
    const chosen = taps.get(TAPPED[t % TAPPED.length])!;
    chosen.left = 2 + ((t * 5) % 9);
    chosen.hook = stepB;
    tick(a.world, a.scenario, a.streams);
    chosen.hook = null;
    if (!stepped) stepB(); // the stream drew fewer numbers this tick
  }
}

describe('a world stepped from inside the draws of another', () => {
  const names = bundledNames();
  it.each(names.map((name, i) => [name, names[(i + 1) % names.length]]))('%s (seed 1) with itself (seed 2) and with %s', (first, second) => {
    const scenario = loadScenario(first).scenario;
    const other = loadScenario(second).scenario;
    const alone = outputs(run(scenario, { seed: 1, ticks: TICKS }).world);
    // Worlds of 100,000 firms are paired only with the next scenario (minutes otherwise).
    if (!(scenario.firms.generate && scenario.firms.generate.count > 10_000)) {
      const same = [start(scenario, 1), start(scenario, 2)] as const;
      stepInside(same[0], same[1]);
      expect(outputs(same[0].world)).toBe(alone);
      expect(outputs(same[1].world)).toBe(outputs(run(scenario, { seed: 2, ticks: TICKS }).world));
    }
    const mixed = [start(scenario, 1), start(other, 3)] as const;
    stepInside(mixed[0], mixed[1]);
    expect(outputs(mixed[0].world)).toBe(alone);
    expect(outputs(mixed[1].world)).toBe(outputs(run(other, { seed: 3, ticks: TICKS }).world));
  });
});
