// Generators of fuzzed scenario files (issue 17), shared by the loader's fuzz suite
// (test/scenarios/fuzz.test.ts) and the CLI's (test/cli/fuzz.test.ts): a valid scenario with
// values replaced by wrong types, non-finite and huge numbers, `__proto__`/`constructor` keys,
// unknown keys and deep nesting; YAML made of tags, anchors, aliases, merges and garbage.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** A small valid scenario to mutate (two regions, a lever, a research organisation, a variant). */
export const BASE: Record<string, unknown> = {
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

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...BASE_PATHS), value: oddValue }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...BASE_PATHS) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('__proto__', 'constructor', 'extra', 'extends', 'tick', 'expect'), value: oddValue }),
);

/** The base with the mutations applied; `__proto__` set as an own key, as JSON.parse and YAML make it. */
export function mutate(mutations: readonly Mutation[]): Record<string, unknown> {
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

/** A mutated scenario as a file's text, JSON or YAML. */
export const mutatedFile: fc.Arbitrary<{ text: string; ext: 'json' | 'yaml' }> = fc
  .tuple(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([mutations, asYaml]) => {
    const doc = mutate(mutations);
    return asYaml ? { text: stringify(doc), ext: 'yaml' as const } : { text: JSON.stringify(doc), ext: 'json' as const };
  });

/** A line or few of YAML that stresses the parser (tags, anchors, aliases, merges, directives). */
export const yamlPiece = fc.constantFrom(
  'name: x', 'regions: [{ name: a }]', 'ticks: !!str 5', 'ticks: !!float .inf', 'a: !!js/function "x"', 'b: !custom 1',
  'c: &a [1, 2]', 'd: *a', 'e: *undefined', 'f: &r [*r]', '<<: { ticks: 3 }', 'g: { <<: *a }', '- just a list', '"unclosed',
  '\t tab', 'regions: &rs [{ name: a }]\nvariants: { v: { overlay: { regions: *rs } } }', '? complex key\n: v', '%YAML 1.1',
  // A variant's `set` and `overlay` take any value: an alias that contains itself got through validation.
  'variants: { v: { set: &s { x: *s } } }', 'variants: { w: { overlay: &o { description: [*o] } } }',
  '---', '...', 'h: 0x1F', 'i: 1e400', 'j: ~', '__proto__: { polluted: 1 }', 'constructor: { prototype: { polluted: 1 } }',
);

/** YAML made of those pieces, and sometimes random bytes. */
export const yamlFile: fc.Arbitrary<string> = fc
  .tuple(fc.array(yamlPiece, { minLength: 1, maxLength: 6 }), fc.uint8Array({ maxLength: 16 }))
  .map(([pieces, bytes]) => `${pieces.join('\n')}\n${bytes.length % 3 === 0 ? Buffer.from(bytes).toString('latin1') : ''}`);
