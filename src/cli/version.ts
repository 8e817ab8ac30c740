// The package version, read once from package.json (it goes into every run's manifest).
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.ts';

let cached: string | undefined;

export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
