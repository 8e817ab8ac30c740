// Small scenario files for the CLI tests, written into a fresh temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One region, a few generated firms, 40 ticks: a run takes milliseconds. */
export const TINY = `# a tiny scenario for the CLI tests
name: tiny
ticks: 40
ticksPerYear: 4
seed: 7
regions:
  - name: north
firms:
  generate:
    count: 6
variants:
  more_entry:
    description: twice the entry rate
    set:
      mechanisms.entry.rate: 4
`;

/** Targets for calibrating TINY (24 ticks): one reachable target, one unreachable at weight 0, a prior. */
export const CALIBRATION_TARGETS = [
  'targets:',
  '  - { metric: firms, year: 6, value: 14, sd: 2 }',
  '  - { name: never, metric: employment, year: 6, value: 100000, sd: 10, weight: 0 }',
  'priors:',
  '  - { path: mechanisms.entry.rate, lo: 0.5, hi: 8, kind: loguniform }',
].join('\n');

/** Invalid: a wage must be a positive number. */
export const BROKEN = `name: broken
regions:
  - name: north
    wage: high
`;

/** Valid base, but its variant sets an impossible value. */
export const BAD_VARIANT = `name: bad-variant
regions:
  - name: north
variants:
  negative:
    set:
      mechanisms.entry.rate: -1
`;

export interface Workspace {
  dir: string;
  /** Writes `text` to `name` in the workspace and returns its path. */
  file(name: string, text: string): string;
  remove(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-test-'));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** True when the text holds a stack-trace line ("    at f (file:1:2)"). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at /m.test(text);
}

/** Names with script payloads, where a scenario takes names (the report and the app must show them as text). */
export const EVIL_NAMES = {
  scenario: `<img src=x onerror=alert('scenario')>`,
  region: `<script>alert('region')</script>`,
  region2: `"><svg onload=alert('region2')>`,
  lever: `<img src=y onerror=alert('lever')>`,
  variant: `<b id=pwn>variant</b>`,
};

/** A valid scenario that uses EVIL_NAMES everywhere (JSON strings are valid YAML). */
export const EVIL = [
  `name: ${JSON.stringify(EVIL_NAMES.scenario)}`,
  `description: ${JSON.stringify("<script>alert('description')</script>")}`,
  'ticks: 24',
  'ticksPerYear: 4',
  'regions:',
  `  - name: ${JSON.stringify(EVIL_NAMES.region)}`,
  `  - { name: ${JSON.stringify(EVIL_NAMES.region2)}, x: 40, y: 0 }`,
  'firms:',
  '  generate: { count: 8 }',
  'levers:',
  `  - { lever: startupSupport, name: ${JSON.stringify(EVIL_NAMES.lever)}, regions: [${JSON.stringify(EVIL_NAMES.region)}], budget: { total: 50 } }`,
  'variants:',
  `  ${JSON.stringify(EVIL_NAMES.variant)}:`,
  '    set: { mechanisms.entry.rate: 4 }',
  '',
].join('\n');
