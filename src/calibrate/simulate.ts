// Simulating parameter points for a calibration: each point × the calibration's seeds as jobs on
// the worker pool, each run reduced at once to its per-target values (src/analysis/check.ts
// `targetValue`), and every (point, seed) appended to a simulation log the moment it arrives.
// The log makes a calibration resumable after kill -9 (the sampler is replayed, and points already
// simulated are read back instead of run) and shardable: shard k/N of a calibration runs the jobs
// whose index in each round is k − 1 mod N, writes its own log, and waits at the end of the round
// until the other shards' logs (in the same folder) hold the rest.
import { appendFileSync, existsSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { targetValue } from '../analysis/check.ts';
import { writeFileAtomic } from '../io/write.ts';
import { BatchError } from '../batch/errors.ts';
import { inShard, type SeedRange, type Shard } from '../batch/jobs.ts';
import type { PoolSetup } from '../batch/run.ts';
import { ScenarioError } from '../scenarios/errors.ts';
import { withValues, type LoadedScenario } from '../scenarios/load.ts';
import type { Target } from '../scenarios/targets.ts';
import { runPool } from '../workers/pool.ts';
import type { Job } from '../workers/protocol.ts';
import { targetStatistics } from './distance.ts';
import type { Prior } from './priors.ts';

const LOG_PREFIX = 'simulations';

/** The log's key of a point: its values at full precision. */
export function pointKey(values: readonly number[]): string {
  return values.map((v) => String(v + 0)).join(' ');
}

/** The scenario with a point's values set (ScenarioError names a bad path or value). */
export function scenarioAt(base: LoadedScenario, priors: readonly Prior[], values: readonly number[]): LoadedScenario {
  return withValues(base, priors.map((p) => p.path), values);
}

/**
 * Checks that both ends of a prior are values the scenario accepts at its path, so that no draw
 * fails validation halfway through a calibration. The error names `file` (the targets file, or
 * the --prior option) and `path` in it.
 */
export function checkPrior(base: LoadedScenario, p: Prior, file: string, path: string, line?: number): void {
  for (const end of [p.lo, p.hi]) {
    try {
      scenarioAt(base, [p], [end]);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      const why = err.problems.map((q) => `the scenario expects ${q.expected} at ${q.path}, found ${q.found}`).join('; ');
      throw new ScenarioError(file, [{ path, expected: `a range of valid values for ${p.path}`, found: `${end === p.lo ? 'lo' : 'hi'} ${end} (${why})`, ...(line ? { line } : {}) }]);
    }
  }
}

/**
 * Cuts a log back to its last whole line (kill -9 may stop an append midway; the next append
 * would run on from the cut and make one wrong line of two). False when not even the header is whole.
 */
function dropCutLine(file: string): boolean {
  const bytes = readFileSync(file);
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end < bytes.length) truncateSync(file, end);
  return end > 0;
}

/** The per-seed target values of simulated points, on disk and in memory. */
export class SimulationLog {
  private readonly values = new Map<string, Float64Array>();
  private readonly file: string;
  /** Whether this process's log file exists (has its header): checked once, not per run. */
  private started: boolean;

  constructor(private readonly dir: string, private readonly targets: number, shard: Shard | null) {
    this.file = join(dir, shard ? `${LOG_PREFIX}-${shard.k}of${shard.n}.csv` : `${LOG_PREFIX}.csv`);
    this.started = existsSync(this.file);
    if (this.started) this.started = dropCutLine(this.file);
    this.refresh();
  }

  /** Reads every simulation log in the folder (this process's and other shards'). */
  refresh(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir).sort()) {
      if (!name.startsWith(LOG_PREFIX) || !name.endsWith('.csv')) continue;
      const text = readFileSync(join(this.dir, name), 'utf8');
      // Only whole lines count: a line cut by kill -9 has no newline yet.
      const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n');
      for (const line of lines.slice(1)) {
        const fields = line.split(',');
        if (fields.length !== 2 + this.targets) continue;
        this.values.set(`${fields[0]}#${fields[1]}`, Float64Array.from(fields.slice(2), Number));
      }
    }
  }

  get(key: string, seed: number): Float64Array | undefined {
    return this.values.get(`${key}#${seed}`);
  }

  add(key: string, seed: number, values: Float64Array, header: readonly string[]): void {
    if (!this.started) appendFileSync(this.file, ['point', 'seed', ...header].join(',') + '\n');
    this.started = true;
    appendFileSync(this.file, `${key},${seed},${Array.from(values, (v) => String(v)).join(',')}\n`);
    this.values.set(`${key}#${seed}`, values);
  }

  /**
   * Rewrites this process's log in a fixed order (point, then seed), so that a finished
   * calibration's folder is the same bytes whatever order the runs arrived in.
   */
  canonicalise(header: readonly string[]): void {
    const lines = [...this.values.entries()].map(([k, v]) => {
      const cut = k.lastIndexOf('#');
      return { point: k.slice(0, cut), seed: Number(k.slice(cut + 1)), v };
    });
    lines.sort((a, b) => (a.point < b.point ? -1 : a.point > b.point ? 1 : a.seed - b.seed));
    writeFileAtomic(this.file, [['point', 'seed', ...header].join(','), ...lines.map((l) => `${l.point},${l.seed},${Array.from(l.v, (x) => String(x)).join(',')}`)].join('\n') + '\n');
  }

  get size(): number {
    return this.values.size;
  }
}

