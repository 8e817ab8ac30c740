// Measuring runs: in-loop throughput through the one run() loop (timed between its per-tick
// callbacks, so world creation is outside the timing), per-process time (the processes of
// tick.ts called in the same order, each timed), and the memory of the firm columns.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { FIRM_COLUMNS, type Firms } from '../src/engine/firms.ts';
import { createStreams, type Stream, type Streams } from '../src/engine/rng.ts';
import { run } from '../src/engine/run.ts';
import { createWorld, type World } from '../src/engine/world.ts';
import { entry } from '../src/engine/processes/entry.ts';
import { exit } from '../src/engine/processes/exit.ts';
import { growth } from '../src/engine/processes/growth.ts';
import { innovation } from '../src/engine/processes/innovation.ts';
import { upgrading } from '../src/engine/processes/upgrading.ts';
import { learning } from '../src/engine/processes/learning.ts';
import { policy } from '../src/engine/processes/policy.ts';
import { agglomeration } from '../src/engine/processes/agglomeration.ts';
import { market } from '../src/engine/processes/market.ts';
import { observe } from '../src/engine/processes/observe.ts';
import { spinoffs } from '../src/engine/processes/spinoffs.ts';
import { networking } from '../src/engine/processes/networking.ts';
import { supply } from '../src/engine/processes/supply.ts';
import { migration } from '../src/engine/processes/migration.ts';
import { relocation } from '../src/engine/processes/relocation.ts';
import { loadScenario, withOverrides } from '../src/scenarios/load.ts';
import type { Scenario } from '../src/scenarios/schema.ts';

setFlagsFromString('--expose-gc');
/** A full garbage collection (exposed at run time, so `npm run bench` needs no node flags). */
export const gc = runInNewContext('gc') as () => void;

export interface RunMeasure {
  /** Σ over the timed ticks of the firms alive at the start of the tick. */
  firmTicks: number;
  /** Ticks timed. */
  ticks: number;
  seconds: number;
  /** firmTicks / seconds. */
  rate: number;
  /** Nanoseconds per firm-tick. */
  nsPerFirmTick: number;
  /** Firms alive at the end. */
  firms: number;
  /** Largest firm capacity reached, and the bytes of all firm columns at that capacity. */
  peakCapacity: number;
  firmBytes: number;
  /** process.memoryUsage() at the end of the run minus before it (bytes; no GC in between). */
  memory: { rss: number; heapUsed: number; arrayBuffers: number };
  /** The same after a full GC with the world still referenced (what the world keeps). */
  retained: { rss: number; heapUsed: number; arrayBuffers: number };
}

/** Bytes of every firm column (typed arrays) at the current capacity; idle columns' shared array once. */
export function firmColumnBytes(firms: Firms): number {
  let bytes = 0;
  const seen = new Set<ArrayBufferLike>(); // idle mechanism columns share one array: counted once
  for (const name of FIRM_COLUMNS) {
    if (seen.has(firms[name].buffer)) continue;
    seen.add(firms[name].buffer);
    bytes += firms[name].byteLength;
  }
  return bytes;
}

function memoryDelta(now: NodeJS.MemoryUsage, before: NodeJS.MemoryUsage) {
  return { rss: now.rss - before.rss, heapUsed: now.heapUsed - before.heapUsed, arrayBuffers: now.arrayBuffers - before.arrayBuffers };
}

/**
 * Runs `ticks` + 1 ticks through run() and times ticks 2 … ticks + 1 (run() has no hook before
 * the first tick): from the callback after tick 1 to the callback after the last.
 */
export function measureRun(scenario: Scenario, seed: number, ticks: number, collect = true): RunMeasure {
  // A full collection before and after gives the memory figures; it also throws away compiled
  // code, which a short run then pays for again: `collect = false` for the speed of small runs.
  if (collect) gc();
  const before = process.memoryUsage();
  let firmTicks = 0;
  let start = 0;
  let end = 0;
  let peakCapacity = 0;
  let firmBytes = 0;
  let atEnd = before;
  const { world } = run(scenario, {
    seed,
    ticks: ticks + 1,
    onTick: (w) => {
      const now = performance.now();
      if (w.tick === 1) start = now;
      if (w.tick <= ticks) firmTicks += w.firms.count; // the firms that start tick w.tick + 1
      if (w.firms.capacity > peakCapacity) {
        peakCapacity = w.firms.capacity;
        firmBytes = firmColumnBytes(w.firms);
      }
      if (w.tick === ticks + 1) {
        end = now;
        atEnd = process.memoryUsage();
      }
    },
  });
  if (collect) gc();
  const retained = memoryDelta(process.memoryUsage(), before);
  const seconds = (end - start) / 1000;
  return {
    firmTicks, ticks, seconds, rate: firmTicks / seconds, nsPerFirmTick: (seconds * 1e9) / firmTicks,
    firms: world.firms.count, peakCapacity, firmBytes, memory: memoryDelta(atEnd, before), retained,
  };
}

