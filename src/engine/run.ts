// The one run loop: used by the CLI, the batch workers and the browser alike.
import type { Scenario } from '../scenarios/schema.ts';
import { createStreams } from './rng.ts';
import { tick } from './tick.ts';
import { createWorld, type World } from './world.ts';
import { observe } from './processes/observe.ts';
import { createTieLog, recordTies, tieSnapshotTicks, type TieLog } from './tie-log.ts';

/** An error inside a tick, with the run and the tick it happened in. */
export class RunError extends Error {
  constructor(readonly scenario: string, readonly seed: number, readonly tick: number, cause: unknown) {
    super(`${cause instanceof Error ? cause.message : String(cause)} (scenario ${scenario}, seed ${seed}, tick ${tick})`, { cause });
    this.name = 'RunError';
  }
}

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

/**
 * A run stepped from outside (the viz app's live view): `step()` advances one tick, exactly as
 * run() does, and says whether the run has ticks left. run() is this loop driven to the end.
 */
export interface Simulation {
  seed: number;
  ticks: number;
  world: World;
  ties: TieLog | null;
  /** One tick (nothing once the run is over); true while ticks remain. */
  step(): boolean;
  /** True once all `ticks` are done. */
  readonly done: boolean;
}

export function startRun(scenario: Scenario, options: { seed?: number; ticks?: number } = {}): Simulation {
  const seed = options.seed ?? scenario.seed;
  const ticks = options.ticks ?? scenario.ticks;
  const streams = createStreams(seed);
  const world = createWorld(scenario, streams.init, ticks);
  observe(world, scenario, streams.observe); // tick 0: the initial state
  const due = tieSnapshotTicks(scenario.output.ties, ticks);
  const ties = due ? createTieLog() : null;
  if (ties && due![0]) recordTies(ties, world);
  return {
    seed, ticks, world, ties,
    step() {
      if (world.tick >= ticks) return false;
      try {
        tick(world, scenario, streams);
      } catch (error) {
        // A bug: say in which run and tick it happened (the message reaches the user as one line).
        throw new RunError(scenario.name, seed, world.tick, error);
      }
      if (ties && due![world.tick]) recordTies(ties, world);
      return world.tick < ticks;
    },
    get done() {
      return world.tick >= ticks;
    },
  };
}

export function run(scenario: Scenario, options: RunOptions = {}): RunResult {
  const sim = startRun(scenario, options);
  while (!sim.done) {
    sim.step();
    options.onTick?.(sim.world);
  }
  return { seed: sim.seed, ticks: sim.ticks, world: sim.world, ties: sim.ties };
}
