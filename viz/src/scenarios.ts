// The bundled scenarios in the browser: the same YAML files the CLI reads (imported as strings by
// Vite in main.ts), parsed with the same YAML options as src/scenarios/source.ts and validated
// with the same pure modules (validate.ts, variants.ts) — no file system — so that a job built
// here is the job the CLI builds for the same scenario, variant, seed and ticks.
// Pure: no DOM, no Node; tested in Node (test/viz/scenarios.test.ts).
import { parseDocument } from 'yaml';
import { deepFreeze, deepMerge, isPlainObject, type PlainObject } from '../../src/scenarios/merge.ts';
import { formatPath, type Finding } from '../../src/scenarios/errors.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { validateRaw } from '../../src/scenarios/validate.ts';
import { applyVariant } from '../../src/scenarios/variants.ts';
import type { Job } from '../../src/workers/protocol.ts';

/** The unmodified scenario's name among the variants (as in src/batch/jobs.ts). */
export const BASE = 'base';

export interface BundledScenario {
  name: string;
  description: string;
  /** Validated, defaults filled in, deeply frozen (as loadScenario returns it). */
  scenario: Scenario;
  /** The scenario's variants, in file order (without `base`). */
  variants: string[];
}

export interface Registry {
  scenarios: BundledScenario[];
  /** Files that failed to parse or validate: name → message (shown, not thrown). */
  errors: Record<string, string>;
  get(name: string): BundledScenario | undefined;
}

/** `path/to/default.yaml` → `default`. */
export function scenarioName(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.(ya?ml|json)$/i, '');
}

function parseText(path: string, text: string): unknown {
  if (/\.json$/i.test(path)) return JSON.parse(text);
  // Same options as src/scenarios/source.ts (anchors and `<<: *base` merges).
  const doc = parseDocument(text, { merge: true, prettyErrors: false });
  if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  return doc.toJS();
}

function findingsText(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.label ?? formatPath(f.path)}: expected ${f.expected}, found ${f.found}`).join('; ');
}

/**
 * Builds the registry from file contents keyed by path (as `import.meta.glob(..., { query: '?raw',
 * import: 'default', eager: true })` gives them). `extends` may name another file of the set.
 */
export function buildRegistry(files: Record<string, string>): Registry {
  const raws = new Map<string, unknown>();
  const errors: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const name = scenarioName(path);
    try {
      raws.set(name, parseText(path, text));
    } catch (error) {
      errors[name] = (error as Error).message;
    }
  }
  const resolve = (name: string, stack: string[]): PlainObject => {
    const raw = raws.get(name);
    if (!isPlainObject(raw)) throw new Error(raw === undefined ? `no bundled scenario "${name}"` : 'expected a mapping of scenario keys');
    const { extends: parent, ...own } = raw;
    if (parent === undefined) return own;
    const parentName = typeof parent === 'string' ? scenarioName(parent) : '';
    if (stack.includes(parentName)) throw new Error(`a cycle of extends: ${[...stack, parentName].join(' → ')}`);
    return deepMerge(resolve(parentName, [...stack, parentName]), own);
  };
  const scenarios: BundledScenario[] = [];
  for (const name of [...raws.keys()].sort()) {
    try {
      const validated = validateRaw(resolve(name, [name]));
      if (!validated.ok) throw new Error(findingsText(validated.findings));
      const scenario = deepFreeze(validated.scenario);
      const variants = Object.keys(scenario.variants);
      for (const v of variants) {
        const applied = applyVariant(scenario, v);
        if (!applied.ok) throw new Error(`variant ${v}: ${findingsText(applied.findings)}`);
      }
      scenarios.push({ name, description: (scenario.description ?? '').trim(), scenario, variants });
    } catch (error) {
      errors[name] = (error as Error).message;
    }
  }
  return { scenarios, errors, get: (name) => scenarios.find((s) => s.name === name) };
}

/** The scenario a unit runs: the base, or the variant applied (validated, frozen). */
export function unitScenario(entry: BundledScenario, variant: string): Scenario {
  if (variant === BASE) return entry.scenario;
  const applied = applyVariant(entry.scenario, variant);
  if (!applied.ok) throw new Error(`variant ${variant}: ${findingsText(applied.findings)}`);
  return deepFreeze(applied.scenario);
}

export interface RunSpec {
  scenario: string;
  /** In the order run; `base` = the unmodified scenario. */
  variants: string[];
  seedStart: number;
  seedCount: number;
  /** Default: the scenario's `ticks`. */
  ticks?: number;
}

/** The job list, exactly as src/batch/jobs.ts buildJobs makes it: index = unitIdx·N + seedIdx, all metrics. */
export function buildJobs(registry: Registry, spec: RunSpec): Job[] {
  const entry = registry.get(spec.scenario);
  if (!entry) throw new Error(`no bundled scenario "${spec.scenario}"${registry.errors[spec.scenario] ? `: ${registry.errors[spec.scenario]}` : ''}`);
  if (spec.variants.length === 0) throw new Error('choose at least one variant');
  if (!Number.isSafeInteger(spec.seedCount) || spec.seedCount < 1) throw new Error('seeds must be a whole number ≥ 1');
  if (!Number.isSafeInteger(spec.seedStart) || spec.seedStart < 0) throw new Error('the first seed must be a whole number ≥ 0');
  const ticks = spec.ticks ?? entry.scenario.ticks;
  if (!Number.isSafeInteger(ticks) || ticks < 1) throw new Error('ticks must be a whole number ≥ 1');
  const jobs: Job[] = [];
  spec.variants.forEach((name, u) => {
    if (name !== BASE && !entry.variants.includes(name)) throw new Error(`${spec.scenario} has no variant "${name}"`);
    const scenario = unitScenario(entry, name);
    for (let s = 0; s < spec.seedCount; s++) {
      jobs.push({ index: u * spec.seedCount + s, variant: name === BASE ? null : name, point: null, seed: spec.seedStart + s, ticks, scenario, metrics: null });
    }
  });
  // Handed out seed by seed, every variant of a seed together: a comparison is visible from the
  // first seeds on, not after all the base runs. Indices (and so every result) stay the CLI's.
  const seedOf = (job: Job) => job.index % spec.seedCount;
  return jobs.sort((a, b) => seedOf(a) - seedOf(b) || a.index - b.index);
}
