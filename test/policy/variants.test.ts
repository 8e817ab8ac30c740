// Variants add, remove and change levers; the change is recorded as immer patches on the base.
import { applyPatches } from 'immer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.ts';
import { tempDir, type TempDir } from '../scenarios/helpers.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const BASE = `ticks: 40
regions: [{ name: a }, { name: b }]
firms: { initial: [{ region: a, segment: 0, count: 5 }] }
levers:
  - { lever: openness, name: pipes, budget: { perYear: 2 } }
  - { lever: rdSubsidy, name: rd, regions: [a], when: { from: 2 } }
variants:
  stronger:
    set: { levers.1.intensity: 0.6, levers.1.when: { stage: growth } }
  added:
    set: { levers.2: { lever: entrySubsidy, name: land, regions: [b], budget: { total: 30 } } }
  fewer:
    overlay: { levers: [{ lever: rdSubsidy, name: rd, regions: [a], when: { from: 2 } }] }
`;

describe('variants of levers', () => {
  it('change, add and remove levers; the manifest patches rebuild the variant from the base', () => {
    const file = tmp.write('levers.yaml', BASE);
    const base = loadScenario(file);
    const stronger = loadScenario(file, { variant: 'stronger' });
    expect(stronger.scenario.levers[1]).toMatchObject({ intensity: 0.6, when: { stage: 'growth' } });
    expect(stronger.patches.map((p) => p.path.slice(0, 2))).toContainEqual(['levers', 1]);
    const added = loadScenario(file, { variant: 'added' });
    expect(added.scenario.levers.map((l) => l.name)).toEqual(['pipes', 'rd', 'land']);
    expect(added.scenario.levers[2].budget).toEqual({ perYear: null, total: 30 });
    const fewer = loadScenario(file, { variant: 'fewer' });
    expect(fewer.scenario.levers.map((l) => l.name)).toEqual(['rd']);
    for (const v of [stronger, added, fewer]) {
      expect(v.hash).toBe(base.hash); // the file's hash; the variant is in the patches
      expect(applyPatches(base.scenario, v.patches)).toEqual(v.scenario);
    }
  });
});
