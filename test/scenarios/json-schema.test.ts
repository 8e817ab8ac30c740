// The JSON Schema for editors, checked with an independent validator (ajv, draft 2020-12): every
// bundled scenario and targets file passes it, every field is documented, and files it rejects
// are rejected by `validate` too. Cross-field rules JSON Schema cannot express are `validate`'s
// alone; the last cases pin that down.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledDir, bundledNames, findBundled } from '../../src/scenarios/bundled.ts';
import { scenarioJsonSchema, targetsJsonSchema } from '../../src/scenarios/json-schema.ts';
import { loadScenario, validateScenarioFile } from '../../src/scenarios/load.ts';
import { readSource } from '../../src/scenarios/source.ts';
import { validateRaw } from '../../src/scenarios/validate.ts';
import { bundledTargetNames, bundledTargetsDir, loadTargetFile } from '../../src/scenarios/target-files.ts';
import { tempDir, type TempDir } from './helpers.ts';

// strictRequired off: the `else` branch only lists required keys; the types are defined beside it.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const scenarioValid = ajv.compile(scenarioJsonSchema());
const targetsValid = ajv.compile(targetsJsonSchema());

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** The paths of every scalar in `value`. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [at];
}

/** Whether `validate` accepts the scenario text (its variants included). */
function validateAccepts(text: string): boolean {
  const file = tmp.write('scenario.yaml', text);
  try {
    validateScenarioFile(file);
    return true;
  } catch {
    return false;
  }
}

const BASE = 'regions: [{ name: a }]\nfirms: { initial: [{ region: a, segment: 0 }] }\n';

describe('the scenario schema', () => {
  it('accepts every bundled scenario', () => {
    expect(bundledNames().length).toBeGreaterThan(10);
    for (const name of bundledNames()) {
      // Read as the loader reads it (YAML merge keys resolved).
      const ok = scenarioValid(readSource(findBundled(name)!).raw);
      expect({ name, errors: ok ? null : scenarioValid.errors }).toEqual({ name, errors: null });
    }
  });

  it('accepts every bundled scenario with all its defaults spelt out (every key, at every level)', () => {
    for (const name of bundledNames()) {
      const resolved = JSON.parse(JSON.stringify(loadScenario(name).scenario));
      const ok = scenarioValid(resolved);
      expect({ name, errors: ok ? null : scenarioValid.errors }).toEqual({ name, errors: null });
    }
  });

  it('describes every field a user can write, with its default', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, value] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        // An overlay's keys point at the file's own (documented) keys.
        if (!value.description && !value.$ref) undocumented.push(`${at}.${key}`);
        walk(value, `${at}.${key}`);
      }
      for (const key of ['items', 'additionalProperties']) walk(n[key], `${at}[]`);
      for (const key of ['anyOf', 'oneOf']) for (const option of (n[key] ?? []) as unknown[]) walk(option, at);
      for (const [name, def] of Object.entries((n.$defs ?? {}) as Record<string, unknown>)) walk(def, `$defs.${name}`);
    };
    walk(scenarioJsonSchema(), 'scenario');
    walk(targetsJsonSchema(), 'targets');
    expect(undocumented).toEqual([]);
    const wage = (scenarioJsonSchema() as { properties: { regions: { items: { properties: { wage: { description: string } } } } } }).properties.regions.items.properties.wage;
    expect(wage.description).toBe('Base wage per employee per year (before labour-market tightness). Default: 1.');
  });

  // Each is rejected by the schema (so an editor marks it) and by `clusterlab validate`.
  const broken: [string, string][] = [
    ['wrong type', `${BASE}ticks: "many"\n`],
    ['unknown key', `${BASE}mechanisms: { spinoff: { rate: 0.1 } }\n`],
    ['unknown top-level key', `${BASE}tick: 10\n`],
    ['value out of range', 'regions: [{ name: a, openness: 1.5 }]\nfirms: { initial: [{ region: a, segment: 0 }] }\n'],
    ['negative rate', `${BASE}mechanisms: { entry: { rate: -1 } }\n`],
    ['wrong enum', `${BASE}mechanisms: { entry: { choice: random } }\n`],
    ['unknown lever', `${BASE}levers: [{ lever: bailout }]\n`],
    ['wrong type in a nested trigger', `${BASE}levers: [{ lever: rdSubsidy, when: { all: [{ stage: boom }] } }]\n`],
    ['no regions (and no extends)', 'ticks: 10\n'],
    ['a variant that sets an unknown key', `${BASE}variants: { v: { overlay: { mechanism: {} } } }\n`],
    ['a variant that sets a value out of range', `${BASE}variants: { v: { overlay: { regions: [{ name: a, skill: 0 }] } } }\n`],
    ['a target with a wrong type', `${BASE}expect: [{ metric: firms, year: 10, value: many }]\n`],
  ];
  it.each(broken)('rejects %s, and so does validate', (_, text) => {
    expect(scenarioValid(parse(text))).toBe(false);
    expect(validateAccepts(text)).toBe(false);
  });

  it('never rejects what validate accepts: every leaf of bundled scenarios, broken five ways', () => {
    // Each mutant the schema rejects must be rejected by validate too (the converse is the
    // cross-field rules, below). Variants are left alone: validateRaw does not apply them.
    const broken = [(v: unknown) => (typeof v === 'string' ? 7 : 'x'), () => -1, () => 1e9, () => null, () => 0.5];
    let rejected = 0;
    for (const name of ['default', 'yangtze-delta', 'changsha-machinery', 'stage-policy', 'silicon-saxony']) {
      const raw = readSource(findBundled(name)!).raw as Record<string, unknown>;
      for (const path of leaves(raw).filter((p) => p[0] !== 'variants')) {
        for (const breakIt of broken) {
          const mutant = structuredClone(raw);
          type Node = Record<string | number, unknown>;
          const parent = path.slice(0, -1).reduce((o, k) => o[k] as Node, mutant as Node);
          const key = path[path.length - 1];
          parent[key] = breakIt(parent[key]);
          if (scenarioValid(mutant)) continue;
          rejected++;
          expect({ path: path.join('.'), validate: validateRaw(mutant).ok }).toEqual({ path: path.join('.'), validate: false });
        }
      }
    }
    expect(rejected).toBeGreaterThan(500);
  });

  it('accepts a file that extends another without repeating its required keys, like validate', () => {
    const text = 'extends: default\nticks: 40\nmechanisms: { entry: { rate: 3 } }\n';
    expect(scenarioValid(parse(text))).toBe(true);
    expect(validateAccepts(text)).toBe(true);
  });

  // Cross-field rules are beyond JSON Schema: only `validate` rejects these.
  const crossField: [string, string][] = [
    ['a range with min > max', `${BASE}mechanisms: { entry: { capability: { min: 2, max: 1 } } }\n`],
    ['a firm in an unknown region', 'regions: [{ name: a }]\nfirms: { initial: [{ region: b, segment: 0 }] }\n'],
    ['growthLow above growthHigh', `${BASE}stage: { growthLow: 0.1, growthHigh: 0.05 }\n`],
    ['industry sizes that do not sum to the segments', `${BASE}segments: { count: 12, industries: [4, 4] }\n`],
  ];
  it.each(crossField)('leaves %s to validate', (_, text) => {
    expect(scenarioValid(parse(text))).toBe(true);
    expect(validateAccepts(text)).toBe(false);
  });
});

