// Vitest's global setup: before any test, bring dist/ (the built CLI that bin/clusterlab.mjs runs
// and the package test packs) up to date with the sources, so no test runs stale built code.
// Cheap when fresh (a walk comparing modification times); rebuilding takes a few seconds, and
// the declarations (tsc, slower) are only made when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time (ms) of a file under `path`. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function distIsStale(): boolean {
  const built = join(root, 'dist', 'cli.mjs');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'viz/src', 'scripts', 'package.json'].map((p) => newest(join(root, p)));
  return Math.max(...inputs) > statSync(built).mtimeMs;
}

export default function setup(): void {
  const withTypes = !existsSync(join(root, 'dist', 'types', 'index.d.ts'));
  if (!withTypes && !distIsStale()) return;
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  execFileSync(process.execPath, [tsx, join(root, 'scripts', 'build.ts'), ...(withTypes ? ['--types'] : [])], { cwd: root, stdio: 'inherit' });
}
