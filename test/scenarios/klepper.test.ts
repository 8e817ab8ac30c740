// Klepper (2007): spin-offs inherit a noisy copy of their parent's capability (heredity) and stay
// in its region; there is no agglomeration externality. Better parents have more spin-offs, and
// the spin-offs of better parents survive longer. In the bundled scenario learning and innovation
// are off, so a firm's capability never changes after birth (checked below): the parent's
// capability at a spin-off's birth is its capability in the ledger or at the end.
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT } from '../../src/engine/log.ts';
import { run } from '../../src/engine/run.ts';
import type { World } from '../../src/engine/world.ts';
import { bundled } from '../support/scenarios.ts';
import { correlation, mean, quantile } from '../support/stats.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const HORIZON_YEARS = 10;

interface Firm {
  capability: number;
  birth: number;
  death: number; // Infinity: alive at the end
  spinoffs: number;
}

interface Spinoff {
  parentCapability: number;
  capability: number;
  birth: number;
  death: number;
}

/** Every firm that ever lived (ledger of exits + survivors) and every spin-off, from one run. */
function genealogy(world: World): { firms: Map<number, Firm>; spinoffs: Spinoff[]; birthMismatches: number } {
  const firms = new Map<number, Firm>();
  const { ledger, events } = world;
  for (let i = 0; i < ledger.count; i++) {
    firms.set(ledger.id[i], { capability: ledger.capability[i], birth: ledger.birth[i], death: ledger.death[i], spinoffs: 0 });
  }
  const f = world.firms;
  for (let i = 0; i < f.count; i++) {
    firms.set(f.id[i], { capability: f.capability[i], birth: f.birth[i], death: Infinity, spinoffs: 0 });
  }
  const spinoffs: Spinoff[] = [];
  let birthMismatches = 0;
  for (let k = 0; k < events.count; k++) {
    const type = events.event[k];
    if (type === EVENT.exit) continue;
    const child = firms.get(events.firm[k])!;
    if (child.capability !== events.capability[k]) birthMismatches++; // capability changed after birth
    if (type !== EVENT.spinoff) continue;
    const parent = firms.get(events.parent[k])!;
    parent.spinoffs++;
    spinoffs.push({ parentCapability: parent.capability, capability: events.capability[k], birth: events.tick[k], death: child.death });
  }
  return { firms, spinoffs, birthMismatches };
}

describe('klepper (bundled)', () => {
  const scenario = bundled('klepper');
  const tpy = scenario.ticksPerYear;
  const firms: Firm[] = [];
  const spinoffs: Spinoff[] = [];
  let mismatches = 0;
  let changedInRun = 0;
  let end = 0;
  beforeAll(() => {
    for (const seed of SEEDS) {
      // Seed 1 also checks, tick by tick, that no firm's capability ever changes.
      const seen = new Map<number, number>();
      const { world } = run(scenario, {
        seed,
        onTick:
          seed === SEEDS[0]
            ? (w) => {
                for (let i = 0; i < w.firms.count; i++) {
                  const id = w.firms.id[i];
                  const c = seen.get(id);
                  if (c === undefined) seen.set(id, w.firms.capability[i]);
                  else if (c !== w.firms.capability[i]) changedInRun++;
                }
              }
            : undefined,
      });
      end = world.tick;
      const g = genealogy(world);
      firms.push(...g.firms.values());
      spinoffs.push(...g.spinoffs);
      mismatches += g.birthMismatches;
    }
  });

  it('has learning and innovation off, so capability is constant over a firm’s life', () => {
    expect(scenario.mechanisms.learning.enabled).toBe(false);
    expect(scenario.mechanisms.innovation.enabled).toBe(false);
    expect(changedInRun).toBe(0);
    expect(mismatches).toBe(0);
    expect(spinoffs.length).toBeGreaterThan(1000);
  });

  it('heredity: a spin-off’s capability at birth correlates with its parent’s (r > 0.5)', () => {
    const r = correlation(spinoffs.map((s) => s.parentCapability), spinoffs.map((s) => s.capability));
    console.log(`klepper: ${spinoffs.length} spin-offs over ${SEEDS.length} seeds, corr(parent, child capability) = ${r.toFixed(3)}`);
    expect(r).toBeGreaterThan(0.5);
  });

  it(`spin-offs of top-quartile parents survive ${HORIZON_YEARS} years more often than those of bottom-quartile parents`, () => {
    // Only spin-offs born at least the horizon before the end, so that none is censored.
    const horizon = HORIZON_YEARS * tpy;
    const eligible = spinoffs.filter((s) => s.birth <= end - horizon);
    const caps = eligible.map((s) => s.parentCapability);
    const q1 = quantile(caps, 0.25);
    const q3 = quantile(caps, 0.75);
    const survival = (group: Spinoff[]) => group.filter((s) => s.death - s.birth >= horizon).length / group.length;
    const bottom = eligible.filter((s) => s.parentCapability <= q1);
    const top = eligible.filter((s) => s.parentCapability >= q3);
    const sBottom = survival(bottom);
    const sTop = survival(top);
    // Two-proportion z statistic of the difference.
    const pooled = (sBottom * bottom.length + sTop * top.length) / (bottom.length + top.length);
    const z = (sTop - sBottom) / Math.sqrt(pooled * (1 - pooled) * (1 / bottom.length + 1 / top.length));
    console.log(
      `klepper: ${HORIZON_YEARS}-year survival of spin-offs — bottom-quartile parents (c ≤ ${q1.toFixed(3)}) ` +
        `${sBottom.toFixed(3)} (n = ${bottom.length}), top-quartile parents (c ≥ ${q3.toFixed(3)}) ${sTop.toFixed(3)} (n = ${top.length}), z = ${z.toFixed(1)}`,
    );
    expect(sTop - sBottom).toBeGreaterThan(0.1);
    expect(z).toBeGreaterThan(3);
  });

  it('better parents have more spin-offs', () => {
    const caps = firms.map((f) => f.capability);
    const q1 = quantile(caps, 0.25);
    const q3 = quantile(caps, 0.75);
    const bottom = mean(firms.filter((f) => f.capability <= q1).map((f) => f.spinoffs));
    const top = mean(firms.filter((f) => f.capability >= q3).map((f) => f.spinoffs));
    console.log(`klepper: spin-offs per firm — bottom capability quartile ${bottom.toFixed(3)}, top quartile ${top.toFixed(3)} (${firms.length} firms)`);
    expect(top).toBeGreaterThan(2 * bottom);
  });
});
