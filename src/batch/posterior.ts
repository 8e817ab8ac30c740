// `compare --posterior`: K parameter draws from a calibration's posterior, each running the
// baseline and every variant on the same N seeds. The job list (see jobs.ts):
//   unit = draw·V + variant (V variants, base included, in the order given)
//   index = unit·N + seedIdx
// A draw's values are set on the base scenario first and the variant applied on top, so a lever
// that sets a calibrated parameter keeps its own value. The manifest records the posterior
// file's hash, the draw key and every draw (particle and values): with the scenario hash that
// is the batch's identity for --resume, shards and merge.
// compare.csv keeps its columns, pooled over the draws, and gains the parameter-uncertainty ones
// instead of a second file: whatever reads compare.csv (the report, --json, the terminal table, R
// scripts that filter region = all) reads a posterior compare unchanged, and an effect and its
// uncertainty stay on one row.
import { join } from 'node:path';
import { posteriorEffect } from '../analysis/posterior-effect.ts';
import { drawPosterior, PosteriorError, readPosterior, type Posterior } from '../analysis/posterior.ts';
import { effectPerSpend, spendDiff } from '../analysis/compare.ts';
import { OUTCOME_NAMES } from '../analysis/outcomes.ts';
import { METRICS } from '../engine/metrics.ts';
import { csvField, formatInt, formatNumber } from '../io/format.ts';
import { writeFileAtomic } from '../io/write.ts';
import { loadScenario, withVariantOn, type LoadedScenario } from '../scenarios/load.ts';
import { BatchError } from './errors.ts';
import { BASE, buildJobs, scenarioAtPoint, variantUnits, type Unit } from './jobs.ts';
import { baselineIndex, keepIn, manifestOf, type BatchManifest, type CommonSpec, type Plan } from './plan.ts';
import { variedOf } from './varied.ts';
import { unitOutcomes, type CompareRow } from './compare-file.ts';
import type { RunRecord } from './store.ts';

export const DRAWS_CSV = 'draws.csv';

export interface PosteriorSpec {
  /** The file as given (not part of the batch's identity; its hash is). */
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
  /** The generation the particles come from. */
  generation: number;
  params: string[];
  /** Seeds the draws (`new Stream(seedKey, 'posterior-draws')`). */
  seedKey: string;
  /** The K draws, in job order. */
  draws: { particle: number; values: number[] }[];
}

/** compare.csv's columns with a posterior: the plain ones, then the parameter-uncertainty ones. */
export const POSTERIOR_COMPARE_EXTRA = ['draws', 'seeds', 'sd_parameters', 'sd_chance', 'share_parameters', 'same_sign'] as const;

export interface PosteriorCompareRow extends CompareRow {
  draws: number;
  seeds: number;
  sd_parameters: number;
  sd_chance: number;
  share_parameters: number;
  same_sign: number;
}

/** The draws as scenarios: the values set on the base (a bad path or value names the posterior row). */
function drawScenario(base: LoadedScenario, posterior: Posterior, index: number): LoadedScenario {
  return scenarioAtPoint(base, posterior.params, posterior.particles[index], posterior.file, `line ${posterior.lines[index]} (particle ${posterior.ids[index]})`);
}

export interface PosteriorPlanSpec extends CommonSpec {
  variants: string[];
  baseline: string;
  posterior: string;
  draws: number;
  /** Seeds the draws; default `posterior/<scenario name>`. */
  seedKey?: string;
}

/** compare with a posterior: draws × variants × seeds. */
export function posteriorPlan(spec: PosteriorPlanSpec): Plan {
  let posterior: Posterior;
  try {
    posterior = readPosterior(spec.posterior);
  } catch (err) {
    if (err instanceof PosteriorError) throw new BatchError(err.message);
    throw err;
  }
  const base = loadScenario(spec.ref);
  const seedKey = spec.seedKey ?? `posterior/${base.name}`;
  const draws = drawPosterior(posterior, spec.draws, seedKey);
  const plain = variantUnits(spec.ref, spec.variants);
  // Each drawn particle checked once, even when drawn several times.
  const scenarios = new Map<number, LoadedScenario>();
  const units: Unit[] = [];
  draws.forEach((draw, d) => {
    if (!scenarios.has(draw.index)) scenarios.set(draw.index, drawScenario(base, posterior, draw.index));
    const calibrated = scenarios.get(draw.index)!;
    for (const name of spec.variants) {
      const loaded = name === BASE ? calibrated : withVariantOn(calibrated, name);
      units.push({ label: `${name} @ draw ${d}`, variant: name === BASE ? null : name, point: d, loaded });
    }
  });
  const ticks = spec.ticks ?? base.scenario.ticks;
  const metrics = spec.metrics ?? METRICS.map((m) => m.name);
  const variants = plain.map((u) => ({
    name: u.label,
    description: u.variant === null ? '' : base.scenario.variants[u.variant]?.description ?? '',
    patches: u.loaded.patches as unknown[],
  }));
  const manifest: BatchManifest = {
    ...manifestOf('compare', base, spec, units, ticks, { variants, baseline: spec.baseline, sweep: null }),
    posterior: {
      file: spec.posterior,
      hash: posterior.hash,
      generation: posterior.generation,
      params: posterior.params,
      seedKey,
      draws: draws.map((d) => ({ particle: d.particle, values: d.values })),
    },
    varied: variedOf(units),
  };
  return { manifest, units, jobs: keepIn(buildJobs(units, spec.seeds, ticks, metrics), spec.keep), design: null };
}

