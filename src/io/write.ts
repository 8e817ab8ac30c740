// Writes the four files of a run (plus ties.csv and policy.csv when asked for) into a directory. Each file is written to a
// temporary name and renamed, so a reader (or an interrupted run) never sees half a file under the
// final name.
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunResult } from '../engine/run.ts';
import { EVENTS_HEADER, eventsLines } from './events.ts';
import { FIRMS_HEADER, firmsLines } from './firms.ts';
import { CsvFile } from './csv-file.ts';
import { temporaryName } from './temporary.ts';
import { policyCsv } from './policy.ts';
import { summaryJson, type Summary } from './summary.ts';
import { tiesCsv } from './ties.ts';
import { timeseriesCsv } from './timeseries.ts';

export const RUN_FILES = ['timeseries.csv', 'events.csv', 'firms.csv', 'summary.json'] as const;
/** Written besides RUN_FILES when the scenario's `output.ties` asks for snapshots. */
export const TIES_FILE = 'ties.csv';
/** Written besides RUN_FILES when the scenario has `levers`. */
export const POLICY_FILE = 'policy.csv';

/**
 * Writes `data` to `file` via its temporary name and a rename (atomic on one file system). Several
 * byte arrays are written one after the other, without joining them into a new buffer first.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  const tmp = temporaryName(file);
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeFileSync(tmp, data);
  } else {
    const fd = openSync(tmp, 'w');
    try {
      for (const part of data) {
        for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
      }
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, file);
}

/**
 * A scenario or variant name as part of a folder name: only letters, digits, `.`, `_` and `-`
 * (anything else, `/` and `\` included, becomes `-`; none at the start), at most 100 characters. Callers add a suffix
 * (`-seed1`, `-batch`), so the result is never `.` or `..`: a name cannot lead out of `out/`.
 */
export function pathSafe(name: string): string {
  // Not starting with `-`: a folder named so reads as an option to rm, ls and the like.
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+/, '').slice(0, 100) || 'scenario';
}

/**
 * `mkdir -p`. Not `mkdirSync(dir, { recursive: true })`: in Node 20 that spins forever when
 * mkdir fails with ENOENT under an existing parent (e.g. in /proc or on some FUSE mounts).
 */
export function makeDir(dir: string): void {
  const abs = resolve(dir);
  try {
    mkdirSync(abs);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(abs).isDirectory()) return;
    if (code !== 'ENOENT' || dirname(abs) === abs) throw err;
  }
  makeDir(dirname(abs));
  mkdirSync(abs); // fails for good now if the parent exists and mkdir still cannot create it
}

/**
 * A run's CSV with its seed as the first column, so that the files of many runs stack into one
 * table (pandas.concat, rbind, DuckDB's read_csv of a glob) without losing which run a row is.
 */
export function withSeed(csv: string, seed: number): string {
  const lines = csv.split('\n');
  const last = lines.length - 1; // the text ends with a newline: the last piece is empty
  return lines.map((line, i) => (i === last ? line : i === 0 ? `seed,${line}` : `${seed},${line}`)).join('\n');
}

/**
 * Writes timeseries.csv, events.csv, firms.csv and summary.json into `dir` (created if needed),
 * ties.csv when the run recorded tie snapshots, and policy.csv when the scenario has levers.
 * Returns the files written.
 */
export function writeRunFiles(dir: string, result: RunResult, summary: Summary): string[] {
  makeDir(dir);
  const seeded = (csv: string) => withSeed(csv, result.seed);
  // events.csv and firms.csv are streamed: a national run's would not fit in one string.
  writeSeededCsv(join(dir, 'events.csv'), EVENTS_HEADER, eventsLines(result.world), result.seed);
  writeSeededCsv(join(dir, 'firms.csv'), FIRMS_HEADER, firmsLines(result.world), result.seed);
  const texts: [string, () => string][] = [
    ['timeseries.csv', () => seeded(timeseriesCsv(result.world))],
    ['summary.json', () => summaryJson(summary)],
  ];
  const tieLog = result.ties;
  if (tieLog) texts.push([TIES_FILE, () => seeded(tiesCsv(tieLog, result.world))]);
  if (result.world.policy.levers.length > 0) texts.push([POLICY_FILE, () => seeded(policyCsv(result.world))]);
  const written = texts.map(([name, text]) => {
    const file = join(dir, name);
    writeFileAtomic(file, text());
    return file;
  });
  return [written[0], join(dir, 'events.csv'), join(dir, 'firms.csv'), ...written.slice(1)];
}

/** A CSV with the run's seed as its first column (as `withSeed` makes it), from its rows one at a time (CsvFile streams them). */
function writeSeededCsv(file: string, header: readonly string[], rows: Iterable<string>, seed: number): void {
  const csv = new CsvFile(file, ['seed', ...header]);
  for (const row of rows) csv.line(`${seed},${row}`);
  csv.close();
}