describe('the targets schema', () => {
  const ctx = { regions: ['a'], ticks: 200, ticksPerYear: 4 };
  const loads = (text: string): boolean => {
    try {
      loadTargetFile(tmp.write('targets.yaml', text), ctx);
      return true;
    } catch {
      return false;
    }
  };

  it('accepts every bundled targets file', () => {
    expect(bundledTargetNames().length).toBeGreaterThan(0);
    for (const name of bundledTargetNames()) {
      const ok = targetsValid(readSource(path.join(bundledTargetsDir(), `${name}.yaml`)).raw);
      expect({ name, errors: ok ? null : targetsValid.errors }).toEqual({ name, errors: null });
    }
  });

  const broken: [string, string][] = [
    ['no targets', 'targets: []\n'],
    ['an unknown key', 'targets: [{ metric: firms, year: 10, value: 3, weigth: 2 }]\n'],
    ['a prior of an unknown kind', 'targets: [{ metric: firms, year: 10, value: 3 }]\npriors: [{ path: mechanisms.entry.rate, lo: 1, hi: 2, kind: normal }]\n'],
    ['a share above 1', 'targets: [{ stage: decline, share: { min: 0.5, max: 1.5 } }]\n'],
    ['an interval of three numbers', 'targets: [{ metric: firms, year: 10, interval: [1, 2, 3] }]\n'],
  ];
  it.each(broken)('rejects %s, and so does loading it', (_, text) => {
    expect(targetsValid(parse(text))).toBe(false);
    expect(loads(text)).toBe(false);
  });
});

describe('editors that read draft-07', () => {
  // The Red Hat YAML extension validates with draft-07 semantics: keywords new in 2019-09/2020-12
  // would be ignored (or, for prefixItems beside items: false, reject every item).
  it('find no keyword they would misread', () => {
    const text = JSON.stringify([scenarioJsonSchema(), targetsJsonSchema()]);
    for (const keyword of ['prefixItems', 'unevaluatedProperties', 'unevaluatedItems', 'dependentRequired', 'dependentSchemas', '$dynamicRef', '$anchor']) {
      expect({ keyword, found: text.includes(`"${keyword}"`) }).toEqual({ keyword, found: false });
    }
    expect(targetsValid(parse('targets: [{ metric: firms, year: 10, interval: [1, 2] }]\n'))).toBe(true);
  });
});

describe('the schema line of the files', () => {
  const schemaLine = (file: string) => /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))?.[1];

  it('opens every bundled scenario and targets file, pointing at the published schema', () => {
    const files = [
      ...readdirSync(bundledDir()).map((f) => [path.join(bundledDir(), f), 'scenario.schema.json']),
      ...readdirSync(bundledTargetsDir()).map((f) => [path.join(bundledTargetsDir(), f), 'targets.schema.json']),
    ];
    const root = path.resolve(bundledTargetsDir(), '..');
    for (const [file, schema] of files) {
      const target = schemaLine(file);
      expect({ file, target: target && path.resolve(path.dirname(file), target) }).toEqual({ file, target: path.join(root, 'schema', schema) });
    }
  });
});
