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

/** A world at tick 0 (observed) with its streams; `capacity`: ticks its series can record. */
function start(scenario: Scenario, seed: number, capacity = TICKS) {
  const streams = createStreams(seed);
  const world = createWorld(scenario, streams.init, capacity);
  observe(world, scenario, streams.observe);
  return { scenario, seed, streams, world };
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

// The most hostile interleaving one thread allows: in each tick of world a, three of its streams
// (others each tick) step world b by a whole tick from inside their draws, at depths from the
// 2nd to the 4,181st draw of the tick, so b's processes run while a's process is half done with
// whatever it keeps between its draws. Per-run state shared through a module (scratch sized or
// filled for one world, then read by the other) shows in the outputs wherever the two worlds'
// contents differ; state owned by each world does not.
const TAPPED = STREAM_NAMES.filter((name) => name !== 'init');
const DEPTHS = [2, 5, 13, 34, 89, 233, 610, 1597, 4181];

/** Calls `onDraw(k)` just before the stream's k-th draw since `count` was last set to 0. */
function tap(stream: Stream) {
  const inner = stream as unknown as { next: () => number };
  const draw = inner.next.bind(stream);
  const state = { count: 0, onDraw: null as ((k: number) => void) | null };
  inner.next = () => {
    if (state.onDraw) state.onDraw(++state.count);
    return draw();
  };
  return state;
}

type Started = ReturnType<typeof start>;

/** Steps a TICKS ticks, and b from inside a's draws (at least once per tick of a). */
function stepInside(a: Started, b: Started): void {
  const taps = TAPPED.map((name) => tap(a.streams[name]));
  const P = TAPPED.length;
  for (let t = 0; t < TICKS; t++) {
    let steps = 0;
    const chosen = [t % P, (t + 5) % P, (t + 10) % P].map((k, j) => ({ tap: taps[k], depth: DEPTHS[(t + 3 * j) % DEPTHS.length] }));
    for (const { tap, depth } of chosen) {
      tap.count = 0;
      tap.onDraw = (k) => {
        if (k !== depth) return;
        steps++;
        tick(b.world, b.scenario, b.streams);
      };
    }
    tick(a.world, a.scenario, a.streams);
    for (const { tap } of chosen) tap.onDraw = null;
    if (steps === 0) tick(b.world, b.scenario, b.streams); // the streams drew too few numbers
  }
}

describe('a world stepped from inside the draws of another', () => {
  // Worlds of 100,000 firms are only ever world a (as world b they would take minutes), paired
  // with the next small scenario and not with themselves.
  const big = (scenario: Scenario) => (scenario.firms.generate?.count ?? 0) > 10_000;
  const names = bundledNames();
  const small = new Set(names.filter((name) => !big(loadScenario(name).scenario)));
  const partner = (i: number) => [...names.slice(i + 1), ...names].find((name) => small.has(name))!;
  it.each(names.map((name, i) => [name, partner(i)]))('%s (seed 1) with %s (seed 3), and with itself (seed 2) unless large', (first, second) => {
    const scenario = loadScenario(first).scenario;
    const other = loadScenario(second).scenario;
    const alone = outputs(run(scenario, { seed: 1, ticks: TICKS }).world);
    const pairs: [Started, Started][] = [[start(scenario, 1), start(other, 3, 4 * TICKS)]];
    if (!big(scenario)) pairs.push([start(scenario, 1), start(scenario, 2, 4 * TICKS)]);
    for (const [a, b] of pairs) {
      stepInside(a, b);
      expect(outputs(a.world)).toBe(alone);
      expect(outputs(b.world)).toBe(outputs(run(b.scenario, { seed: b.seed, ticks: b.world.tick }).world));
    }
  });
});
