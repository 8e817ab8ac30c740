// The one run loop: used by the CLI, the batch workers and the browser alike.
import type { Scenario } from '../scenarios/schema.ts';
import { createStreams } from './rng.ts';
import { tick } from './tick.ts';
import { createWorld, type World } from './world.ts';
import { observe } from './processes/observe.ts';
import { createTieLog, recordTies, tieSnapshotTicks, type TieLog } from './tie-log.ts';

export interface RunOptions {
  /** Seed of the run (the scenario's `seed` when omitted). */
  seed?: number;
  /** Number of ticks (the scenario's `ticks` when omitted). */
  ticks?: number;
  /** Called after every tick, e.g. for progress. */
  onTick?: (world: World) => void;
}

export interface RunResult {
  seed: number;
  ticks: number;
  /** The world after the last tick: series, event log, ledger and surviving firms. */
  world: World;
  /** Snapshots of the ties for ties.csv, or null when `output.ties` asks for none. */
  ties: TieLog | null;
}

export function run(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const ticks = options.ticks ?? scenario.ticks;
  const streams = createStreams(seed);
  const world = createWorld(scenario, streams.init, ticks);
  observe(world, scenario, streams.observe); // tick 0: the initial state
  const due = tieSnapshotTicks(scenario.output.ties, ticks);
  const ties = due ? createTieLog() : null;
  if (ties && due![0]) recordTies(ties, world);
  for (let t = 0; t < ticks; t++) {
    tick(world, scenario, streams);
    if (ties && due![world.tick]) recordTies(ties, world);
    options.onTick?.(world);
  }
  return { seed, ticks, world, ties };
}
