// The temporary name every output file is written under before it is renamed into place, and
// the removal of what a killed writer left under such names.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a file is written before it is renamed to `file`: `file.<pid>.tmp`. Every writer of the
 * outputs uses it (writeFileAtomic, CsvFile, ParquetTable), so that removeTemporaryFiles knows
 * what an interrupted one left.
 */
export function temporaryName(file: string): string {
  return `${file}.${process.pid}.tmp`;
}
const TEMPORARY_NAME = /\.\d+\.tmp$/;

/**
 * Removes the temporary files (temporaryName) a writer left in `dir` when its process was killed
 * midway: never read back, but they may be large. Only for a folder whose lock the caller holds,
 * so that no other process is writing them.
 */
export function removeTemporaryFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (TEMPORARY_NAME.test(name)) rmSync(join(dir, name), { force: true });
  }
}
