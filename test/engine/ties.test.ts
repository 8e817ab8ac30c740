import { describe, expect, it } from 'vitest';
import { addFirm, compactFirms, createFirms, KIND, ROLE, survivorIndex, type Firms } from '../../src/engine/firms.ts';
import {
  addTie, adjacency, createTies, orgEndpoint, orgOf, partnerOf, remapBuyers, remapTies, removeTies, tied, type Ties,
} from '../../src/engine/ties.ts';

function firmsOf(n: number): Firms {
  const firms = createFirms(4);
  for (let k = 0; k < n; k++) {
    addFirm(firms, {
      parent: -1, kind: KIND.startup, role: ROLE.independent, champion: false, region: 0, segment: 0,
      birth: 0, capability: 1, employees: 1, cash: 0, rd: 0,
    });
  }
  return firms;
}

/** Degrees recounted from the edge list (the invariant `firms.degree` must keep). */
function countedDegrees(ties: Ties, n: number): number[] {
  const d = new Array<number>(n).fill(0);
  for (let t = 0; t < ties.count; t++) {
    d[ties.a[t]]++;
    if (ties.b[t] >= 0) d[ties.b[t]]++;
  }
  return d;
}

const pairs = (ties: Ties) => Array.from({ length: ties.count }, (_, t) => [ties.a[t], ties.b[t]]);

describe('ties', () => {
  it('addTie keeps degrees, grows past its capacity and encodes research organisations', () => {
    const firms = firmsOf(5);
    const ties = createTies(2);
    addTie(ties, firms, 0, 1, 0.1, 3);
    addTie(ties, firms, 1, 2, 0.2, 4);
    addTie(ties, firms, 3, orgEndpoint(1), 0.3, 5);
    expect(ties.capacity).toBe(4);
    expect(Array.from(firms.degree.subarray(0, 5))).toEqual([1, 2, 1, 1, 0]);
    expect(orgOf(ties.b[2])).toBe(1);
    expect(orgOf(ties.b[0])).toBe(-1);
    expect(ties.birth[1]).toBe(4);
    expect(ties.last[1]).toBe(4);
    expect(ties.trust[2]).toBe(0.3);
  });

  it('adjacency lists every tie at both firm endpoints and is rebuilt only after a change', () => {
    const firms = firmsOf(4);
    const ties = createTies();
    addTie(ties, firms, 0, 1, 0, 0);
    addTie(ties, firms, 2, 0, 0, 0);
    addTie(ties, firms, 3, orgEndpoint(0), 0, 0);
    const adj = adjacency(ties, firms, null);
    const partners = (i: number) => Array.from(adj.edges.subarray(adj.start[i], adj.start[i + 1]), (t) => partnerOf(ties, t, i));
    expect(partners(0).sort()).toEqual([1, 2]);
    expect(partners(1)).toEqual([0]);
    expect(partners(3)).toEqual([orgEndpoint(0)]);
    expect(tied(ties, adj, 2, 0)).toBe(true);
    expect(tied(ties, adj, 1, 2)).toBe(false);
    expect(adjacency(ties, firms, adj)).toBe(adj);
    addTie(ties, firms, 1, 2, 0, 1);
    const next = adjacency(ties, firms, adj);
    expect(tied(ties, next, 1, 2)).toBe(true);
  });

  it('removeTies drops ties in order and lowers degrees', () => {
    const firms = firmsOf(4);
    const ties = createTies();
    addTie(ties, firms, 0, 1, 0.1, 0);
    addTie(ties, firms, 1, 2, 0.2, 0);
    addTie(ties, firms, 2, 3, 0.3, 0);
    const version = ties.version;
    expect(removeTies(ties, firms, (t) => ties.trust[t] !== 0.2)).toBe(1);
    expect(pairs(ties)).toEqual([[0, 1], [2, 3]]);
    expect(Array.from(firms.degree.subarray(0, 4))).toEqual(countedDegrees(ties, 4));
    expect(ties.version).toBeGreaterThan(version);
  });

  it('after compaction, ties of firms that left are dropped and endpoints renumbered', () => {
    const firms = firmsOf(6);
    const ties = createTies();
    addTie(ties, firms, 0, 1, 0, 0);
    addTie(ties, firms, 1, 4, 0, 0);
    addTie(ties, firms, 2, 5, 0, 0);
    addTie(ties, firms, 5, orgEndpoint(2), 0, 0);
    addTie(ties, firms, 4, 5, 0, 0);
    firms.buyer[5] = 4;
    firms.role[5] = ROLE.supplier;
    firms.buyer[3] = 1;
    firms.role[3] = ROLE.supplier;
    firms.alive[1] = 0;
    firms.alive[2] = 0;
    const remap = survivorIndex(firms);
    expect(Array.from(remap)).toEqual([0, -1, -1, 1, 2, 3]);
    compactFirms(firms, () => {});
    remapTies(ties, firms, remap);
    remapBuyers(firms, remap);
    // Survivors 0, 3, 4, 5 are now 0, 1, 2, 3.
    expect(pairs(ties)).toEqual([[3, orgEndpoint(2)], [2, 3]]);
    expect(Array.from(firms.degree.subarray(0, 4))).toEqual(countedDegrees(ties, 4));
    expect(firms.buyer[3]).toBe(2);
    expect(firms.buyer[1]).toBe(-1);
    expect(firms.role[1]).toBe(ROLE.independent);
    expect(firms.role[3]).toBe(ROLE.supplier);
  });
});