export class Interrupted extends Error {}

/** Runs done in this call, and the call's total. */
export type Progress = (done: number, total: number) => void;

export interface SimulatorOptions {
  base: LoadedScenario;
  priors: readonly Prior[];
  targets: readonly Target[];
  targetNames: readonly string[];
  seeds: SeedRange;
  ticks: number;
  pool: PoolSetup;
  log: SimulationLog;
  shard: Shard | null;
  signal?: AbortSignal;
  /** Sharded: how long to wait for the other shards' runs of a round (ms), and how often to look. */
  waitMs?: number;
  pollMs?: number;
}

export interface Simulator {
  /** Per point, the per-seed target values: perSeed[s·T + j]. */
  simulate(points: number[][], progress?: Progress): Promise<Float64Array[]>;
  /** Per point, the target statistics over the seeds. */
  statistics(points: number[][], progress?: Progress): Promise<Float64Array[]>;
  /** Runs this process has simulated (not read back from the log). */
  readonly runs: number;
}

export function createSimulator(o: SimulatorOptions): Simulator {
  const T = o.targets.length;
  const S = o.seeds.count;
  const metrics = [...new Set(o.targets.flatMap((t) => (t.metric ? [t.metric] : [])))];
  let runs = 0;

  const collect = (keys: string[]): Float64Array[] | null => {
    const out: Float64Array[] = [];
    for (const key of keys) {
      const perSeed = new Float64Array(S * T);
      for (let s = 0; s < S; s++) {
        const v = o.log.get(key, o.seeds.start + s);
        if (!v) return null;
        perSeed.set(v, s * T);
      }
      out.push(perSeed);
    }
    return out;
  };

  const simulate = async (points: number[][], progress?: Progress): Promise<Float64Array[]> => {
    const keys = points.map(pointKey);
    const jobs: Job[] = [];
    const seen = new Set<string>();
    points.forEach((values, i) => {
      if (seen.has(keys[i])) return;
      seen.add(keys[i]);
      let scenario: LoadedScenario | null = null;
      for (let s = 0; s < S; s++) {
        const seed = o.seeds.start + s;
        const index = i * S + s;
        if (o.log.get(keys[i], seed) || !inShard(index, o.shard)) continue;
        scenario ??= scenarioAt(o.base, o.priors, values);
        jobs.push({ index, variant: null, point: i, seed, ticks: o.ticks, scenario: scenario.scenario, metrics });
      }
    });
    if (jobs.length > 0) {
      let done = 0;
      const record = (job: Job, values: Float64Array) => {
        o.log.add(keys[job.point!], job.seed, values, o.targetNames);
        runs++;
        progress?.(++done, jobs.length);
      };
      const pool = runPool(jobs, o.pool, {
        onResult: (result, job) => record(job, Float64Array.from(o.targets, (t) => targetValue(t, result))),
        // A run that fails (twice) counts as producing nothing: NaN puts the point at distance ∞.
        onFailure: (job) => record(job, new Float64Array(T).fill(NaN)),
      });
      const onAbort = () => void pool.cancel();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await pool.done;
      } finally {
        o.signal?.removeEventListener('abort', onAbort);
      }
      if (o.signal?.aborted) throw new Interrupted();
    }
    let found = collect(keys);
    const waitUntil = Date.now() + (o.waitMs ?? 3_600_000);
    while (!found && o.shard) {
      if (Date.now() > waitUntil) throw new BatchError(`shard ${o.shard.k}/${o.shard.n}: the other shards' runs of this round did not appear in time; start the missing shards (or rerun without --shard) with --resume`);
      await new Promise((r) => setTimeout(r, o.pollMs ?? 2000));
      if (o.signal?.aborted) throw new Interrupted();
      o.log.refresh();
      found = collect(keys);
    }
    if (!found) throw new Error('calibrate: a simulated point is missing from the log');
    return found;
  };

  return {
    simulate,
    async statistics(points, progress) {
      return (await simulate(points, progress)).map((perSeed) => targetStatistics(o.targets, perSeed, S));
    },
    get runs() { return runs; },
  };
}
