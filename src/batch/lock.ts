// One writer per output folder: a batch holds `<out>/.clusterlab.lock` (created exclusively, with
// its process id and host) while it runs, so a second command given the same --out refuses at once
// instead of mixing its runs and summaries into the first one's. A lock left by a process that no
// longer runs (kill -9, a crash) is taken over.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BatchError } from './errors.ts';

export const LOCK_FILE = '.clusterlab.lock';

/** True while process `pid` runs on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it runs, as another user
  }
}

/**
 * Takes the folder's lock (the folder exists); returns its release. Throws a BatchError when
 * another process holds it. `name`: another lock file, for writers that share a folder by design
 * (calibrate's shards, one lock each).
 */
export function lockFolder(out: string, name = LOCK_FILE): () => void {
  const file = join(out, name);
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
      throw error;
    }
    const [pidText, host] = text.trim().split(' ');
    const pid = Number(pidText);
    const elsewhere = host !== undefined && host !== hostname();
    if (elsewhere || (Number.isInteger(pid) && pid > 0 && alive(pid))) {
      throw new BatchError(
        `${out} is being written by another clusterlab (process ${pidText}${elsewhere ? ` on ${host}` : ''}): ` +
          `wait for it to finish, or choose another --out (if no such process runs, delete ${file})`,
      );
    }
    rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new BatchError(`${out}: could not take ${LOCK_FILE}`);
}
