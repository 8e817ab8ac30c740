import { applyPatches } from 'immer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario, withOverrides, withVariantOn } from '../../src/scenarios/load.ts';
import { problemAt, scenarioError, tempDir, type TempDir } from './helpers.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const BASE = `regions:
  - { name: a, wage: 1 }
  - { name: b }
firms:
  initial: [{ region: a, segment: 0 }]
mechanisms:
  spinoffs: { rate: 0.02 }
variants:
  rich:
    description: higher wage in a, more spin-offs, no exit
    set:
      regions.0.wage: 2
      mechanisms.spinoffs.rate: 0.05
    overlay:
      mechanisms: { exit: { enabled: false } }
  same:
    set: { mechanisms.spinoffs.rate: 0.02 }
    overlay: { regions: [{ name: a, wage: 1 }, { name: b }] }
  generated:
    overlay: { firms: { generate: { count: 10 } } }
  province:
    set: { regions.1.province: east }
`;

describe('variants', () => {
  it('applies overlay then set, records patches, and keeps the base hash', () => {
    const file = tmp.write('s.yaml', BASE);
    const base = loadScenario(file);
    const rich = loadScenario(file, { variant: 'rich' });
    expect(rich.variant).toBe('rich');
    expect(rich.hash).toBe(base.hash);
    expect(rich.variants).toEqual(['rich', 'same', 'generated', 'province']);
    expect(rich.scenario.regions[0].wage).toBe(2);
    expect(rich.scenario.mechanisms.spinoffs.rate).toBe(0.05);
    expect(rich.scenario.mechanisms.exit.enabled).toBe(false);
    expect(rich.scenario.mechanisms.exit.cashFloor).toBe(base.scenario.mechanisms.exit.cashFloor);
    expect(base.scenario.regions[0].wage).toBe(1);
    const byPath = Object.fromEntries(rich.patches.map((p) => [p.path.join('.'), p]));
    expect(byPath).toEqual({
      'regions.0.wage': { op: 'replace', path: ['regions', 0, 'wage'], value: 2 },
      'mechanisms.spinoffs.rate': { op: 'replace', path: ['mechanisms', 'spinoffs', 'rate'], value: 0.05 },
      'mechanisms.exit.enabled': { op: 'replace', path: ['mechanisms', 'exit', 'enabled'], value: false },
    });
    expect(JSON.parse(JSON.stringify(rich.patches))).toEqual(rich.patches);
    expect(applyPatches(base.scenario, rich.patches)).toEqual(rich.scenario);
  });

  it('records no patches for a variant that changes nothing', () => {
    const same = loadScenario(tmp.write('s.yaml', BASE), { variant: 'same' });
    expect(same.patches).toEqual([]);
  });

  it('fills defaults into overlaid objects and records them', () => {
    const v = loadScenario(tmp.write('s.yaml', BASE), { variant: 'generated' });
    expect(v.scenario.firms.generate).toMatchObject({ count: 10, capability: { min: 0.5, max: 1.5 } });
    expect(v.patches).toEqual([{ op: 'add', path: ['firms', 'generate'], value: v.scenario.firms.generate }]);
  });

  it('may set an optional key the base leaves out, if the schema knows it', () => {
    const v = loadScenario(tmp.write('s.yaml', BASE), { variant: 'province' });
    expect(v.scenario.regions[1].province).toBe('east');
    expect(v.patches).toEqual([{ op: 'add', path: ['regions', 1, 'province'], value: 'east' }]);
  });

  it('rejects an unknown variant, listing the available ones', () => {
    const err = scenarioError(() => loadScenario(tmp.write('s.yaml', BASE), { variant: 'poor' }));
    expect(err.path).toBe('variants');
    expect(err.expected).toBe('one of the variants "rich", "same", "generated", "province"');
    expect(err.found).toBe('unknown variant "poor"');
  });

  it('rejects set paths that do not exist, naming variants.<name>.set.<path>', () => {
    const file = tmp.write(
      's.yaml',
      `${BASE}  bad:
    set:
      mechanisms.spinoff.rate: 0.1
      regions.5.wage: 2
      firms.generate.count: 3
      extends: other.yaml
