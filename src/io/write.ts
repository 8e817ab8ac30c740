// Writes the four files of a run into a directory. Each file is written to a temporary name and
// renamed, so a reader (or an interrupted run) never sees half a file under the final name.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../engine/run.ts';
import { eventsCsv } from './events.ts';
import { firmsCsv } from './firms.ts';
import { summaryJson, type Summary } from './summary.ts';
import { timeseriesCsv } from './timeseries.ts';

export const RUN_FILES = ['timeseries.csv', 'events.csv', 'firms.csv', 'summary.json'] as const;

/** Writes `text` to `file` via `file.<pid>.tmp` and a rename (atomic on one file system). */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Writes timeseries.csv, events.csv, firms.csv and summary.json into `dir` (created if needed). */
export function writeRunFiles(dir: string, result: RunResult, summary: Summary): string[] {
  mkdirSync(dir, { recursive: true });
  const texts: Record<(typeof RUN_FILES)[number], string> = {
    'timeseries.csv': timeseriesCsv(result.world),
    'events.csv': eventsCsv(result.world),
    'firms.csv': firmsCsv(result.world),
    'summary.json': summaryJson(summary),
  };
  return RUN_FILES.map((name) => {
    const file = join(dir, name);
    writeFileAtomic(file, texts[name]);
    return file;
  });
}
