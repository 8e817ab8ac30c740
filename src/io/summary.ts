// summary.json: final values, stage sequences and the manifest that identifies the run. Everything
// but `timing` is a function of (scenario, seed, ticks), so two runs of the same inputs give the
// same file once `timing` is removed (a test checks this).
import type { RunResult } from '../engine/run.ts';
import { rowOf, STAGES, type Stage } from '../engine/series.ts';
import type { World } from '../engine/world.ts';
import { jsonNumber } from './format.ts';
import { leverTotals } from './policy.ts';

/** What identifies a run: enough to reproduce it from the scenario file. */
export interface Manifest {
  engine: 'clusterlab';
  version: string;
  scenario: string;
  /** The scenario as the user named it (file path or bundled name). */
  file: string;
  hash: string;
  seed: number;
  ticks: number;
  ticksPerYear: number;
  variant: string | null;
  /** The immer patches the variant applied to the base scenario. */
  patches: unknown[];
}

/** What the caller knows about the run beyond its result. */
export type ManifestInput = Pick<Manifest, 'version' | 'scenario' | 'file' | 'hash' | 'variant' | 'patches'>;

/** The only part of the summary that differs between two runs of the same inputs. */
export interface Timing {
  wallTimeMs: number;
  ticksPerSecond: number;
}

export interface StageChange {
  tick: number;
  year: number;
  stage: Stage;
}

/** Metric name → value (null where the value is not a finite number). */
export type MetricValues = Record<string, number | null>;

export interface Summary {
  /** The whole system (`all`) at the last recorded tick. */
  final: MetricValues;
  finalByRegion: Record<string, MetricValues>;
  /** Stage at tick 0 and every change after it, for `all` and for each region. */
  stages: Record<string, StageChange[]>;
  /** Only when the scenario has levers: each lever's total spend over the run (money). */
  levers?: { lever: string; kind: string; spend: number | null }[];
  manifest: Manifest;
  timing: Timing;
}

function valuesAt(world: World, tick: number, region: number): MetricValues {
  const { series } = world;
  const row = rowOf(series, tick, region);
  const out: MetricValues = {};
  series.metrics.forEach((name, m) => {
    out[name] = jsonNumber(series.values[m][row]);
  });
  return out;
}

function stageChanges(world: World, region: number): StageChange[] {
  const { series, ticksPerYear } = world;
  const changes: StageChange[] = [];
  let previous = -1;
  for (let t = 0; t < series.recorded; t++) {
    const s = series.stage[rowOf(series, t, region)];
    if (s === previous) continue;
    changes.push({ tick: t, year: jsonNumber(t / ticksPerYear) ?? 0, stage: STAGES[s] });
    previous = s;
  }
  return changes;
}

/** Wall time rounded to 0.1 ms, and the throughput it implies. */
export function timingOf(wallTimeMs: number, ticks: number): Timing {
  const ms = Math.round(wallTimeMs * 10) / 10;
  return { wallTimeMs: ms, ticksPerSecond: ms > 0 ? Math.round((ticks * 1000) / ms) : 0 };
}

export function buildSummary(result: RunResult, manifest: ManifestInput, timing: Timing): Summary {
  const { world } = result;
  const { series } = world;
  const names = world.regions.names;
  const R = series.regions;
  const last = series.recorded - 1;
  const finalByRegion: Record<string, MetricValues> = {};
  const stages: Record<string, StageChange[]> = { all: stageChanges(world, R) };
  names.forEach((name, r) => {
    finalByRegion[name] = valuesAt(world, last, r);
    stages[name] = stageChanges(world, r);
  });
  const levers = world.policy.levers.length > 0
    ? { levers: leverTotals(world).map((l) => ({ ...l, spend: jsonNumber(l.spend) })) }
    : {};
  return {
    final: valuesAt(world, last, R),
    finalByRegion,
    stages,
    ...levers,
    manifest: {
      engine: 'clusterlab',
      version: manifest.version,
      scenario: manifest.scenario,
      file: manifest.file,
      hash: manifest.hash,
      seed: result.seed,
      ticks: result.ticks,
      ticksPerYear: world.ticksPerYear,
      variant: manifest.variant,
      patches: manifest.patches,
    },
    timing,
  };
}

export function summaryJson(summary: Summary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}
