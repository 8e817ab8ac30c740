import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, scenarioHash } from '../../src/scenarios/hash.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { tempDir, type TempDir } from './helpers.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('scenario hash', () => {
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(scenarioHash({ x: 1, y: 2 })).toBe(scenarioHash({ y: 2, x: 1 }));
  });

  it('is the same for the same content in a different order, format or with spelled-out defaults', () => {
    const a = tmp.write('a.yaml', `# comment\nticks: 100\nregions: [{ name: a, wage: 2 }]\nfirms: { initial: [{ region: a, segment: 0 }] }\n`);
    const b = tmp.write(
      'b.yaml',
      `firms:
  initial:
    - segment: 0
      region: a
regions:
  - wage: 2.0
    name: a
ticks: 100
seed: 1   # the default
`,
    );
    const c = tmp.write('c.json', JSON.stringify({ regions: [{ wage: 2, name: 'a' }], ticks: 100, firms: { initial: [{ segment: 0, region: 'a' }] } }));
    const h = loadScenario(a).hash;
    expect(loadScenario(b).hash).toBe(h);
    expect(loadScenario(c).hash).toBe(h);
  });

  it('changes when a value changes', () => {
    const a = tmp.write('a.yaml', 'regions: [{ name: a }]\nfirms: { initial: [{ region: a, segment: 0 }] }\n');
    const b = tmp.write('b.yaml', 'regions: [{ name: a }]\nfirms: { initial: [{ region: a, segment: 1 }] }\n');
    const c = tmp.write('c.yaml', 'regions: [{ name: a }]\nfirms: { initial: [{ region: a, segment: 0 }] }\nmechanisms: { spinoffs: { rate: 0.03 } }\n');
    expect(new Set([loadScenario(a).hash, loadScenario(b).hash, loadScenario(c).hash]).size).toBe(3);
  });
});
