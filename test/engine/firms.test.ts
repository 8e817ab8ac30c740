import { describe, expect, it } from 'vitest';
import { addFirm, compactFirms, createFirms, FIRM_COLUMNS, KIND, MECHANISM_COLUMNS, meanCapability, ROLE, type Firms, type NewFirm } from '../../src/engine/firms.ts';

const firm = (k: number): NewFirm => ({
  parent: k - 1, kind: KIND.spinoff, role: ROLE.supplier, champion: k % 2 === 0, region: k % 3, segment: k % 5,
  birth: k, capability: 1 + k / 10, employees: 10 + k, cash: -k, rd: k / 100,
});

function filled(n: number, capacity = 4): Firms {
  const firms = createFirms(capacity);
  for (let k = 0; k < n; k++) addFirm(firms, firm(k));
  return firms;
}

describe('firms', () => {
  it('a firm slot costs 126 bytes, and the narrow columns hold every value the schema allows', () => {
    const firms = createFirms(8);
    let bytes = 0;
    for (const name of FIRM_COLUMNS) bytes += firms[name].byteLength;
    expect(bytes / 8).toBe(126);
    const i = addFirm(firms, { ...firm(0), region: 65534, segment: 255 });
    firms.promo[i] = 32766;
    firms.degree[i] = 64;
    expect([firms.region[i], firms.segment[i], firms.promo[i], firms.degree[i]]).toEqual([65534, 255, 32766, 64]);
    firms.promo[i] = -1;
    expect(firms.promo[i]).toBe(-1);
  });

  it('addFirm appends with the next id and every column set', () => {
    const firms = filled(3);
    expect(firms.count).toBe(3);
    expect(firms.nextId).toBe(3);
    expect(Array.from(firms.id.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(firms.parent[2]).toBe(1);
    expect(firms.kind[2]).toBe(KIND.spinoff);
    expect(firms.role[2]).toBe(ROLE.supplier);
    expect(firms.champion[2]).toBe(1);
    expect(firms.champion[1]).toBe(0);
    expect(firms.capability[2]).toBeCloseTo(1.2, 15);
    expect(firms.alive[2]).toBe(1);
    expect(firms.distress[2]).toBe(0);
  });

  it('grows by doubling and keeps every value', () => {
    const firms = filled(37, 4);
    expect(firms.capacity).toBe(64);
    for (const name of FIRM_COLUMNS) expect(firms[name].length).toBe(64);
    for (let k = 0; k < 37; k++) {
      expect(firms.id[k]).toBe(k);
      expect(firms.employees[k]).toBe(10 + k);
      expect(firms.segment[k]).toBe(k % 5);
    }
  });

  it('compaction removes the dead, keeps the order and ids of the living, reports the removed first', () => {
    const firms = filled(10);
    const dead = [0, 3, 4, 9];
    for (const i of dead) firms.alive[i] = 0;
    const reported: number[][] = [];
    const removed = compactFirms(firms, (i) => reported.push([i, firms.id[i], firms.employees[i]]));
    expect(removed).toBe(4);
    expect(reported).toEqual(dead.map((i) => [i, i, 10 + i])); // called before being overwritten, in order
    const kept = [1, 2, 5, 6, 7, 8];
    expect(firms.count).toBe(6);
    expect(Array.from(firms.id.subarray(0, 6))).toEqual(kept);
    // Every column moved together.
    kept.forEach((k, i) => {
      expect(firms.parent[i]).toBe(k - 1);
      expect(firms.region[i]).toBe(k % 3);
      expect(firms.birth[i]).toBe(k);
      expect(firms.cash[i]).toBe(-k);
      expect(firms.champion[i]).toBe(k % 2 === 0 ? 1 : 0);
    });
    expect(Array.from(firms.alive.subarray(0, 6))).toEqual([1, 1, 1, 1, 1, 1]);
    // Ids are never reused.
    const j = addFirm(firms, firm(50));
    expect(j).toBe(6);
    expect(firms.id[j]).toBe(10);
  });

  it('compaction with no dead firm changes nothing and reports nothing', () => {
    const firms = filled(5);
    let calls = 0;
    expect(compactFirms(firms, () => calls++)).toBe(0);
    expect(calls).toBe(0);
    expect(firms.count).toBe(5);
  });

  it('compaction of every firm leaves none', () => {
    const firms = filled(5);
    firms.alive.fill(0, 0, 5);
    expect(compactFirms(firms, () => {})).toBe(5);
    expect(firms.count).toBe(0);
    addFirm(firms, firm(1));
    expect(firms.alive[0]).toBe(1);
  });

  it('meanCapability is the mean, and 1 without firms', () => {
    expect(meanCapability(createFirms(4))).toBe(1);
    expect(meanCapability(filled(3))).toBeCloseTo(1.1, 15);
  });

  it('a firm slot costs < 300 bytes across all columns', () => {
    const firms = createFirms(1024);
    const bytes = FIRM_COLUMNS.reduce((s, name) => s + firms[name].byteLength, 0);
    expect(bytes / firms.capacity).toBeLessThan(300);
  });
});

describe('idle mechanism columns', () => {
  it('share one zero array that grows with the firms and is never moved', () => {
    const firms = createFirms(2, ['variety', 'embeddedness']);
    for (let k = 0; k < 9; k++) addFirm(firms, firm(k));
    expect(firms.capacity).toBe(16);
    expect(firms.variety).toBe(firms.embeddedness);
    expect(firms.variety.length).toBe(16);
    expect(firms.crowding).not.toBe(firms.variety);
    expect(firms.live).not.toContain('variety');
    firms.alive[3] = 0;
    compactFirms(firms, () => {});
    expect(Array.from(firms.id.subarray(0, firms.count))).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(firms.variety.every((x) => x === 0)).toBe(true);
  });

  it('stay zero through runs of every bundled scenario without their mechanism; in use they are their own arrays', async () => {
    const { bundledNames } = await import('../../src/scenarios/bundled.ts');
    const { loadScenario } = await import('../../src/scenarios/load.ts');
    const { run } = await import('../../src/engine/run.ts');
    const { idleColumns } = await import('../../src/engine/world.ts');
    let idleSeen = 0;
    let liveWritten = 0;
    for (const name of bundledNames().filter((n) => n !== 'scale')) {
      const scenario = loadScenario(name).scenario;
      const { world } = run(scenario, { seed: 1, ticks: Math.min(scenario.ticks, 40) });
      const { firms } = world;
      expect(firms.idle).toEqual(idleColumns(scenario));
      for (const column of firms.idle) {
        expect(firms[column], `${name}: ${column}`).toBe(firms[firms.idle[0]]);
        expect(firms[column].every((x) => x === 0), `${name}: ${column} written while idle`).toBe(true);
        idleSeen++;
      }
      for (const column of MECHANISM_COLUMNS) {
        if (firms.idle.includes(column)) continue;
        expect(firms.live).toContain(column);
        if (firms[column].subarray(0, firms.count).some((x) => x !== 0)) liveWritten++;
      }
    }
    expect(idleSeen).toBeGreaterThan(20);
    expect(liveWritten).toBeGreaterThan(3); // differentiation, local returns and networking scenarios write theirs
  });
});
