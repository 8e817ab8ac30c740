// Priors of a calibration: scenario paths with ranges, each uniform, log-uniform or integer.
// The samplers work in a latent space where every prior is uniform on a box:
//   uniform     latent = value                 on [lo, hi]
//   loguniform  latent = ln value              on [ln lo, ln hi]   (lo > 0)
//   integer     latent continuous on [lo − ½, hi + ½], value = round(latent) (each integer
//               equally likely a priori)
// so prior densities are constant inside the box and perturbation kernels are plain Gaussians.
import { z } from 'zod';
import { exp, log } from '../engine/math.ts';

export const PRIOR_KINDS = ['uniform', 'loguniform', 'integer'] as const;
export type PriorKind = (typeof PRIOR_KINDS)[number];

export const priorSchema = z
  .object({
    path: z.string().regex(/^[A-Za-z_][\w-]*(\.[\w-]+)*$/, 'a dotted scenario path')
      .describe('A scenario path, as for `sweep --param` (e.g. mechanisms.spinoffs.rate).'),
    lo: z.number().describe('Lowest value of the parameter (below hi; > 0 for loguniform).'),
    hi: z.number().describe('Highest value of the parameter.'),
    kind: z.enum(PRIOR_KINDS).default('uniform')
      .describe('uniform on [lo, hi], loguniform (uniform in ln), or integer (each integer of [lo, hi] equally likely).'),
  })
  .strict();
export type Prior = z.infer<typeof priorSchema>;

/** Problems of a prior list that the schema cannot see (bounds, duplicates), as [index, key, expected, found]. */
export function priorProblems(priors: readonly Prior[]): [number, string, string, string][] {
  const out: [number, string, string, string][] = [];
  const seen = new Set<string>();
  priors.forEach((p, i) => {
    if (seen.has(p.path)) out.push([i, 'path', 'each path once', `${p.path} again`]);
    seen.add(p.path);
    if (!(p.lo < p.hi)) out.push([i, 'lo', 'lo below hi', `lo ${p.lo}, hi ${p.hi}`]);
    if (p.kind === 'loguniform' && !(p.lo > 0)) out.push([i, 'lo', 'lo > 0 for a log-uniform prior', String(p.lo)]);
    if (p.kind === 'integer' && (!Number.isInteger(p.lo) || !Number.isInteger(p.hi))) {
      out.push([i, 'lo', 'integer bounds for an integer prior', `${p.lo}:${p.hi}`]);
    }
  });
  return out;
}

/**
 * A bad --prior argument, shown by commander under the option's name like its own
 * InvalidArgumentError (same code and exit code). Not imported from commander: this module is
 * reached from the scenario schema, which the browser bundles (viz/) include.
 */
class PriorArgumentError extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
}

/** `--prior path=lo:hi[:log|:int]` → a prior (usage error when malformed). */
export function parsePrior(text: string): Prior {
  const m = /^([A-Za-z_][\w-]*(?:\.[\w-]+)*)=([^:]+):([^:]+)(?::(log|int))?$/.exec(text.trim());
  if (!m) throw new PriorArgumentError(`expected path=lo:hi, path=lo:hi:log or path=lo:hi:int (e.g. mechanisms.spinoffs.rate=0.01:0.1:log), got "${text}".`);
  const lo = Number(m[2]);
  const hi = Number(m[3]);
  const kind: PriorKind = m[4] === 'log' ? 'loguniform' : m[4] === 'int' ? 'integer' : 'uniform';
  const prior: Prior = { path: m[1], lo, hi, kind };
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new PriorArgumentError(`"${text}": lo and hi must be numbers.`);
  const problem = priorProblems([prior])[0];
  if (problem) throw new PriorArgumentError(`"${text}": expected ${problem[2]}, found ${problem[3]}.`);
  return prior;
}

/** The latent box of a prior: [low, high]. */
export function latentBounds(p: Prior): [number, number] {
  if (p.kind === 'loguniform') return [log(p.lo), log(p.hi)];
  if (p.kind === 'integer') return [p.lo - 0.5, p.hi + 0.5];
  return [p.lo, p.hi];
}

/** The parameter value a latent coordinate stands for. */
export function valueOf(p: Prior, latent: number): number {
  if (p.kind === 'loguniform') return Math.min(p.hi, Math.max(p.lo, exp(latent)));
  if (p.kind === 'integer') return Math.min(p.hi, Math.max(p.lo, Math.round(latent))) + 0;
  return latent;
}

export function inBox(priors: readonly Prior[], latent: readonly number[]): boolean {
  return priors.every((p, j) => {
    const [lo, hi] = latentBounds(p);
    return latent[j] >= lo && latent[j] <= hi;
  });
}
