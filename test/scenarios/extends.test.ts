import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.ts';
import { problemAt, scenarioError, tempDir, type TempDir } from './helpers.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const PARENT = `ticks: 50
regions:
  - { name: a, wage: 2 }
  - { name: b }
firms:
  initial:
    - { region: a, segment: 0, count: 3 }
mechanisms:
  spinoffs: { rate: 0.04, heredity: 0.9 }
`;

describe('extends', () => {
  it('merges the child over the parent: objects merge, arrays replace', () => {
    tmp.write('parent.yaml', PARENT);
    const child = tmp.write(
      'child.yaml',
      `extends: parent.yaml
ticks: 80
regions: [{ name: c }]
firms: { initial: [{ region: c, segment: 1 }] }
mechanisms:
  spinoffs: { rate: 0.1 }
`,
    );
    const s = loadScenario(child).scenario;
    expect(s.ticks).toBe(80);
    expect(s.regions.map((r) => r.name)).toEqual(['c']);
    expect(s.mechanisms.spinoffs).toMatchObject({ rate: 0.1, heredity: 0.9 });
    expect('extends' in s).toBe(false);
  });

  it('resolves relative to the extending file, across directories and formats', () => {
    mkdirSync(path.join(tmp.dir, 'base'));
    tmp.write('base/parent.json', JSON.stringify({ regions: [{ name: 'a' }], firms: { initial: [{ region: 'a', segment: 0 }] } }));
    tmp.write('base/middle.yaml', 'extends: parent.json\nticks: 7\n');
    const child = tmp.write('child.yaml', 'extends: base/middle.yaml\nseed: 9\n');
    expect(loadScenario(child).scenario).toMatchObject({ ticks: 7, seed: 9, regions: [{ name: 'a' }] });
  });

  it('hashes the merged result, the same as an equivalent single file', () => {
    tmp.write('parent.yaml', PARENT);
    const child = tmp.write('child.yaml', 'extends: parent.yaml\nticks: 60\n');
    const flat = tmp.write('flat.yaml', PARENT.replace('ticks: 50', 'ticks: 60'));
    expect(loadScenario(child).hash).toBe(loadScenario(flat).hash);
  });

  it('detects cycles', () => {
    tmp.write('a.yaml', 'extends: b.yaml\nregions: [{ name: a }]\n');
    tmp.write('b.yaml', 'extends: c.yaml\n');
    tmp.write('c.yaml', 'extends: a.yaml\n');
    const err = scenarioError(() => loadScenario(path.join(tmp.dir, 'a.yaml')));
    expect(err.path).toBe('extends');
    expect(err.found).toMatch(/^a cycle: .*a\.yaml → .*b\.yaml → .*c\.yaml → .*a\.yaml$/);
    expect(err.file.endsWith('c.yaml')).toBe(true);
    const self = scenarioError(() => loadScenario(tmp.write('self.yaml', 'extends: self.yaml\n')));
    expect(self.found).toMatch(/^a cycle: .*self\.yaml → .*self\.yaml$/);
  });

  it('names a missing parent with the line of extends', () => {
    const child = tmp.write('child.yaml', 'ticks: 3\nextends: nowhere.yaml\n');
    const err = scenarioError(() => loadScenario(child));
    expect(err).toMatchObject({ path: 'extends', found: '"nowhere.yaml", no such file' });
    expect(err.problems[0].line).toBe(2);
  });

  it('points problems at the file and line the value came from', () => {
    tmp.write('parent.yaml', PARENT.replace('rate: 0.04', 'rate: 4'));
    const child = tmp.write('child.yaml', 'extends: parent.yaml\n\nticks: -1\n');
    const err = scenarioError(() => loadScenario(child));
    expect(err.file.endsWith('child.yaml')).toBe(true);
    expect(problemAt(err, 'ticks').line).toBe(3);
    expect(problemAt(err, 'ticks').file).toBeUndefined();
    const rate = problemAt(err, 'mechanisms.spinoffs.rate');
    expect(rate.line).toBe(9);
    expect(rate.file?.endsWith('parent.yaml')).toBe(true);
    expect(err.message).toMatch(/child\.yaml: mechanisms\.spinoffs\.rate \(.*parent\.yaml line 9\): expected a number from 0 to 1, found 4/);
  });

  it('a child array replaces the parent array, so a missing key is reported in the child', () => {
    tmp.write('parent.yaml', PARENT);
    const child = tmp.write('child.yaml', 'extends: parent.yaml\nregions:\n  - { wage: 3 }\n');
    const p = problemAt(scenarioError(() => loadScenario(child)), 'regions[0].name');
    expect(p).toMatchObject({ line: 3, found: 'nothing' });
    expect(p.file).toBeUndefined();
  });
});
