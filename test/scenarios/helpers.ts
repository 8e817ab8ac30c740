// Temporary scenario files for the loader tests: each test writes what it needs into a fresh
// directory, so no test depends on the bundled scenarios or on the working directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ScenarioError } from '../../src/scenarios/errors.ts';

export const MINIMAL_YAML = `regions: [{ name: a }]
firms:
  initial:
    - { region: a, segment: 0 }
`;

export interface TempDir {
  dir: string;
  /** Writes `text` to `name` in the directory and returns the absolute path. */
  write(name: string, text: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'clusterlab-scenarios-'));
  return {
    dir,
    write(name, text) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn`, expects a ScenarioError, and returns it. */
export function scenarioError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return err as ScenarioError;
  }
  throw new Error('expected a ScenarioError, but nothing was thrown');
}

/** The one problem at `path`, failing the test with the whole message if there is none. */
export function problemAt(err: ScenarioError, path: string) {
  const found = err.problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path} in:\n${err.message}`);
  return found;
}
