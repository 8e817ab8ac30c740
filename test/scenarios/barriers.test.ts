// Administrative barriers (seed 004): removing them (barriers.between: 0) raises migration,
// supply and collaboration across province borders. Paired seeds: the same seeds with and
// without barriers, every new mechanism on.
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/engine/world.ts';
import { measuredRun, provincesScenario, type Measures } from './provinces.ts';

const ALL_ON = {
  supply: { enabled: true, leaders: { perSegment: 2 } },
  migration: { enabled: true },
  relocation: { enabled: true },
  networking: { enabled: true },
};
const SEEDS = [1, 2, 3, 4, 5, 6];
const BARRIER = 0.6;

/** Firm–firm collaboration ties at the end, and those whose firms are in different provinces. */
function collaboration(world: World): { ties: number; across: number } {
  const { ties, firms, regions } = world;
  let n = 0;
  let across = 0;
  for (let t = 0; t < ties.count; t++) {
    const b = ties.b[t];
    if (b < 0) continue;
    n++;
    if (regions.province[firms.region[ties.a[t]]] !== regions.province[firms.region[b]]) across++;
  }
  return { ties: n, across };
}

interface Outcome {
  m: Measures;
  coreInflow: number; // workers into the core, the only region of its province
  crossShare: number; // migrants into single-region provinces (core, z1) / all migrants
  corePoolShare: number;
  otherProvinces: number; // share of leaders' purchases from suppliers bought in other provinces
  provinceRatio: number;
  tiesAcross: number; // share of supply tie-ticks across a province border
  collab: { ties: number; across: number };
}

function outcome(between: number, seed: number): Outcome {
  const { world, m } = measuredRun(provincesScenario(between, ALL_ON), seed);
  const inflow = Array.from(m.migrantsIn);
  const pool = Array.from(world.regions.labourPool);
  return {
    m,
    coreInflow: inflow[0],
    crossShare: (inflow[0] + inflow[3]) / inflow.reduce((s, x) => s + x, 0),
    corePoolShare: pool[0] / pool.reduce((s, x) => s + x, 0),
    otherProvinces: m.otherProvinces / m.fromSuppliers,
    provinceRatio: m.inProvince / m.purchases,
    tiesAcross: m.supplyTiesAcross / m.supplyTies,
    collab: collaboration(world),
  };
}

const pairs = SEEDS.map((seed) => ({ seed, closed: outcome(BARRIER, seed), open: outcome(0, seed) }));
const mean = (f: (o: Outcome) => number, side: 'closed' | 'open') => pairs.reduce((s, p) => s + f(p[side]), 0) / pairs.length;

describe('barriers between provinces (paired seeds, barriers.between 0.6 vs 0)', () => {
  it('removing barriers raises migration across provinces: the core draws more talent', () => {
    for (const { closed, open } of pairs) {
      expect(open.coreInflow).toBeGreaterThan(2 * closed.coreInflow);
      expect(open.crossShare).toBeGreaterThan(closed.crossShare + 0.1);
      expect(open.corePoolShare).toBeGreaterThan(closed.corePoolShare);
    }
  });

  it('removing barriers raises the share of leaders’ purchases bought in other provinces and lowers the province supply ratio', () => {
    let wins = 0;
    for (const { closed, open } of pairs) {
      if (open.otherProvinces > closed.otherProvinces && open.provinceRatio < closed.provinceRatio) wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(5);
    expect(mean((o) => o.otherProvinces, 'open') - mean((o) => o.otherProvinces, 'closed')).toBeGreaterThan(0.04);
    expect(mean((o) => o.provinceRatio, 'closed') - mean((o) => o.provinceRatio, 'open')).toBeGreaterThan(0.02);
    expect(mean((o) => o.tiesAcross, 'open')).toBeGreaterThan(mean((o) => o.tiesAcross, 'closed'));
  });

  it('removing barriers raises cross-province collaboration ties', () => {
    for (const { closed, open } of pairs) expect(open.collab.across).toBeGreaterThan(closed.collab.across);
    const share = (side: 'closed' | 'open') => mean((o) => o.collab.across / Math.max(1, o.collab.ties), side);
    expect(share('open')).toBeGreaterThan(2 * share('closed'));
  });

  it('removing barriers lets firms relocate across provinces', () => {
    const moves = (side: 'closed' | 'open') => pairs.reduce((s, p) => s + p[side].m.relocations, 0);
    expect(moves('open')).toBeGreaterThan(moves('closed') + 10);
    if (process.env.CLUSTERLAB_REPORT) {
      const row = (side: 'closed' | 'open') => ({
        coreInflow: Math.round(mean((o) => o.coreInflow, side)),
        crossShare: mean((o) => o.crossShare, side).toFixed(3),
        corePoolShare: mean((o) => o.corePoolShare, side).toFixed(3),
        otherProvinces: mean((o) => o.otherProvinces, side).toFixed(3),
        provinceRatio: mean((o) => o.provinceRatio, side).toFixed(3),
        localRatio: mean((o) => o.m.local / o.m.purchases, side).toFixed(3),
        tiesAcross: mean((o) => o.tiesAcross, side).toFixed(3),
        collabAcross: mean((o) => o.collab.across, side).toFixed(1),
        collabShare: mean((o) => o.collab.across / Math.max(1, o.collab.ties), side).toFixed(3),
        relocations: mean((o) => o.m.relocations, side).toFixed(1),
      });
      const wins = pairs.filter((p) => p.open.otherProvinces > p.closed.otherProvinces && p.open.provinceRatio < p.closed.provinceRatio).length;
      console.log({ closed: row('closed'), open: row('open'), supplyWins: wins });
    }
  });

});
