// A calibration's posterior (posterior.csv, written by `calibrate`) and draws from it.
//
//   generation,particle,weight,distance,<param path 1>,<param path 2>,…
//
// One row per particle; the posterior is the rows of the largest generation, weighted by
// `weight` (≥ 0, normalised again here). `particle` and `distance` may be absent or empty; every
// other column is a scenario path as `sweep --param` takes it, with a number per row.
//
// Draws: systematic resampling (Kitagawa 1996) of K particles from one seeded stream: one
// uniform u ~ U[0, 1/K), then the particle whose cumulative weight interval holds u + k/K for
// k = 0 … K−1. Each particle is drawn ⌊K·w⌋ or ⌈K·w⌉ times (less noise than K independent
// weighted draws), and the same file, K and key give the same draws on every machine.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Stream } from '../engine/rng.ts';
import { parseDecimal } from '../io/format.ts';

/** Columns that are not parameters. */
export const POSTERIOR_META = ['generation', 'particle', 'weight', 'distance'] as const;

export interface Posterior {
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
  /** The parameter paths, in column order. */
  params: string[];
  /** The last generation's particles: values in `params` order. */
  particles: number[][];
  /** Their weights, normalised to sum 1. */
  weights: number[];
  /** Their ids: the `particle` column, or the row's position in the generation when absent. */
  ids: number[];
  /** The generation read. */
  generation: number;
  /** 1-based line of each particle in the file (for messages). */
  lines: number[];
}

export interface PosteriorDraw {
  /** Index into Posterior.particles. */
  index: number;
  /** The particle's id (Posterior.ids). */
  particle: number;
  values: number[];
}

/** A posterior file the user named that cannot be read: message = file + expected + found. */
export class PosteriorError extends Error {
  override readonly name = 'PosteriorError';
  constructor(readonly file: string, where: string, expected: string, found: string) {
    super(`${file}${where ? `: ${where}` : ''}: expected ${expected}, found ${found}`);
  }
}


function fields(line: string): string[] {
  // The writer quotes nothing a number or a dotted path needs; strip quotes all the same.
  return line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

export function readPosterior(file: string): Posterior {
  if (!existsSync(file) || !statSync(file).isFile()) throw new PosteriorError(file, '', 'a posterior.csv file (written by clusterlab calibrate)', 'no such file');
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const lines = bytes.toString('utf8').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const expectedHeader = `a header generation,particle,weight,distance,<scenario paths…>`;
  if (lines.length === 0) throw new PosteriorError(file, '', expectedHeader, 'an empty file');
  const header = fields(lines[0]);
  const col = (name: string) => header.indexOf(name);
  for (const name of ['generation', 'weight']) {
    if (col(name) < 0) throw new PosteriorError(file, 'line 1', `${expectedHeader} (a "${name}" column)`, `columns ${header.join(', ')}`);
  }
  const paramCols = header.map((h, i) => i).filter((i) => !(POSTERIOR_META as readonly string[]).includes(header[i]));
  if (paramCols.length === 0) throw new PosteriorError(file, 'line 1', 'at least one parameter column (a scenario path such as mechanisms.spinoffs.rate)', `only ${header.join(', ')}`);
  const empty = paramCols.find((i) => header[i] === '');
  if (empty !== undefined) throw new PosteriorError(file, 'line 1', 'a scenario path as the name of every parameter column', `an empty name in column ${empty + 1}`);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) throw new PosteriorError(file, 'line 1', 'each column once', `"${dup}" twice`);
  if (lines.length === 1) throw new PosteriorError(file, '', 'at least one particle row below the header', 'only the header');

  interface Row { line: number; generation: number; particle: number; weight: number; values: number[] }
  const rows: Row[] = [];
  for (let l = 1; l < lines.length; l++) {
    const line = l + 1;
    const f = fields(lines[l]);
    if (f.length !== header.length) throw new PosteriorError(file, `line ${line}`, `${header.length} fields as in the header`, `${f.length}`);
    const num = (i: number, what: string): number => {
      // Plain decimal or exponent notation: NaN and infinities are not parameter values.
      const x = parseDecimal(f[i]);
      if (Number.isNaN(x)) throw new PosteriorError(file, `line ${line}, column "${header[i]}"`, what, f[i] === '' ? 'an empty field' : `"${f[i]}"`);
      return x;
    };
    const generation = num(col('generation'), 'a generation number (0, 1, …)');
    if (!Number.isInteger(generation) || generation < 0) throw new PosteriorError(file, `line ${line}, column "generation"`, 'a generation number (0, 1, …)', f[col('generation')]);
    const weight = num(col('weight'), 'a weight ≥ 0');
    if (!Number.isFinite(weight)) throw new PosteriorError(file, `line ${line}, column "weight"`, 'a finite weight ≥ 0', f[col('weight')]);
    const particle = col('particle') >= 0 && f[col('particle')] !== '' ? num(col('particle'), 'a particle number') : NaN;
    const values = paramCols.map((i) => num(i, 'a number (the parameter\'s value)'));
    if (weight < 0) throw new PosteriorError(file, `line ${line}, column "weight"`, 'a weight ≥ 0', f[col('weight')]);
    rows.push({ line, generation, particle, weight, values });
  }
  const last = rows.reduce((most, r) => Math.max(most, r.generation), -Infinity);
  const own = rows.filter((r) => r.generation === last);
  const total = own.reduce((s, r) => s + r.weight, 0);
  if (!(total > 0)) throw new PosteriorError(file, `generation ${last}`, 'some particle with a weight above 0', `all ${own.length} weights 0`);
  return {
    file,
    hash,
    params: paramCols.map((i) => header[i]),
    particles: own.map((r) => r.values),
    weights: own.map((r) => r.weight / total),
    ids: own.map((r, k) => (Number.isNaN(r.particle) ? k : r.particle)),
    generation: last,
    lines: own.map((r) => r.line),
  };
}

/** K draws by systematic resampling from `new Stream(seedKey, 'posterior-draws')`. */
export function drawPosterior(posterior: Pick<Posterior, 'particles' | 'weights' | 'ids'>, draws: number, seedKey: string): PosteriorDraw[] {
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`drawPosterior: draws must be a positive integer, got ${draws}`);
  const { weights } = posterior;
  const rng = new Stream(seedKey, 'posterior-draws');
  const u0 = rng.uniform() / draws;
  const out: PosteriorDraw[] = [];
  let i = 0;
  let upper = weights[0];
  for (let k = 0; k < draws; k++) {
    const u = u0 + k / draws;
    // The last particle with a weight takes whatever rounding leaves above the cumulative sum.
    while (u >= upper && i < weights.length - 1) upper += weights[++i];
    while (weights[i] === 0 && i > 0) i--;
    out.push({ index: i, particle: posterior.ids[i], values: [...posterior.particles[i]] });
  }
  return out;
}