`,
    );
    const err = scenarioError(() => loadScenario(file, { variant: 'bad' }));
    expect(problemAt(err, 'variants.bad.set.mechanisms.spinoff.rate')).toMatchObject({
      expected: 'a path that exists in the scenario',
      found: 'no mechanisms.spinoff in the scenario (did you mean "spinoffs"?)',
      line: 25,
    });
    expect(problemAt(err, 'variants.bad.set.regions.5.wage').found).toBe('no regions[5]: regions has 2 items');
    expect(problemAt(err, 'variants.bad.set.firms.generate.count').found).toContain('add it with overlay');
    expect(problemAt(err, 'variants.bad.set.extends').found).toContain('may not change');
  });

  it('re-validates the result and prefixes problems with the variant', () => {
    const file = tmp.write(
      's.yaml',
      `${BASE}  broken:
    set: { mechanisms.spinoffs.rate: 2 }
    overlay:
      mechanisms: { entry: { choice: urn } }
      firms: { initial: [{ region: z, segment: 0 }] }
`,
    );
    const err = scenarioError(() => loadScenario(file, { variant: 'broken' }));
    expect(problemAt(err, 'variants.broken → mechanisms.spinoffs.rate')).toMatchObject({ expected: 'a number from 0 to 1', found: '2', line: 24 });
    expect(problemAt(err, 'variants.broken → mechanisms.entry.choice').line).toBe(26);
    // Cross-references are checked on the result too, once the schema passes.
    const refs = tmp.write('r.yaml', `${BASE}  moved:\n    overlay: { firms: { initial: [{ region: z, segment: 0 }] } }\n`);
    const refErr = scenarioError(() => loadScenario(refs, { variant: 'moved' }));
    expect(refErr.message).toContain('variants.moved → firms.initial[0].region (line 24): expected one of the regions "a", "b", found "z"');
  });

  it('does not allow a variant to define variants or extends', () => {
    const file = tmp.write('s.yaml', `${BASE}  nested:\n    overlay: { variants: { x: {} } }\n`);
    const err = scenarioError(() => loadScenario(file, { variant: 'nested' }));
    expect(err.path).toBe('variants.nested.overlay.variants');
  });

  it('rejects unknown keys in a variant', () => {
    const err = scenarioError(() => loadScenario(tmp.write('s.yaml', `${BASE}  typo:\n    sets: { ticks: 3 }\n`)));
    expect(problemAt(err, 'variants.typo.sets').found).toBe('unknown key "sets" (did you mean "set"?)');
  });
});

describe('withOverrides', () => {
  it('sets values by path on a loaded scenario and appends patches', () => {
    const rich = loadScenario(tmp.write('s.yaml', BASE), { variant: 'rich' });
    const more = withOverrides(rich, { ticks: 20, 'regions.1.wage': 3 });
    expect(more.scenario.ticks).toBe(20);
    expect(more.patches).toHaveLength(rich.patches.length + 2);
    expect(scenarioError(() => withOverrides(rich, { tick: 20 })).message).toContain('tick: expected a path that exists');
    expect(scenarioError(() => withOverrides(rich, { ticks: 0 })).path).toBe('ticks');
  });
});

describe('withVariantOn', () => {
  it('applies a variant on top of changed values: the variant\'s own settings win, the others stay', () => {
    const base = loadScenario(tmp.write('s.yaml', BASE));
    const drawn = withOverrides(base, { 'mechanisms.spinoffs.rate': 0.03, 'regions.1.wage': 1.5 });
    const rich = withVariantOn(drawn, 'rich');
    expect(rich.variant).toBe('rich');
    expect(rich.scenario.mechanisms.spinoffs.rate).toBe(0.05);
    expect(rich.scenario.regions[0].wage).toBe(2);
    expect(rich.scenario.regions[1].wage).toBe(1.5);
    expect(rich.patches.length).toBeGreaterThan(drawn.patches.length);
    expect(scenarioError(() => withVariantOn(drawn, 'poor')).message).toContain('unknown variant "poor"');
  });
});