/** The job index of (draw, variant, seed) in a posterior compare. */
function jobIndex(manifest: BatchManifest, draw: number, variant: number, seed: number): number {
  return (draw * manifest.variants.length + variant) * manifest.seeds.count + seed;
}

/**
 * Every variant against the baseline, for `all` and each region: the pairs are the seeds that
 * completed for both in every draw (a seed lost in one draw is left out of all, so that draws and
 * seeds stay crossed). Each run's outcomes are read once into numbers (compare-file.ts).
 */
export function posteriorCompareRows(manifest: BatchManifest, completed: number[], recordOf: (index: number) => RunRecord): PosteriorCompareRow[] {
  const spec = manifest.posterior!;
  const K = spec.draws.length;
  const N = manifest.seeds.count;
  const baseline = manifest.baseline!;
  const b = baselineIndex(manifest);
  const done = new Set(completed);
  const rows: PosteriorCompareRow[] = [];
  manifest.variants.forEach((variant, u) => {
    if (u === b) return;
    const seeds: number[] = [];
    for (let s = 0; s < N; s++) {
      let all = true;
      for (let k = 0; k < K && all; k++) all = done.has(jobIndex(manifest, k, b, s)) && done.has(jobIndex(manifest, k, u, s));
      if (all) seeds.push(s);
    }
    const baseDraws = Array.from({ length: K }, (_, k) => unitOutcomes(seeds.map((s) => jobIndex(manifest, k, b, s)), recordOf));
    const variDraws = Array.from({ length: K }, (_, k) => unitOutcomes(seeds.map((s) => jobIndex(manifest, k, u, s)), recordOf));
    const regions = K ? baseDraws[0].regions : ['all'];
    regions.forEach((region, r) => {
      const base = baseDraws.map((draw) => draw.slot(r));
      const vari = variDraws.map((draw) => draw.slot(r));
      // Over all draws and seeds, draw by draw.
      const spend = spendDiff(base.flatMap((d) => [...d.spend]), vari.flatMap((d) => [...d.spend]));
      OUTCOME_NAMES.forEach((outcome, o) => {
        const e = posteriorEffect(base.map((d) => d.values[o]), vari.map((d) => d.values[o]), {
          seedKey: `compare-posterior/${baseline}/${variant.name}/${region}/${outcome}`,
        });
        rows.push({
          variant: variant.name,
          baseline,
          region,
          outcome,
          n: e.n,
          baseline_mean: e.baselineMean,
          variant_mean: e.variantMean,
          mean_diff: e.meanDiff,
          ci_low: e.ciLow,
          ci_high: e.ciHigh,
          p_better: e.pBetter,
          spend,
          effect_per_spend: effectPerSpend(e.meanDiff, spend),
          draws: e.draws,
          seeds: e.seeds,
          sd_parameters: e.sdParameters,
          sd_chance: e.sdChance,
          share_parameters: e.shareParameters,
          same_sign: e.sameSign,
        });
      });
    });
  });
  return rows;
}

/** draws.csv: draw, particle, then the parameter values (as the manifest records them). */
export function writeDraws(dir: string, manifest: BatchManifest): string {
  const spec = manifest.posterior!;
  const file = join(dir, DRAWS_CSV);
  const lines = [['draw', 'particle', ...spec.params].map(csvField).join(',')];
  spec.draws.forEach((d, k) => lines.push([formatInt(k), formatInt(d.particle), ...d.values.map(formatNumber)].join(',')));
  writeFileAtomic(file, lines.join('\n') + '\n');
  return file;
}

export { drawOf } from './draw.ts';
