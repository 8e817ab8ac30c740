// The scenarios shipped with clusterlab: files in src/scenarios/bundled/, named by their file
// name without extension. Located from the package root (src/package-root.ts), so that they are
// found whatever the working directory, from the sources or the built dist/, and when installed.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../package-root.ts';
import { isPlainObject } from './merge.ts';
import { readSource } from './source.ts';

export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export function bundledDir(): string {
  return packagePath('src/scenarios/bundled/');
}

/** Name → absolute path of every bundled scenario. */
function bundledFiles(): Map<string, string> {
  const dir = bundledDir();
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir).sort()) {
    const ext = path.extname(entry).toLowerCase();
    const name = entry.slice(0, entry.length - ext.length);
    if ((SCENARIO_EXTENSIONS as readonly string[]).includes(ext) && !files.has(name)) files.set(name, path.join(dir, entry));
  }
  return files;
}

export function bundledNames(): string[] {
  return [...bundledFiles().keys()].sort();
}

/** The absolute path of the bundled scenario `name`, or undefined. */
export function findBundled(name: string): string | undefined {
  return bundledFiles().get(name);
}

/**
 * Every bundled scenario with its `description`, sorted by name. Read without validation so that
 * `list` still works when one file is broken (`validate` is where that shows).
 */
export function listBundled(): { name: string; file: string; description: string }[] {
  return [...bundledFiles()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, file]) => ({ name, file, description: readDescription(file) }));
}

function readDescription(file: string): string {
  try {
    const { raw } = readSource(file);
    return isPlainObject(raw) && typeof raw.description === 'string' ? raw.description.trim() : '';
  } catch {
    return '';
  }
}
