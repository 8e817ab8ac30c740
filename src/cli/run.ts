// `clusterlab run`: load a scenario, run it once, write the output files (four, and ties.csv when
// the scenario asks for it), report.
import { performance } from 'node:perf_hooks';
import { basename, join } from 'node:path';
import { run } from '../engine/run.ts';
import { buildSummary, summaryJson, timingOf, type Summary } from '../io/summary.ts';
import { pathSafe, writeRunFiles } from '../io/write.ts';
import { ScenarioError } from '../scenarios/errors.ts';
import { loadScenario } from '../scenarios/load.ts';
import { memoryProblem, timeNote } from '../scenarios/resources.ts';
import type { CliIo } from './io.ts';
import { variantWarning } from './validate.ts';
import { packageVersion } from './version.ts';

export interface RunCommandOptions {
  seed?: number;
  ticks?: number;
  variant?: string;
  out?: string;
  json?: boolean;
  /** Start even when the run is estimated not to fit in memory. */
  force?: boolean;
}

/** The default output directory: out/<name>[-<variant>]-seed<N>, relative to the working directory. */
export function defaultOutDir(name: string, variant: string | null, seed: number): string {
  const label = variant ? `${name}-${variant}` : name;
  return join('out', `${pathSafe(label)}-seed${seed}`);
}

/** Consecutive repeats removed: formation → growth → maturity. */
export function stageSequence(summary: Summary): string {
  const stages = summary.stages.all.map((c) => c.stage);
  return stages.filter((s, i) => i === 0 || s !== stages[i - 1]).join(' → ');
}

function humanSummary(summary: Summary, dir: string, files: readonly string[]): string {
  const { manifest: m, final, timing } = summary;
  const years = m.ticks / m.ticksPerYear;
  const variant = m.variant ? `, variant ${m.variant}` : '';
  const value = (name: string) => (final[name] === undefined ? 'n/a' : String(final[name]));
  return [
    `${m.scenario}${variant}: seed ${m.seed}, ${m.ticks} ticks (${years} years)`,
    `  firms       ${value('firms')}`,
    `  employment  ${value('employment')}`,
    `  stages      ${stageSequence(summary)}`,
    `  outputs     ${dir} (${files.map((f) => basename(f)).join(', ')})`,
    `  wall time   ${(timing.wallTimeMs / 1000).toFixed(2)} s (${timing.ticksPerSecond} ticks/s)`,
    `  charts      clusterlab report ${dir}   (writes ${dir}/report.html)`,
    '',
  ].join('\n');
}

export function runCommand(ref: string, options: RunCommandOptions, io: CliIo): number {
  const loaded = loadScenario(ref, { variant: options.variant ?? null });
  const seed = options.seed ?? loaded.scenario.seed;
  const ticks = options.ticks ?? loaded.scenario.ticks;
  const tooBig = options.force ? null : memoryProblem(loaded.scenario, ticks, 1);
  if (tooBig) throw new ScenarioError(ref, [{ path: '', expected: 'a run that fits in this machine\'s memory', found: tooBig }]);
  const broken = variantWarning(ref);
  if (broken) io.stderr(broken);
  const long = timeNote(loaded.scenario, ticks, 1, 1);
  if (long && !options.json) io.stderr(`run: ${long}\n`);
  // The only clock in a run: it measures, it never feeds the simulation.
  const start = performance.now();
  const result = run(loaded.scenario, { seed, ticks });
  const timing = timingOf(performance.now() - start, result.ticks);
  const summary = buildSummary(
    result,
    {
      version: packageVersion(), scenario: loaded.name, file: ref, hash: loaded.hash,
      variant: loaded.variant, patches: loaded.patches,
    },
    timing,
  );
  const dir = options.out ?? defaultOutDir(loaded.name, loaded.variant, seed);
  const files = writeRunFiles(dir, result, summary);
  io.stdout(options.json ? summaryJson(summary) : humanSummary(summary, dir, files));
  return 0;
}
