// `clusterlab report <DIR>`: the output folder of run, batch, compare, sweep or calibrate → <DIR>/report.html,
// one self-contained file (uPlot and the data inlined) that opens offline in any browser.
// Also the default-on report of the batch commands (`--no-report` skips it).
import { writeReport } from '../report/html.ts';
import type { CliIo } from './io.ts';

export interface ReportOptions {
  quiet?: boolean;
  /** The pictured ticks, comma-separated (`--at 10,50,100`). */
  at?: string;
}

/** `--at` → ticks: whole numbers ≥ 1, or an Error naming the option and what was found. */
export function pictureTicksOption(text: string): number[] {
  const ticks = text.split(',').map((t) => t.trim());
  const bad = ticks.find((t) => !/^\d+$/.test(t) || Number(t) < 1);
  if (bad !== undefined || ticks.length === 0) throw new Error(`--at: expected ticks as whole numbers ≥ 1, comma-separated (e.g. --at 10,50), found ${JSON.stringify(text)}`);
  return [...new Set(ticks.map(Number))].sort((a, b) => a - b);
}

export async function reportCommand(dir: string, options: ReportOptions, io: CliIo): Promise<number> {
  let file: string;
  try {
    file = await writeReport(dir, options.at === undefined ? undefined : pictureTicksOption(options.at));
  } catch (err) {
    io.stderr(`error: ${(err as Error).message}\n`);
    return 1;
  }
  if (!options.quiet) io.stdout(`report: ${file}\n`);
  return 0;
}

/**
 * The report a batch command writes at its end (unless --no-report): its path, or null — with a
 * warning on stderr, since the CSV files are written and the report can be made again with
 * `clusterlab report` — when it could not be made.
 */
export async function batchReport(out: string, io: CliIo): Promise<string | null> {
  try {
    return await writeReport(out);
  } catch (err) {
    io.stderr(`warning: report.html not written: ${(err as Error).message}\n  (the results are written; try: clusterlab report ${out})\n`);
    return null;
  }
}
