// An industrial park is not a cluster (seed 003). Bundled `industrial-park`: the same 60 firms in
// one zone, either of any industry on a ring of 36 (base, `park`) or of three related industries
// tied by a promotion organisation (`cluster`, and `cluster-untied` without it); local returns on,
// and off in the two controls.
// Seeds 1–10, each layout on the same seeds. Seen: φ over the first five years 0.13–0.17 (park)
// and 0.65–0.71 (cluster); firms after 25 years 0–5 and 190–281; both 0 without local returns.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { bundled } from '../support/scenarios.ts';
import { mean } from '../support/stats.ts';

const SEEDS = 10;
const EARLY = 20; // the first five years (quarters)

interface Fate {
  phi: number; // mean local_returns over the first five years
  ties: number; // mean collaboration ties over the first five years
  firms: number; // at the end
}

function fates(variant?: string): Fate[] {
  const scenario = bundled('industrial-park', { variant });
  const out: Fate[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { world } = run(scenario, { seed });
    let phi = 0;
    let ties = 0;
    for (let t = 1; t <= EARLY; t++) {
      phi += valueOf(world.series, 'local_returns', t, 0) / EARLY;
      ties += valueOf(world.series, 'ties', t, 0) / EARLY;
    }
    out.push({ phi, ties, firms: valueOf(world.series, 'firms', world.tick, 0) });
  }
  return out;
}

describe('industrial-park (bundled)', () => {
  let park: Fate[] = [];
  let cluster: Fate[] = [];
  let untied: Fate[] = [];
  let controls: Fate[] = [];
  beforeAll(() => {
    park = fates();
    cluster = fates('cluster');
    untied = fates('cluster-untied');
    controls = [...fates('park-no-local-returns'), ...fates('cluster-no-local-returns')];
  });

  it('the same number of firms: unrelated ones gain a fraction of the local returns of related, tied ones', () => {
    expect(Math.max(...park.map((f) => f.phi))).toBeLessThan(0.25);
    expect(Math.min(...cluster.map((f) => f.phi))).toBeGreaterThan(0.55);
    expect(mean(cluster.map((f) => f.ties))).toBeGreaterThan(3 * mean(park.map((f) => f.ties)));
  });

  it('the park fades and the cluster reinforces itself', () => {
    expect(Math.max(...park.map((f) => f.firms))).toBeLessThanOrEqual(10);
    expect(Math.min(...cluster.map((f) => f.firms))).toBeGreaterThanOrEqual(120);
  });

  it('relatedness does it: without the promotion organisation the related firms tie up and take off too', () => {
    // Seen: ties 58–114 (untied) against 71–119 (with the organisation); 210–279 firms at the end.
    expect(mean(untied.map((f) => f.ties))).toBeGreaterThan(3 * mean(park.map((f) => f.ties)));
    expect(Math.min(...untied.map((f) => f.firms))).toBeGreaterThanOrEqual(120);
  });

  it('without local returns the layout makes no difference: both fade', () => {
    expect(Math.max(...controls.map((f) => f.firms))).toBe(0);
  });
});
