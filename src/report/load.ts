// An output folder on disk → ReportData (the Node side of parse.ts).
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportData } from './model.ts';
import { reportFromFiles, type ReportFiles } from './parse.ts';

/** The folder's files, lazily read: the top level and runs/ (the only subfolder reports use). */
export function folderFiles(dir: string): ReportFiles {
  const names: string[] = [];
  for (const name of readdirSync(dir)) {
    if (statSync(join(dir, name)).isFile()) names.push(name);
  }
  const runs = join(dir, 'runs');
  if (existsSync(runs) && statSync(runs).isDirectory()) {
    for (const name of readdirSync(runs)) names.push(`runs/${name}`);
  }
  const known = new Set(names);
  return {
    names: () => [...names],
    text: (name) => (known.has(name) ? readFileSync(join(dir, name), 'utf8') : undefined),
    binary: (name) => (known.has(name) ? new Uint8Array(readFileSync(join(dir, name))) : undefined),
    range: (name, offset, length) => {
      if (!known.has(name)) return undefined;
      const fd = openSync(join(dir, name), 'r');
      try {
        const size = fstatSync(fd).size;
        const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        let at = 0;
        while (at < bytes.length) {
          const n = readSync(fd, bytes, at, bytes.length - at, offset + at);
          if (n === 0) break;
          at += n;
        }
        return { bytes: bytes.subarray(0, at), size };
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Throws a clear Error when `dir` is missing or not an output folder. */
export function loadReportData(dir: string): ReportData {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new Error(`${dir}: not a folder`);
  try {
    return reportFromFiles(folderFiles(dir));
  } catch (err) {
    throw new Error(`${dir}: ${(err as Error).message}`);
  }
}
