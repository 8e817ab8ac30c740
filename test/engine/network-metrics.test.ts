// The network, supply and mobility columns on hand-built worlds with hand-computed values.
import { describe, expect, it } from 'vitest';
import { computeMetrics, METRICS, SUM_METRICS } from '../../src/engine/metrics.ts';
import { NETWORK_DEFS } from '../../src/engine/network-metrics.ts';
import { Stream } from '../../src/engine/rng.ts';
import { addTie, orgEndpoint, removeTies } from '../../src/engine/ties.ts';
import type { World } from '../../src/engine/world.ts';
import { addTestFirm, scenarioOf, worldOf } from '../support/worlds.ts';

/** A world of R regions (r0 and r1 in province P, the others each in their own) with n_r firms each. */
function worldWith(perRegion: number[], orgs: string[] = []): World {
  const scenario = scenarioOf({
    regions: perRegion.map((_, r) => ({ name: `r${r}`, province: r < 2 ? 'P' : `Q${r}`, labourPool: 100 * (r + 1), skill: 1 + r })),
    researchOrgs: orgs.map((region) => ({ region })),
  });
  const world = worldOf(scenario);
  perRegion.forEach((n, r) => { for (let k = 0; k < n; k++) addTestFirm(world, { region: r }); });
  return world;
}

function tie(world: World, a: number, b: number, trust = 0.5): void {
  addTie(world.ties, world.firms, a, b, trust, world.tick);
}

/** The metrics as { name: [region 0, …, region R−1, all] }. */
function metricsOf(world: World): Record<string, number[]> {
  const R = world.regions.count;
  const out = METRICS.map(() => new Float64Array(R + 1));
  computeMetrics(world, out, 0);
  return Object.fromEntries(METRICS.map((m, j) => [m.name, Array.from(out[j])]));
}

/** Transitivity by brute force over all triples of firms (the definition, O(n³)). */
function bruteTransitivity(world: World, keep: (i: number) => boolean): number {
  const n = world.firms.count;
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (let t = 0; t < world.ties.count; t++) {
    const a = world.ties.a[t];
    const b = world.ties.b[t];
    if (b < 0 || !keep(a) || !keep(b)) continue;
    adj[a].add(b);
    adj[b].add(a);
  }
  let closed = 0;
  let triples = 0;
  for (let v = 0; v < n; v++) {
    const nb = [...adj[v]];
    for (let x = 0; x < nb.length; x++) {
      for (let y = x + 1; y < nb.length; y++) {
        triples++;
        if (adj[nb[x]].has(nb[y])) closed++;
      }
    }
  }
  return triples > 0 ? closed / triples : 0;
}

describe('network metric columns', () => {
  it('are appended after the classic columns, in NETWORK_DEFS order, with the additive ones summed', () => {
    const names = METRICS.map((m) => m.name);
    const k = names.indexOf('mean_age_years');
    expect(names.slice(k + 1, k + 1 + NETWORK_DEFS.length)).toEqual(NETWORK_DEFS.map((d) => d.name));
    for (const n of ['ties_formed', 'ties_dissolved', 'supply_ties', 'promotion_members', 'migrants_in', 'migrants_out', 'relocations', 'relocations_in']) {
      expect(SUM_METRICS).toContain(n);
    }
    for (const n of ['ties', 'network_density', 'clustering_coefficient', 'nonlocal_tie_share', 'mean_trust', 'local_supply_ratio', 'province_supply_ratio', 'skill']) {
      expect(SUM_METRICS).not.toContain(n);
    }
  });
});

