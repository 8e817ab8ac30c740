import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBundled, loadScenario, validateScenarioFile } from '../../src/scenarios/load.ts';
import { MINIMAL_YAML, scenarioError, tempDir, type TempDir } from './helpers.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('loadScenario', () => {
  it('loads a minimal YAML file and fills in the defaults', () => {
    const file = tmp.write('minimal.yaml', MINIMAL_YAML);
    const loaded = loadScenario(file);
    expect(loaded.name).toBe('minimal');
    expect(loaded.file).toBe(file);
    expect(loaded.variant).toBeNull();
    expect(loaded.patches).toEqual([]);
    expect(loaded.variants).toEqual([]);
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    const s = loaded.scenario;
    expect(s.ticks).toBe(200);
    expect(s.segments.count).toBe(12);
    expect(s.regions[0]).toMatchObject({ name: 'a', wage: 1, labourPool: 1e6 });
    expect(s.firms.initial[0]).toMatchObject({ region: 'a', segment: 0, count: 1, kind: 'startup' });
    expect(s.mechanisms.spinoffs.rate).toBe(0.02);
    expect(s.mechanisms.entry.proportional.a).toBe(1);
  });

  it('reads JSON the same as YAML', () => {
    const yaml = loadScenario(tmp.write('s.yaml', MINIMAL_YAML));
    const json = loadScenario(tmp.write('s.json', JSON.stringify({ regions: [{ name: 'a' }], firms: { initial: [{ region: 'a', segment: 0 }] } })));
    expect(json.scenario).toEqual(yaml.scenario);
    expect(json.hash).toBe(yaml.hash);
  });

  it('accepts .yml and YAML anchors with merge keys', () => {
    const file = tmp.write(
      's.yml',
      `regions:
  - &r { name: a, wage: 2, landCost: 1 }
  - { <<: *r, name: b, wage: 3 }
firms: { initial: [{ region: b, segment: 1 }] }
`,
    );
    expect(loadScenario(file).scenario.regions[1]).toMatchObject({ name: 'b', wage: 3, landCost: 1 });
    // A bad value reached through a merge key is reported at the anchor's line.
    const bad = tmp.write('bad.yml', 'regions:\n  - &r\n    name: a\n    wage: -2\n  - { <<: *r, name: b }\n');
    const err = scenarioError(() => loadScenario(bad));
    expect(err.problems.map((p) => [p.path, p.line])).toEqual([['regions[0].wage', 4], ['regions[1].wage', 4]]);
  });

  it('returns a frozen scenario', () => {
    const s = loadScenario(tmp.write('s.yaml', MINIMAL_YAML)).scenario;
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.regions[0])).toBe(true);
  });

  it('names a missing file and lists the bundled scenarios', () => {
    const missing = path.join(tmp.dir, 'nope.yaml');
    const err = scenarioError(() => loadScenario(missing));
    expect(err.file).toBe(missing);
    expect(err.message).toContain(missing);
    expect(err.message).toContain('no such file');
    for (const { name } of listBundled()) expect(err.message).toContain(name);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(scenarioError(() => loadScenario(tmp.write('empty.yaml', '# nothing\n'))).found).toBe('an empty file');
    expect(scenarioError(() => loadScenario(tmp.write('list.yaml', '- 1\n- 2\n'))).expected).toMatch(/^a mapping/);
  });

  it('reports YAML syntax errors with their line', () => {
    const file = tmp.write('bad.yaml', 'regions:\n  - name: a\n    wage: [1, 2\nticks: 3\n');
    const err = scenarioError(() => loadScenario(file));
    expect(err.expected).toBe('valid YAML');
    expect(err.problems[0].line).toBeGreaterThanOrEqual(3);
    expect(err.message).toMatch(/bad\.yaml \(line \d+\): expected valid YAML, found /);
  });

  it('reports duplicate YAML keys', () => {
    const err = scenarioError(() => loadScenario(tmp.write('dup.yaml', `${MINIMAL_YAML}ticks: 3\nticks: 4\n`)));
    expect(err.expected).toBe('each key once in a mapping');
    expect(err.found).toBe('"ticks" again');
    expect(err.problems[0].line).toBe(6);
  });

  it('reports JSON syntax errors', () => {
    const err = scenarioError(() => loadScenario(tmp.write('bad.json', '{\n  "regions": [\n    { "name": "a" },\n  ]\n}\n')));
    expect(err.expected).toBe('valid JSON');
    expect(err.message).toContain('bad.json');
  });

  it('gives line numbers for JSON files too', () => {
    const err = scenarioError(() => loadScenario(tmp.write('s.json', '{\n  "regions": [{ "name": "a" }],\n  "ticks": "abc"\n}\n')));
    expect(err.problems.find((p) => p.path === 'ticks')?.line).toBe(3);
  });
});

describe('validateScenarioFile', () => {
  it('passes a file whose variants all apply', () => {
    const file = tmp.write('s.yaml', `${MINIMAL_YAML}variants:\n  fast: { set: { mechanisms.entry.rate: 4 } }\n`);
    expect(validateScenarioFile(file).variants).toEqual(['fast']);
  });

  it('catches a broken variant that loadScenario alone would not apply', () => {
    const file = tmp.write(
      's.yaml',
      `${MINIMAL_YAML}variants:
  good: { set: { ticks: 10 } }
  broken: { set: { mechanisms.entry.rate: -3 } }
  typo: { set: { mechanisms.entry.rat: 1 } }
`,
    );
    expect(loadScenario(file).variants).toEqual(['good', 'broken', 'typo']);
    const err = scenarioError(() => validateScenarioFile(file));
    expect(err.problems).toHaveLength(2);
    expect(err.message).toContain('variants.broken → mechanisms.entry.rate (line 7): expected a number ≥ 0, found -3');
    expect(err.message).toContain('variants.typo.set.mechanisms.entry.rat (line 8)');
  });
});

describe('listBundled', () => {
  it('lists names sorted, each with a file', () => {
    const list = listBundled();
    expect(list.map((b) => b.name)).toEqual(list.map((b) => b.name).sort());
    for (const b of list) {
      expect(path.isAbsolute(b.file)).toBe(true);
      expect(typeof b.description).toBe('string');
    }
  });
});
