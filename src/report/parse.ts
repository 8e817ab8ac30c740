// An output folder (of `run`, `batch`, `compare` or `sweep`) → ReportData. Pure and browser-safe:
// the files come through the ReportFiles interface (the CLI reads them from disk in load.ts, the
// viz app from a folder picked or dropped in the browser), so no Node module is imported here.
//
//   run      summary.json, timeseries.csv (series and stages), firms.csv (sizes of the survivors)
//   batch    manifest.json, ensemble.csv (bands), runs/<i>.json + .bin (modal stage, sizes)
//   compare  as batch, plus compare.csv
//   sweep    manifest.json, sweep.csv (table), runs/<i>.json + .bin (bands per point, stages, sizes)
//   calibrate  manifest.json (command calibrate), posterior.csv, generations.csv, parameters.csv,
//            fit.csv (marginals, pairs, tolerances, predictive check; parse-calibration.ts)
//
// This module dispatches on the folder's kind; the work is in parse-run.ts and parse-batch.ts
// (with csv.ts, files.ts, parse-bands.ts, parse-stored.ts, parse-compare.ts and parse-common.ts).
import type { ReportData } from './model.ts';
import type { ReportFiles } from './files.ts';
import { fromBatch } from './parse-batch.ts';
import { fromCalibration } from './parse-calibration.ts';
import { json } from './files.ts';
import { fromRun } from './parse-run.ts';

export { filesFromMap, type ReportFiles } from './files.ts';
export { csvNumber, parseCsv } from './csv.ts';
export { compareEntries } from './parse-compare.ts';

/** The report of an output folder: a `run` folder (summary.json) or a batch/compare/sweep/calibrate folder (manifest.json). */
export function reportFromFiles(files: ReportFiles): ReportData {
  const names = new Set(files.names());
  if (names.has('summary.json') && names.has('timeseries.csv')) return fromRun(files);
  if (names.has('manifest.json')) {
    return json<{ command?: string }>(files, 'manifest.json').command === 'calibrate' ? fromCalibration(files) : fromBatch(files);
  }
  const seen = [...names].slice(0, 8).join(', ');
  throw new Error(
    'not a clusterlab output folder: expected summary.json and timeseries.csv (from `clusterlab run`) ' +
    `or manifest.json (from batch, compare, sweep or calibrate); found ${seen || 'no files'}`,
  );
}
