// Fuzzing scenario files (issue 17): thousands of generated files — a valid scenario with values
// replaced by wrong types, non-finite and huge numbers, `__proto__`/`constructor` keys, unknown
// keys, deep nesting; YAML with tags, anchors, aliases and garbage — each loaded as the CLI loads
// it. Every one must either load, or be refused with a ScenarioError whose message starts with the
// file's name: never another error (a stack trace for the user), never a change to
// Object.prototype. The ones that load run a few ticks without an error. Fixed seeds (fast-check).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { ScenarioError } from '../../src/scenarios/errors.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { initialFirms } from '../../src/scenarios/resources.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { workspace } from '../cli/fixtures.ts';
import { mutatedFile, yamlFile } from './fuzz-files.ts';

const ws = workspace();
afterAll(() => ws.remove());

let files = 0;
/** Loads `text` as the file `name`: the scenario, or the ScenarioError's message. Anything else fails the test. */
function load(text: string, ext: 'json' | 'yaml'): Scenario | string {
  const name = `f${files++}.${ext}`;
  const file = ws.file(name, text);
  try {
    return loadScenario(file).scenario;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`${name} threw ${String(error)}\n--- file\n${text.slice(0, 2000)}`);
    expect(error.message.startsWith(file), `${name}: ${error.message}`).toBe(true);
    return error.message;
  }
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe('fuzzed scenario files', () => {
  const before = prototypeKeys();

  it('mutated scenarios (JSON and YAML): loaded, or refused with the file named', () => {
    let loaded = 0;
    let ran = 0;
    fc.assert(
      fc.property(mutatedFile, ({ text, ext }) => {
        const result = load(text, ext);
        if (typeof result === 'string') return;
        loaded++;
        // Small enough to run: a few ticks of it must run without an error.
        const firms = initialFirms(result);
        if (firms <= 2000 && result.regions.length <= 50) {
          run(result, { ticks: 3 });
          ran++;
        }
      }),
      { seed: 17, numRuns: 1500 },
    );
    expect(prototypeKeys(), 'Object.prototype unchanged').toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The generator reaches both outcomes.
    expect(loaded).toBeGreaterThan(50);
    expect(ran).toBeGreaterThan(50);
  }, 60_000);

  it('YAML with tags, anchors, aliases, merges and garbage: loaded, or refused with the file named', () => {
    fc.assert(
      fc.property(yamlFile, (text) => {
        load(text, 'yaml');
      }),
      { seed: 23, numRuns: 1500 },
    );
    expect(prototypeKeys(), 'Object.prototype unchanged').toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
