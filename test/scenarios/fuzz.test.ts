// Fuzzing scenario files (issue 17): thousands of generated files — a valid scenario with values
// replaced by wrong types, non-finite and huge numbers, `__proto__`/`constructor` keys, unknown
// keys, deep nesting; YAML with tags, anchors, aliases and garbage — each loaded as the CLI loads
// it. Every one must either load, or be refused with a ScenarioError whose message starts with the
// file's name: never another error (a stack trace for the user), never a change to
// Object.prototype. The ones that load run a few ticks without an error. Fixed seeds (fast-check).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../../src/engine/run.ts';
import { ScenarioError } from '../../src/scenarios/errors.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

/** A small valid scenario to mutate (two regions, a lever, a research organisation, a variant). */
const BASE: Record<string, unknown> = {
  name: 'fuzz',
  ticks: 8,
  ticksPerYear: 4,
  regions: [{ name: 'a', x: 0, y: 0 }, { name: 'b', x: 50, y: 0, province: 'p2' }],
  researchOrgs: [{ region: 'a', capacity: 1 }],
  firms: { generate: { count: 20 }, initial: [{ region: 'b', segment: 1, count: 2 }] },
  levers: [{ lever: 'rdSubsidy', regions: ['a'], when: { from: 1 }, intensity: 0.5 }],
  mechanisms: { spinoffs: { rate: 0.05 }, networking: { enabled: true } },
  variants: { more: { set: { 'mechanisms.entry.rate': 4 } } },
};

/** Every path (as keys) in a plain value. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}
const BASE_PATHS = paths(BASE).filter((p) => p.length > 0);

const oddValue = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1e308, -1e308, 2 ** 53, 1e15, 0.5, '', 'x', true, false, null, [], {}, [[[]]]),
  fc.integer(), fc.double(), fc.string({ maxLength: 12 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'name', 'x'), fc.oneof(fc.integer(), fc.string(), fc.constant({ polluted: 1 })), { maxKeys: 3 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 5 }),
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    let v: unknown = 1;
    for (let k = 0; k < depth; k++) v = { a: v };
    return v;
  }),
);

type Mutation = { kind: 'set'; path: (string | number)[]; value: unknown } | { kind: 'delete'; path: (string | number)[] } | { kind: 'add'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...BASE_PATHS), value: oddValue }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...BASE_PATHS) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('__proto__', 'constructor', 'extra', 'extends', 'tick', 'expect'), value: oddValue }),
);

/** The base with the mutations applied; `__proto__` set as an own key, as JSON.parse and YAML make it. */
function mutate(mutations: readonly Mutation[]): Record<string, unknown> {
  const doc = structuredClone(BASE);
  for (const m of mutations) {
    if (m.kind === 'add') {
      Object.defineProperty(doc, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    let parent: Record<string | number, unknown> | undefined = doc as Record<string, unknown>;
    for (const key of m.path.slice(0, -1)) {
      const next: unknown = parent?.[key];
      parent = next !== null && typeof next === 'object' ? (next as Record<string | number, unknown>) : undefined;
    }
    if (!parent) continue;
    const last = m.path[m.path.length - 1];
    if (m.kind === 'delete') delete parent[last];
    else Object.defineProperty(parent, last, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

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
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, asYaml) => {
        const doc = mutate(mutations);
        const text = asYaml ? stringify(doc) : JSON.stringify(doc);
        const result = load(text, asYaml ? 'yaml' : 'json');
        if (typeof result === 'string') return;
        loaded++;
        // Small enough to run: a few ticks of it must run without an error.
        const firms = result.firms.initial.reduce((s, f) => s + f.count, 0) + (result.firms.generate?.count ?? 0);
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
    const piece = fc.constantFrom(
      'name: x', 'regions: [{ name: a }]', 'ticks: !!str 5', 'ticks: !!float .inf', 'a: !!js/function "x"', 'b: !custom 1',
      'c: &a [1, 2]', 'd: *a', 'e: *undefined', 'f: &r [*r]', '<<: { ticks: 3 }', 'g: { <<: *a }', '- just a list', '"unclosed',
      '\t tab', 'regions: &rs [{ name: a }]\nvariants: { v: { overlay: { regions: *rs } } }', '? complex key\n: v', '%YAML 1.1',
      // A variant's `set` and `overlay` take any value: an alias that contains itself got through validation.
      'variants: { v: { set: &s { x: *s } } }', 'variants: { w: { overlay: &o { description: [*o] } } }',
      '---', '...', 'h: 0x1F', 'i: 1e400', 'j: ~', '__proto__: { polluted: 1 }', 'constructor: { prototype: { polluted: 1 } }',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.uint8Array({ maxLength: 16 }), (pieces, bytes) => {
        const garbage = Buffer.from(bytes).toString('latin1');
        load(`${pieces.join('\n')}\n${bytes.length % 3 === 0 ? garbage : ''}`, 'yaml');
      }),
      { seed: 23, numRuns: 1500 },
    );
    expect(prototypeKeys(), 'Object.prototype unchanged').toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
