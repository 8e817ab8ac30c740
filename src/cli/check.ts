// `clusterlab check`: the scenario's seeds against observed targets (a targets file, or the
// scenario's `expect` block) — pattern-oriented modelling as a command. Runs the seeds on the pool
// as a batch (runs/, runs.csv, ensemble.csv, manifest.json in --out, resumable), then writes
// check.csv (per target: observed, simulated mean and 90 % interval, passed) and prints the table.
// Exit code 0 whether or not the targets are met (the table says which); 1 for invalid input.
import { join } from 'node:path';
import { checkTargetsAgainstRuns, type CheckedRun, type CheckRow } from '../analysis/check.ts';
import { BatchError } from '../batch/errors.ts';
import { BASE } from '../batch/jobs.ts';
import { variantPlan } from '../batch/plan.ts';
import { completedIndices, readRun, readRunSeries } from '../batch/store.ts';
import { csvField, formatInt, formatNumber } from '../io/format.ts';
import { writeFileAtomic } from '../io/write.ts';
import { ScenarioError } from '../scenarios/errors.ts';
import { loadScenario } from '../scenarios/load.ts';
import { loadTargets, resolveTargets } from '../scenarios/target-files.ts';
import type { Target } from '../scenarios/targets.ts';
import { BATCH_EXIT, defaultBatchDir, runPlan, seedRange, summaryLines, withBatchErrors, type BatchDeps, type CommonOptions } from './batch.ts';
import type { CliIo } from './io.ts';

export interface CheckOptions extends CommonOptions {
  seeds: number;
  targets?: string;
  variant?: string;
}

export const CHECK_CSV = 'check.csv';
const COLUMNS = ['target', 'kind', 'metric', 'region', 'when', 'observed', 'observed_low', 'observed_high', 'simulated_mean', 'simulated_low', 'simulated_high', 'seeds', 'passed'] as const;

function short(x: number): string {
  return Number.isNaN(x) ? '–' : String(Number(x.toPrecision(4)));
}

/** The terminal table: one line per target. */
export function checkTable(rows: readonly CheckRow[]): string {
  const header = ['target', 'when', 'observed', 'simulated mean [90 %]', 'result'];
  const cells = rows.map((r) => [
    r.target,
    r.when,
    r.kind === 'stage' ? `share ${short(r.observed_low)}–${short(r.observed_high)}` : r.observed_low === r.observed_high ? short(r.observed) : `[${short(r.observed_low)}, ${short(r.observed_high)}]`,
    r.kind === 'stage' ? `share ${short(r.simulated_mean)}` : `${short(r.simulated_mean)} [${short(r.simulated_low)}, ${short(r.simulated_high)}]`,
    r.passed ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => '  ' + row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const passed = rows.filter((r) => r.passed).length;
  return [line(header), ...cells.map(line), `  ${passed} of ${rows.length} targets met`].join('\n') + '\n';
}

export function checkCommand(ref: string, options: CheckOptions, io: CliIo, deps: BatchDeps = {}): Promise<number> {
  return withBatchErrors(io, async () => {
    if (options.shard) throw new BatchError('check runs every seed itself: --shard is for batch, compare and sweep');
    if (options.metrics) throw new BatchError('check keeps every metric its targets may read: drop --metrics');
    const base = loadScenario(ref, { variant: options.variant ?? null });
    const s = base.scenario;
    const ticks = options.ticks ?? s.ticks;
    let targets: readonly Target[];
    if (options.targets !== undefined) {
      targets = loadTargets(resolveTargets(options.targets), { regions: s.regions.map((r) => r.name), ticks, ticksPerYear: s.ticksPerYear });
    } else if (s.expect && s.expect.length > 0) {
      targets = s.expect;
    } else {
      throw new ScenarioError(base.file, [{ path: 'expect', expected: 'targets to check (or give a targets file with --targets FILE)', found: 'none' }]);
    }
    const plan = variantPlan('batch', {
      ref, seeds: seedRange(options), ticks: options.ticks, metrics: null, shard: null, variants: [options.variant ?? BASE],
    });
    const out = options.out ?? defaultBatchDir(base.name, 'check', undefined);
    const executed = await runPlan('check', plan, out, options, io, deps);
    if (executed.code === BATCH_EXIT.interrupted) return executed.code;
    const runs: CheckedRun[] = completedIndices(out).map((index) => {
      const record = readRun(out, index);
      return { ...record, ...readRunSeries(out, index, record) };
    });
    const rows = checkTargetsAgainstRuns(targets, runs);
    const csv = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => {
      const v = r[c];
      return typeof v === 'number' ? (c === 'seeds' ? formatInt(v) : formatNumber(v)) : typeof v === 'boolean' ? String(v) : csvField(v);
    }).join(','))].join('\n') + '\n';
    writeFileAtomic(join(out, CHECK_CSV), csv);
    if (options.json) {
      io.stdout(JSON.stringify({ scenario: base.name, variant: base.variant, seeds: runs.length, targets: rows }, (_, v) => (Number.isNaN(v) ? null : v), 2) + '\n');
    } else {
      const what = `${targets.length} targets × ${options.seeds} seeds`;
      io.stdout(checkTable(rows) + '\n' + summaryLines('check', plan, executed, what).join('\n') + `\n  check       ${join(out, CHECK_CSV)}\n`);
    }
    return executed.code;
  });
}