describe('computeNetworkMetrics', () => {
  it('gives a triangle plus a pendant transitivity 3/5 and density 4/6', () => {
    const w = worldWith([4]);
    tie(w, 0, 1); tie(w, 1, 2); tie(w, 2, 0); tie(w, 0, 3);
    const m = metricsOf(w);
    // Triples: C(3,2) at firm 0, 1 at firms 1 and 2, none at the pendant; one triangle.
    expect(m.clustering_coefficient[0]).toBeCloseTo(3 / 5, 12);
    expect(m.clustering_coefficient[1]).toBeCloseTo(3 / 5, 12);
    expect(m.network_density[0]).toBeCloseTo(4 / 6, 12);
    expect(m.ties).toEqual([4, 4]);
    expect(m.nonlocal_tie_share).toEqual([0, 0]);
    expect(m.mean_trust[0]).toBeCloseTo(0.5, 12);
  });

  it('gives a complete graph transitivity and density 1, a star and a path transitivity 0', () => {
    const k5 = worldWith([5]);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) tie(k5, i, j);
    expect(metricsOf(k5).clustering_coefficient[0]).toBeCloseTo(1, 12);
    expect(metricsOf(k5).network_density[0]).toBeCloseTo(1, 12);
    const star = worldWith([5]);
    for (let j = 1; j < 5; j++) tie(star, 0, j);
    expect(metricsOf(star).clustering_coefficient[0]).toBe(0);
    expect(metricsOf(star).network_density[0]).toBeCloseTo(4 / 10, 12);
  });

  it('counts a tie between regions in both, restricts density and clustering to the region, and splits local and non-local', () => {
    // r0: firms 0, 1, 2 (a triangle); r1: firms 3, 4; research organisation 0 sits in r0.
    const w = worldWith([3, 2], ['r0']);
    tie(w, 0, 1, 0.2); tie(w, 1, 2, 0.4); tie(w, 0, 2, 0.6); // inside r0
    tie(w, 0, 3, 0.8); // r0–r1
    tie(w, 3, 4, 1.0); // inside r1
    tie(w, 4, orgEndpoint(0), 0.3); // r1 firm – r0 research organisation
    const m = metricsOf(w);
    expect(m.ties).toEqual([4, 3, 6]);
    expect(m.nonlocal_tie_share[0]).toBeCloseTo(1 / 4, 12);
    expect(m.nonlocal_tie_share[1]).toBeCloseTo(2 / 3, 12);
    expect(m.nonlocal_tie_share[2]).toBeCloseTo(2 / 6, 12);
    expect(m.mean_trust[0]).toBeCloseTo((0.2 + 0.4 + 0.6 + 0.8) / 4, 12);
    expect(m.mean_trust[1]).toBeCloseTo((0.8 + 1.0 + 0.3) / 3, 12);
    expect(m.mean_trust[2]).toBeCloseTo((0.2 + 0.4 + 0.6 + 0.8 + 1.0 + 0.3) / 6, 12);
    expect(m.network_density[0]).toBeCloseTo(1, 12); // 3 of 3 pairs
    expect(m.network_density[1]).toBeCloseTo(1, 12); // 1 of 1 pair
    expect(m.network_density[2]).toBeCloseTo(5 / 10, 12); // firm–firm ties only
    expect(m.clustering_coefficient[0]).toBeCloseTo(1, 12); // the r0 triangle alone
    expect(m.clustering_coefficient[1]).toBe(0); // one edge: no triple
    // Whole firm graph: triples 3 (firm 0) + 1 + 1 + 1 (firm 3) = 6, one triangle.
    expect(m.clustering_coefficient[2]).toBeCloseTo(3 / 6, 12);
  });

  it('matches brute-force transitivity and density on random graphs over three regions', () => {
    const rng = new Stream('7', 'test');
    for (let rep = 0; rep < 5; rep++) {
      const w = worldWith([12, 9, 7]);
      const n = w.firms.count;
      const seen = new Set<number>();
      for (let e = 0; e < 70; e++) {
        const a = rng.int(0, n - 1);
        const b = rng.int(0, n - 1);
        const key = Math.min(a, b) * n + Math.max(a, b);
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        tie(w, a, b, rng.range(0, 1));
      }
      const m = metricsOf(w);
      const region = w.firms.region;
      expect(m.clustering_coefficient[3]).toBeCloseTo(bruteTransitivity(w, () => true), 12);
      for (let r = 0; r < 3; r++) {
        expect(m.clustering_coefficient[r]).toBeCloseTo(bruteTransitivity(w, (i) => region[i] === r), 12);
        let inside = 0;
        for (let t = 0; t < w.ties.count; t++) if (region[w.ties.a[t]] === r && region[w.ties.b[t]] === r) inside++;
        const nr = [12, 9, 7][r];
        expect(m.network_density[r]).toBeCloseTo(inside / ((nr * (nr - 1)) / 2), 12);
      }
      expect(m.network_density[3]).toBeCloseTo(w.ties.count / ((n * (n - 1)) / 2), 12);
    }
  });

  it('follows ties removed after an earlier computation (nothing stale is kept between calls)', () => {
    const w = worldWith([3]);
    tie(w, 0, 1); tie(w, 1, 2); tie(w, 2, 0);
    expect(metricsOf(w).clustering_coefficient[0]).toBeCloseTo(1, 12);
    removeTies(w.ties, w.firms, (t) => t !== 2);
    const m = metricsOf(w);
    expect(m.clustering_coefficient[0]).toBe(0);
    expect(m.ties[0]).toBe(2);
  });

  it('gives supply ratios from world.supply by the leader’s region, Σ/Σ for all, 0 without purchases', () => {
    const w = worldWith([2, 2, 1]);
    w.supply.purchases.set([10, 20, 0]);
    w.supply.local.set([4, 5, 0]);
    w.supply.province.set([6, 10, 0]);
    const m = metricsOf(w);
    expect(m.local_supply_ratio[0]).toBeCloseTo(0.4, 12);
    expect(m.local_supply_ratio[1]).toBeCloseTo(0.25, 12);
    expect(m.local_supply_ratio[2]).toBe(0);
    expect(m.local_supply_ratio[3]).toBeCloseTo(9 / 30, 12);
    expect(m.province_supply_ratio[0]).toBeCloseTo(0.6, 12);
    expect(m.province_supply_ratio[1]).toBeCloseTo(0.5, 12);
    expect(m.province_supply_ratio[3]).toBeCloseTo(16 / 30, 12);
  });

  it('counts suppliers by their own region and promotion members', () => {
    const w = worldWith([2, 3]);
    // Firms 0, 1 in r0; 2, 3, 4 in r1. Firm 2 (r1) supplies leader 0 (r0); firm 1 supplies firm 4.
    w.firms.buyer[2] = 0;
    w.firms.buyer[1] = 4;
    w.firms.promo[0] = 0; w.firms.promo[3] = 1; w.firms.promo[4] = 0;
    const m = metricsOf(w);
    expect(m.supply_ties).toEqual([1, 1, 2]);
    expect(m.promotion_members).toEqual([1, 2, 3]);
  });

  it('reports the tick’s counts of ties, migrants and relocations, and the pool-weighted skill', () => {
    const w = worldWith([1, 1, 1]);
    const c = w.counts;
    c.tiesFormed.set([3, 0, 2]); c.tiesDissolved.set([1, 1, 0]);
    c.migrantsIn.set([0.5, 2.25, 0]); c.migrantsOut.set([2, 0, 0.75]);
    c.relocationsOut.set([0, 2, 1]); c.relocationsIn.set([3, 0, 0]);
    const m = metricsOf(w);
    expect(m.ties_formed).toEqual([3, 0, 2, 5]);
    expect(m.ties_dissolved).toEqual([1, 1, 0, 2]);
    expect(m.migrants_in).toEqual([0.5, 2.25, 0, 2.75]);
    expect(m.migrants_out).toEqual([2, 0, 0.75, 2.75]);
    expect(m.relocations).toEqual([0, 2, 1, 3]);
    expect(m.relocations_in).toEqual([3, 0, 0, 3]);
    // Pools 100, 200, 300 with skills 1, 2, 3.
    expect(m.skill.slice(0, 3)).toEqual([1, 2, 3]);
    expect(m.skill[3]).toBeCloseTo((100 + 400 + 900) / 600, 12);
  });

  it('is all zeros without ties, suppliers or members, and finite for an empty world', () => {
    const w = worldWith([3, 0]);
    const m = metricsOf(w);
    for (const d of NETWORK_DEFS) {
      if (d.name === 'skill') continue;
      expect(m[d.name], d.name).toEqual([0, 0, 0]);
    }
    const empty = metricsOf(worldWith([0, 0]));
    for (const d of NETWORK_DEFS) for (const v of empty[d.name]) expect(Number.isFinite(v), d.name).toBe(true);
  });

  it('gives the same values when computed again (scratch is reset)', () => {
    const w = worldWith([3, 2]);
    tie(w, 0, 1); tie(w, 1, 2); tie(w, 0, 3); tie(w, 3, 4);
    w.firms.buyer[4] = 3;
    expect(metricsOf(w)).toEqual(metricsOf(w));
  });
});
