// `clusterlab report <DIR>`: the output folder of run, batch, compare, sweep or calibrate → <DIR>/report.html,
// one self-contained file (uPlot and the data inlined) that opens offline in any browser.
// Also the default-on report of the batch commands (`--no-report` skips it).
import { writeReport } from '../report/html.ts';
import type { CliIo } from './io.ts';

export interface ReportOptions {
  quiet?: boolean;
}

export async function reportCommand(dir: string, options: ReportOptions, io: CliIo): Promise<number> {
  let file: string;
  try {
    file = await writeReport(dir);
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
