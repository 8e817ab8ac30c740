// manifest.json of a calibration: what was calibrated to what, with which settings — everything
// that decides the result, and nothing about the machine (no dates, worker counts or timings), so
// the same command writes the same bytes anywhere. It is also the folder's identity: --resume
// (and the shards of one calibration, which share a folder) go on only with the same identity.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchError } from '../batch/errors.ts';
import type { SeedRange } from '../batch/jobs.ts';
import { canonicalJson } from '../scenarios/hash.ts';
import type { Prior } from './priors.ts';

export interface CalibrationSettings {
  method: 'abc' | 'smm';
  /** abc: particles per generation; smm: prior draws to start from, and draws of the estimate's spread. */
  particles: number;
  /** Seeds per particle (the same seeds for every particle). */
  seeds: number;
  generations?: number;
  alpha?: number;
  minAcceptance?: number;
  budget?: number;
  maxEvaluations?: number;
}

export interface CalibrationManifest {
  command: 'calibrate';
  engine: 'clusterlab';
  version: string;
  scenario: { name: string; file: string; hash: string; variant: string | null };
  targets: { file: string; hash: string };
  priors: Prior[];
  settings: CalibrationSettings;
  seeds: SeedRange;
  ticks: number;
  ticksPerYear: number;
  /** Seeds the sampler's own draws (prior sample, parents, perturbations). */
  seedKey: string;
  /** smm: the estimate. */
  estimate?: { values: number[]; distance: number; evaluations: number };
  /** true once the result files are written; null while it runs. */
  completed: true | null;
  /** Why the sampler stopped. */
  stopped: string | null;
}

/** What must agree for two commands to be one calibration. */
export function identityOf(m: CalibrationManifest): unknown {
  const { completed: _c, stopped: _s, estimate: _e, scenario, targets, ...rest } = m;
  return { ...rest, scenario: { name: scenario.name, hash: scenario.hash, variant: scenario.variant }, targets: { hash: targets.hash } };
}

export function readCalibrationManifest(dir: string): CalibrationManifest | null {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CalibrationManifest;
  } catch (err) {
    throw new BatchError(`${file}: not a manifest (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Checks that `out` may take this calibration (fresh, --resume of the same, or a shard of it). */
export function prepareFolder(out: string, manifest: CalibrationManifest, o: { resume: boolean; sharded: boolean }): void {
  const existing = readCalibrationManifest(out);
  const hasRuns = existsSync(out) && readdirSync(out).some((f) => f.startsWith('simulations'));
  if (existing === null) {
    if (hasRuns) throw new BatchError(`${out}: holds simulation logs but no manifest.json; choose another --out`);
    return;
  }
  if (existing.command !== 'calibrate') throw new BatchError(`${out} holds the output of \`${existing.command}\`, not a calibration; choose another --out`);
  const a = identityOf(existing) as Record<string, unknown>;
  const b = identityOf(manifest) as Record<string, unknown>;
  const diff = Object.keys({ ...a, ...b }).filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).flatMap((k) => {
    // The settings by name (--particles, --generations …), not as one block.
    if (k !== 'settings') return [k];
    const x = (a.settings ?? {}) as Record<string, unknown>;
    const y = (b.settings ?? {}) as Record<string, unknown>;
    return Object.keys({ ...x, ...y }).filter((s) => canonicalJson(x[s]) !== canonicalJson(y[s])).map((s) => `settings.${s}`);
  });
  if (diff.length) {
    if (!o.resume && !o.sharded && !hasRuns) return;
    const version = diff.includes('version') ? `\n  It was written by clusterlab ${existing.version}, this is ${manifest.version}: its logged runs would not match this engine's.` : '';
    throw new BatchError(`${out}: cannot go on, the calibration there differs from this command in: ${diff.join(', ')}.${version}\n  Use the same scenario, targets, priors and settings, or choose another --out.`);
  }
  if (hasRuns && !o.resume && !o.sharded) {
    throw new BatchError(`${out} already holds runs of this calibration: add --resume to go on from them, or choose another --out (or delete the folder)`);
  }
}
