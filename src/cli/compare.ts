// `clusterlab compare`: the base scenario and every variant on the same seeds (common random
// numbers), each variant against the baseline → compare.csv (all outcomes), runs.csv,
// ensemble.csv, manifest.json, and on the terminal one block per variant with the main outcomes:
// mean paired difference, 95 % bootstrap interval, probability that the variant is higher, and in
// the block's title the variant's extra policy spend (compare.csv's `spend`) when it is not 0.
// With --posterior FILE --draws K, each of K parameter draws from a calibration's posterior runs
// every variant on the same seeds (batch/posterior.ts); the interval then includes parameter
// uncertainty, and the table adds the share of the effect's variance due to parameters and the
// share of draws in which the effect has the sign of its mean.
import { BatchError } from '../batch/errors.ts';
import { compareJson, MAIN_OUTCOMES, type CompareRow } from '../batch/compare-file.ts';
import { BASE, variantNames } from '../batch/jobs.ts';
import { variantPlan } from '../batch/plan.ts';
import { POSTERIOR_COMPARE_EXTRA, posteriorPlan, type PosteriorCompareRow } from '../batch/posterior.ts';
import { COMPARE_COLUMNS } from '../batch/compare-file.ts';
import { ScenarioError } from '../scenarios/errors.ts';
import { loadScenario } from '../scenarios/load.ts';
import { BATCH_EXIT, defaultBatchDir, keepOption, runPlan, seedRange, summaryLines, withBatchErrors, withEarlyWorkers, type BatchDeps, type CommonOptions } from './batch.ts';
import type { CliIo } from './io.ts';

export interface CompareOptions extends CommonOptions {
  seeds: number;
  baseline?: string;
  /** Variants to compare (default: all); the baseline is added when not named. */
  variants?: string;
  /** A calibration's posterior.csv, and how many parameter draws to take from it. */
  posterior?: string;
  draws?: number;
}

/** A number for the table: 4 significant digits, integers as they are; n/a for NaN. */
function short(x: number, signed = false): string {
  if (Number.isNaN(x)) return 'n/a';
  const text = Number.isInteger(x) && Math.abs(x) < 1e9 ? String(x) : String(Number(x.toPrecision(4)));
  return signed && x > 0 ? `+${text}` : text;
}

/**
 * The column of compare.csv's p_better: higher, not better — fewer exits or more entries can
 * each be the better outcome, so the table says what the number is.
 */
export const P_HIGHER = 'P(variant > base)';
export const P_HIGHER_MEANING =
  `${P_HIGHER}: the share of paired seeds on which the variant's outcome is higher than the\n` +
  "  baseline's (ties count half; p_better in compare.csv). Whether higher is better depends on the outcome.";

/** The terminal table: one block per variant, the main outcomes of `all` as rows, columns aligned. */
export function compareTable(rows: readonly CompareRow[], outcomes: readonly string[] = MAIN_OUTCOMES): string {
  const blocks: string[] = [];
  const variants = [...new Set(rows.map((r) => r.variant))];
  for (const variant of variants) {
    const own = rows.filter((r) => r.variant === variant && r.region === 'all' && outcomes.includes(r.outcome));
    if (own.length === 0) continue;
    const n = own[0].n;
    const drawn = 'share_parameters' in own[0];
    const header = ['outcome', 'baseline', 'variant', 'mean diff', drawn ? '95 % interval' : '95 % CI', P_HIGHER, ...(drawn ? ['share params', 'same sign'] : [])];
    const fixed = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(2));
    const cells = own.map((r) => [
      r.outcome,
      short(r.baseline_mean),
      short(r.variant_mean),
      short(r.mean_diff, true),
      Number.isNaN(r.ci_low) ? 'n/a' : `[${short(r.ci_low)}, ${short(r.ci_high)}]`,
      fixed(r.p_better),
      ...(drawn ? [fixed((r as PosteriorCompareRow).share_parameters), fixed((r as PosteriorCompareRow).same_sign)] : []),
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
    const format = (row: string[]) =>
      '  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
    // The extra policy spend (the same on every row of a variant), when its levers spent any.
    const spend = own[0].spend;
    const spent = spend !== 0 && !Number.isNaN(spend) ? `; policy spend ${short(spend, true)} vs the baseline` : '';
    const pairs = drawn ? `${(own[0] as PosteriorCompareRow).draws} parameter draws × ${(own[0] as PosteriorCompareRow).seeds} paired seeds` : `${n} paired seeds`;
    blocks.push([`${variant} vs ${own[0].baseline} (${pairs}${spent})`, format(header), ...cells.map(format)].join('\n'));
  }
  if (blocks.length === 0) return '\n';
  return blocks.join('\n\n') + `\n\n  ${P_HIGHER_MEANING}\n`;
}

export function compareCommand(ref: string, options: CompareOptions, io: CliIo, deps: BatchDeps = {}): Promise<number> {
  return withBatchErrors(io, () => withEarlyWorkers(options, deps, async (deps) => {
    const base = loadScenario(ref);
    const available = [BASE, ...base.variants.filter((v) => v !== BASE)];
    const baseline = options.baseline ?? BASE;
    if (!available.includes(baseline)) {
      throw new BatchError(`--baseline ${baseline}: not a variant of ${base.name} (expected one of ${available.join(', ')})`);
    }
    if (available.length < 2) {
      throw new ScenarioError(base.file, [{ path: 'variants', expected: 'at least one variant to compare with the base (compare runs the variants against it)', found: 'none' }]);
    }
    let names = available;
    if (options.variants !== undefined) {
      const chosen = variantNames(options.variants, base.variants);
      const unknown = chosen.filter((v) => !available.includes(v));
      if (unknown.length) throw new BatchError(`--variants: ${unknown.join(', ')} not a variant of ${base.name} (expected some of ${available.join(', ')})`);
      names = chosen.includes(baseline) ? chosen : [baseline, ...chosen];
      if (names.length < 2) throw new BatchError(`--variants: name at least one variant besides the baseline ${baseline}`);
    }
    if ((options.posterior === undefined) !== (options.draws === undefined)) {
      throw new BatchError(options.posterior === undefined ? '--draws needs --posterior <posterior.csv>' : '--posterior needs --draws <K> (the number of parameter draws)');
    }
    const common = { ref, seeds: seedRange(options), ticks: options.ticks, metrics: options.metrics ?? null, shard: options.shard ?? null, variants: names, baseline, keep: keepOption(options) };
    const plan = options.posterior !== undefined
      ? posteriorPlan({ ...common, posterior: options.posterior, draws: options.draws! })
      : variantPlan('compare', common);
    const out = options.out ?? defaultBatchDir(base.name, 'compare', options.shard);
    const executed = await runPlan('compare', plan, out, options, io, deps);
    if (executed.code === BATCH_EXIT.interrupted) return executed.code;
    const rows = executed.result.finalized?.compare ?? [];
    if (options.json) {
      const columns = plan.manifest.posterior ? [...COMPARE_COLUMNS, ...POSTERIOR_COMPARE_EXTRA] : COMPARE_COLUMNS;
      io.stdout(JSON.stringify(compareJson(rows, columns), null, 2) + '\n');
    } else {
      const draws = plan.manifest.posterior ? `${options.draws} parameter draws × ` : '';
      const what = `${names.length - 1} variants against ${baseline} (${draws}${names.length} × ${options.seeds} seeds)`;
      const lines = summaryLines('compare', plan, executed, what);
      io.stdout((rows.length ? compareTable(rows) + '\n' : '') + lines.join('\n') + '\n');
    }
    return executed.code;
  }));
}