/** `repeats` runs (seeds 1…repeats) of `ticks` ticks, printed on one line: rates, median, ns per firm-tick. */
export function repeatRuns(label: string, scenario: Scenario, ticks: number, repeats: number): { runs: RunMeasure[]; rate: number; ns: number } {
  const runs: RunMeasure[] = [];
  for (let k = 0; k < repeats; k++) runs.push(measureRun(scenario, k + 1, ticks));
  const rate = median(runs.map((r) => r.rate));
  const ns = median(runs.map((r) => r.nsPerFirmTick));
  const M = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;
  console.log(
    `  ${label.padEnd(34)} ${runs.map((r) => M(r.rate)).join('  ').padEnd(34)} median ${M(rate).padStart(10)}` +
      `  ${ns.toFixed(0).padStart(5)} ns/firm-tick  (firm-ticks ${(runs[0].firmTicks / 1e6).toFixed(2)} M, ${runs[0].seconds.toFixed(2)} s)`,
  );
  return { runs, rate, ns };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

type Process = (world: World, params: Scenario, rng: Stream) => void;

/** The processes of tick.ts, in its order, with the stream each one gets. */
const PROCESSES: [string, Process, keyof Streams][] = [
  ['policy', policy, 'policy'], ['agglomeration', agglomeration, 'agglomeration'], ['market', market, 'market'], ['learning', learning, 'learning'], ['innovation', innovation, 'innovation'],
  ['upgrading', upgrading, 'upgrading'], ['growth', growth, 'growth'], ['spinoffs', spinoffs, 'spinoffs'], ['entry', entry, 'entry'],
  ['exit', exit, 'exit'], ['networking', networking, 'networking'], ['supply', supply, 'supply'],
  ['migration', migration, 'migration'], ['relocation', relocation, 'relocation'], ['observe', observe, 'observe'],
];

/**
 * Seconds spent in each process over `ticks` ticks, with the processes called exactly as tick.ts
 * calls them (checked by the caller against run(): same final firm count and employment).
 */
export function processTimes(scenario: Scenario, seed: number, ticks: number): { seconds: Record<string, number>; world: World } {
  const streams = createStreams(seed);
  const world = createWorld(scenario, streams.init, ticks);
  observe(world, scenario, streams.observe);
  const seconds: Record<string, number> = Object.fromEntries(PROCESSES.map(([name]) => [name, 0]));
  for (let t = 0; t < ticks; t++) {
    world.tick += 1;
    for (const [name, process, stream] of PROCESSES) {
      const t0 = performance.now();
      process(world, scenario, streams[stream]);
      seconds[name] += (performance.now() - t0) / 1000;
    }
  }
  return { seconds, world };
}

/** The bundled `scale` scenario with n firms: demand, labour pools and entry rates × n / 100,000. */
export function scaleScenario(n: number, set: Record<string, unknown> = {}): Scenario {
  const loaded = loadScenario('scale');
  const s = loaded.scenario;
  const f = n / (s.firms.generate?.count ?? n);
  const times = (x: number | undefined) => (x === undefined ? undefined : x * f);
  return withOverrides(loaded, {
    'firms.generate.count': n,
    'segments.demand.base': s.segments.demand.base * f,
    'segments.demand.peak': s.segments.demand.peak * f,
    'segments.perSegment': s.segments.perSegment.map((p) => JSON.parse(JSON.stringify({ ...p, base: times(p.base), peak: times(p.peak) }))),
    'regions': s.regions.map((r) => ({ ...r, labourPool: r.labourPool * f })),
    'mechanisms.entry.rate': s.mechanisms.entry.rate * f,
    'mechanisms.entry.branches.rate': s.mechanisms.entry.branches.rate * f,
    ...set,
  }).scenario;
}
