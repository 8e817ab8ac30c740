// shenzhen-battery (seed document 000): the scenario holds the document's facts, and its claims —
// the promotion organisation fills its places and raises trust; without cross-region search the
// network closes in on itself; leaders buy mostly within their own district — hold over paired
// seeds (variant and base share each seed).
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { bundled, tailMean } from '../support/scenarios.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const LAST = 16; // ticks averaged at the end (4 years)

interface Outcome {
  trust: number;
  nonlocal: number;
  clustering: number;
  local: number;
  /** Σ_r (firms_r / N)² averaged over the same ticks: the local share if suppliers ignored place. */
  randomLocal: number;
  members: number;
  /** Suppliers of BYD (firm id 0) at the end, −1 if it has exited; the most any other leader has. */
  bydSuppliers: number;
  otherSuppliers: number;
}

function outcome(variant: string | null, seed: number): Outcome {
  const { world } = run(bundled('shenzhen-battery', { variant: variant ?? undefined }), { seed });
  const s = world.series;
  const R = s.regions;
  let randomLocal = 0;
  for (let t = s.recorded - LAST; t < s.recorded; t++) {
    const n = valueOf(s, 'firms', t, R);
    for (let r = 0; r < R; r++) randomLocal += (valueOf(s, 'firms', t, r) / n) ** 2 / LAST;
  }
  const { firms } = world;
  const suppliers = new Map<number, number>(); // leader id → suppliers
  for (let i = 0; i < firms.count; i++) {
    const b = firms.buyer[i];
    if (b >= 0) suppliers.set(firms.id[b], (suppliers.get(firms.id[b]) ?? 0) + 1);
  }
  const bydAlive = Array.from(firms.id.subarray(0, firms.count)).includes(0);
  const others = [...suppliers].filter(([id]) => id !== 0).map(([, n]) => n);
  return {
    bydSuppliers: bydAlive ? (suppliers.get(0) ?? 0) : -1,
    otherSuppliers: Math.max(0, ...others),
    trust: tailMean(s, 'mean_trust', R, LAST), nonlocal: tailMean(s, 'nonlocal_tie_share', R, LAST),
    clustering: tailMean(s, 'clustering_coefficient', R, LAST), local: tailMean(s, 'local_supply_ratio', R, LAST),
    randomLocal, members: valueOf(s, 'promotion_members', s.recorded - 1, R),
  };
}

describe('shenzhen-battery (bundled, seed document 000)', () => {
  const scenario = bundled('shenzhen-battery');
  const base: Outcome[] = [];
  const noPromotion: Outcome[] = [];
  const closed: Outcome[] = [];

  beforeAll(() => {
    for (const seed of SEEDS) {
      base.push(outcome(null, seed));
      noPromotion.push(outcome('no-promotion', seed));
      closed.push(outcome('closed', seed));
    }
  });

  it('holds the document’s facts: districts of one city, the materials-to-recycling loop, BYD as chain leader in Pingshan, a promotion organisation', () => {
    expect(scenario.regions.map((r) => r.name)).toEqual(['pingshan', 'guangming', 'longgang', 'baoan', 'nanshan']);
    expect(new Set(scenario.regions.map((r) => r.province)).size).toBe(1);
    expect(scenario.segments.count).toBe(8);
    const byd = scenario.firms.initial[0];
    expect(byd).toMatchObject({ region: 'pingshan', segment: 5, role: 'leader' });
    expect(scenario.promotionOrgs).toHaveLength(1);
    expect(scenario.promotionOrgs[0].regions).toHaveLength(5);
    expect(scenario.researchOrgs[0].region).toBe('nanshan');
    for (const m of ['networking', 'supply', 'migration', 'relocation'] as const) expect(scenario.mechanisms[m].enabled).toBe(true);
  });

  it('suppliers gather around the dominant leader: BYD survives and has the most suppliers', () => {
    const alive = base.filter((o) => o.bydSuppliers >= 0);
    console.log(`shenzhen-battery: BYD's suppliers ${base.map((o) => o.bydSuppliers).join(' ')}; most of any other leader ${base.map((o) => o.otherSuppliers).join(' ')}`);
    expect(alive.length).toBeGreaterThanOrEqual(SEEDS.length - 3);
    for (const o of alive) expect(o.bydSuppliers).toBeGreaterThan(o.otherSuppliers);
  });

  it('the promotion organisation fills its places and raises mean trust (paired seeds)', () => {
    const places = Math.floor(scenario.promotionOrgs[0].budgetPerYear / scenario.promotionOrgs[0].costPerMember);
    const higher = SEEDS.filter((_, k) => base[k].trust > noPromotion[k].trust).length;
    console.log(`shenzhen-battery: mean trust (last 4 years) with ${base.map((o) => o.trust.toFixed(3)).join(' ')}; without ${noPromotion.map((o) => o.trust.toFixed(3)).join(' ')}; higher with it in ${higher} of ${SEEDS.length}`);
    for (const o of base) expect(o.members).toBe(places);
    for (const o of noPromotion) expect(o.members).toBe(0);
    expect(higher).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });

  it('without cross-region search (closed) non-local ties vanish and the network closes: clustering rises (paired seeds)', () => {
    const rises = SEEDS.filter((_, k) => closed[k].clustering > base[k].clustering).length;
    console.log(`shenzhen-battery: non-local tie share ${base.map((o) => o.nonlocal.toFixed(3)).join(' ')} (closed ${closed.map((o) => o.nonlocal.toFixed(4)).join(' ')}); clustering ${base.map((o) => o.clustering.toFixed(3)).join(' ')} → closed ${closed.map((o) => o.clustering.toFixed(3)).join(' ')}`);
    for (const k of SEEDS.keys()) {
      expect(base[k].nonlocal).toBeGreaterThan(0.03);
      expect(closed[k].nonlocal).toBeLessThan(0.01); // ties made before a firm relocated may span districts
    }
    expect(rises).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });

  it('leaders buy mostly within their own district: local supply ratio above random matching, above 0.5 on average', () => {
    console.log(`shenzhen-battery: local supply ratio ${base.map((o) => o.local.toFixed(3)).join(' ')}; random matching ${base.map((o) => o.randomLocal.toFixed(3)).join(' ')}`);
    for (const o of base) expect(o.local).toBeGreaterThan(o.randomLocal);
    expect(base.reduce((s, o) => s + o.local, 0) / base.length).toBeGreaterThan(0.5);
  });
});
