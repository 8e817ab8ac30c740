// Duplicated building (seed 004): four similar regions subsidise entrants of the same two industries
// (`same-targets`) or each its own two (`own-targets`), with the same incentive and budget. Paired
// on seeds 1–10. With the same targets, entrants pile into the two industries, their price falls
// and more firms exit (homogeneous competition), and no region gains the local returns of its own
// cluster; with own targets each region gathers related firms. Tolerances: the differences seen
// on 20 seeds (compare) less about two standard errors of a 10-seed mean.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import type { World } from '../../src/engine/world.ts';
import { bundled } from '../support/scenarios.ts';
import { mean } from '../support/stats.ts';

const SEEDS = 10;
const TARGETS = [3, 4];

interface Fate {
  exits: number;
  meanEmployment: number;
  targetShare: number; // share of employment in industries 3 and 4 at the end
  targetPrice: number; // mean price of industries 3 and 4 at the end
  localReturns: number[]; // per region, at the end
}

function fate(world: World): Fate {
  const R = world.regions.count;
  let exits = 0;
  let employment = 0;
  for (let t = 1; t <= world.tick; t++) {
    exits += valueOf(world.series, 'exits', t, R);
    employment += valueOf(world.series, 'employment', t, R);
  }
  const f = world.firms;
  let inTargets = 0;
  let total = 0;
  for (let i = 0; i < f.count; i++) {
    total += f.employees[i];
    if (TARGETS.includes(f.segment[i])) inTargets += f.employees[i];
  }
  return {
    exits,
    meanEmployment: employment / world.tick,
    targetShare: inTargets / total,
    targetPrice: mean(TARGETS.map((s) => world.segments.price[s])),
    localReturns: Array.from({ length: R }, (_, r) => valueOf(world.series, 'local_returns', world.tick, r)),
  };
}

describe('duplicated-building (bundled)', () => {
  const same: Fate[] = [];
  const own: Fate[] = [];
  const none: Fate[] = [];
  beforeAll(() => {
    const a = bundled('duplicated-building', { variant: 'same-targets' });
    const b = bundled('duplicated-building', { variant: 'own-targets' });
    const c = bundled('duplicated-building');
    for (let seed = 1; seed <= SEEDS; seed++) {
      same.push(fate(run(a, { seed }).world));
      own.push(fate(run(b, { seed }).world));
      none.push(fate(run(c, { seed }).world));
    }
  });
  const diff = (get: (f: Fate) => number, base = own) => same.map((f, k) => get(f) - get(base[k]));

  it('the same targets pile entrants into the target industries and lower their price', () => {
    // Against no policy: the common target list draws entrants into industries 3 and 4.
    expect(mean(diff((f) => f.targetShare, none))).toBeGreaterThan(0.01);
    expect(mean(diff((f) => f.targetPrice, none))).toBeLessThan(-0.03);
    // Against own targets (one region of which also targets 3 and 4): still more of them there.
    expect(mean(diff((f) => f.targetShare))).toBeGreaterThan(0.005);
  });

  it('homogeneous competition: more exits and less employment over the run', () => {
    expect(mean(diff((f) => f.exits))).toBeGreaterThan(8); // seen: +23.6 [13.7, 32.9] on 20 seeds
    for (const d of diff((f) => f.meanEmployment)) expect(d).toBeLessThan(0); // seen: −317 [−369, −262]
  });

  it('no region grows its own cluster: every region has lower local returns than with its own targets', () => {
    for (let r = 0; r < 4; r++) expect(mean(diff((f) => f.localReturns[r]))).toBeLessThan(-0.01);
  });
});
