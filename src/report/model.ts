// What a report shows, as plain data: built from an output folder by the CLI (src/report/load.ts)
// or from runs made in the browser (viz/), and drawn by the same chart code (viz/src/charts/).
// Browser-safe: no Node imports. Arrays are per tick unless said otherwise.
import type { PairedComparison } from '../analysis/compare.ts';
import type { GenerationRow, PopulationRow } from '../calibrate/outputs.ts';
import type { MapWorld } from './snapshot.ts';

export type ReportKind = 'run' | 'batch' | 'compare' | 'sweep' | 'calibration';

/** One series band: the ensemble over seeds (p05/p95 absent for a single run). */
export interface Band {
  p50: number[];
  mean?: number[];
  p05?: number[];
  p95?: number[];
}

/** A variant (or the single run) with its series by region (`all` included) and metric. */
export interface VariantSeries {
  name: string;
  /** Number of runs (seeds) behind the bands. */
  runs: number;
  /** series[region][metric] */
  series: Record<string, Record<string, Band>>;
  /** Lifecycle stage per tick and region: the stage of the single run, or the most frequent over seeds. */
  stages: Record<string, string[]>;
  /** Firm-size histogram at the last tick summed over runs (log2 bins of employees; analysis/sizes.ts). */
  sizes: number[];
}

/** A row of compare.csv: a paired comparison (analysis/compare.ts) with its labels and spend. */
export interface CompareEntry extends PairedComparison {
  variant: string;
  baseline: string;
  outcome: string;
  spend: number;
  /** Mean difference / spend; NaN (null in JSON) when the variant spends what the baseline does. */
  effectPerSpend: number | null;
}

export interface MetricInfo {
  name: string;
  unit: string;
  description: string;
}

export interface ReportData {
  kind: ReportKind;
  /** Heading: e.g. "compare · default · 5 variants × 20 seeds". */
  title: string;
  scenario: { name: string; description: string };
  ticksPerYear: number;
  /** Ticks 0..T (the x axis; years = tick / ticksPerYear). */
  ticks: number[];
  /** Region names in scenario order, then `all`. */
  regions: string[];
  metrics: MetricInfo[];
  /** Metrics drawn by default, in order (the rest can be picked in the viz app). */
  mainMetrics: string[];
  variants: VariantSeries[];
  compare?: CompareEntry[];
  /**
   * Sweep rows (point, seed, parameter values, outcomes) for a table and the outcome-versus-
   * parameter plots; `params` are the swept parameters' columns; `pointsShown` when the time
   * series show only some of the points (more points than colours). Absent otherwise.
   */
  sweep?: { params: string[]; pointsShown?: { shown: number; total: number }; columns: string[]; rows: (number | string)[][] };
  /** sensitivity.csv of a Morris or Sobol' sweep (one row per parameter and outcome); absent otherwise. */
  sensitivity?: { method: 'morris' | 'sobol'; columns: string[]; rows: (number | string)[][] };
  /** A calibration folder's results (kind `calibration`; its ticks, regions and variants are empty). */
  calibration?: CalibrationData;
  /** The manifest (or summary.json's manifest) as written, shown as a readable block. */
  manifest: unknown;
  /** `run`, `compare`: map, network and genealogy snapshots of the run(s) at chosen ticks (pictures.ts), or why none. */
  pictures?: ReportPictures;
}

/** Snapshots of one seed's run of each variant pictured (compare: the baseline and one other), at `ticks`. */
export type ReportPictures =
  | { seed: number; ticks: number[]; runs: { variant: string; snapshots: MapWorld[] }[] }
  | { note: string };

/** A prior's parameter with its posterior summary (parameters.csv; NaN while the calibration runs). */
export interface CalibrationParameter {
  path: string;
  prior: 'uniform' | 'loguniform' | 'integer';
  lo: number;
  hi: number;
  mean: number;
  sd: number;
  q05: number;
  median: number;
  q95: number;
  /** smm: the point estimate; absent for abc. */
  estimate?: number;
}

/**
 * A weighted histogram of one parameter over its prior range: `edges` (bins + 1 values; equal in
 * log for a log-uniform prior, one bin per integer for a small integer range), the posterior's
 * weight per bin and the first generation's (the prior sample; absent for smm), each summing to 1.
 */
export interface Marginal {
  path: string;
  log: boolean;
  edges: number[];
  posterior: number[];
  prior?: number[];
}

/** A population of particles: values[particle][parameter] as applied, weights summing to 1. */
export type Population = PopulationRow;

/** A row of generations.csv (smm: a Nelder–Mead iteration; ε, acceptance, ess are NaN). */
export type CalibrationGeneration = GenerationRow;

/** A row of fit.csv: the posterior predictive check of one target. */
export interface CalibrationFit {
  target: string;
  kind: 'value' | 'stage';
  weight: number;
  center: number;
  scale: number;
  scaleFrom: string;
  observedLow: number;
  observedHigh: number;
  simulatedMean: number;
  simulatedLow: number;
  simulatedHigh: number;
  z: number;
  reached: boolean;
}

export interface CalibrationData {
  method: 'abc' | 'smm';
  /** Why the sampler stopped; null while it runs. */
  stopped: string | null;
  /** Whether parameters.csv and fit.csv are written (the calibration has finished). */
  finished: boolean;
  particles: number;
  seeds: number;
  parameters: CalibrationParameter[];
  marginals: Marginal[];
  /** The last generation of posterior.csv. */
  posterior: Population;
  generations: CalibrationGeneration[];
  fit: CalibrationFit[];
}

/** The metrics a report draws first. */
export const MAIN_METRICS = ['firms', 'employment', 'output', 'entries', 'exits', 'spinoffs', 'innovations', 'capability_mean', 'diversity', 'wage'];

/** Colours readable on white for up to 8 variants (Okabe–Ito, colour-blind safe). */
export const VARIANT_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/** Background shades of the lifecycle stages. */
export const STAGE_COLOURS: Record<string, string> = {
  formation: 'rgba(86,180,233,0.12)',
  growth: 'rgba(0,158,115,0.12)',
  maturity: 'rgba(230,159,0,0.12)',
  decline: 'rgba(213,94,0,0.12)',
  renewal: 'rgba(204,121,167,0.14)',
};
