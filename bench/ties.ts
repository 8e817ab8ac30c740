// `npx tsx bench/ties.ts`: the cost of ties, supply chains, migration and relocation at scale
// (docs/PERFORMANCE.md, "Networks"). The bundled `scale` scenario (every classic mechanism on)
// with networking, supply, migration and relocation switched on and one promotion organisation
// per province, at 10,000 and 100,000 firms, T = 100: in-loop firm-ticks/s (median of 3 runs), the
// ratio of the cost per firm-tick 100k / 10k (1 = linear), the same without the new mechanisms,
// the ties and supply ties at the end, and the time per process at 100,000 firms.
// Only prints; nothing is written.
import os from 'node:os';
import { run } from '../src/engine/run.ts';
import { valueOf } from '../src/engine/series.ts';
import type { Scenario } from '../src/scenarios/schema.ts';
import { measureRun, processTimes, repeatRuns, scaleScenario } from './measure.ts';

const REPEATS = 3;
const TICKS = 100;

/** `scale` with n firms and the mechanisms of issue 5 on. */
function networked(n: number): Scenario {
  const f = n / 100_000;
  return scaleScenario(n, {
    'mechanisms.networking.enabled': true,
    'mechanisms.supply.enabled': true,
    'mechanisms.migration.enabled': true,
    'mechanisms.relocation.enabled': true,
    'promotionOrgs': [
      { name: 'east', regions: ['core', 'satellite'], budgetPerYear: 20_000 * f },
      { name: 'south', regions: ['port', 'inland'], budgetPerYear: 10_000 * f },
      { name: 'north', regions: ['capital', 'frontier'], budgetPerYear: 10_000 * f },
    ],
  });
}



console.log(`clusterlab bench (networks) — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.arch()}`);
console.log(`In-loop firm-ticks per second, scale scenario, T = ${TICKS}, seeds 1–${REPEATS}.\n`);

measureRun(networked(10_000), 99, 10); // warm-up

console.log('1. scale with networking, supply, migration and relocation on');
const small = repeatRuns('networked 10k', networked(10_000), TICKS, REPEATS);
const big = repeatRuns('networked 100k', networked(100_000), TICKS, REPEATS);
console.log(`  → cost per firm-tick 100k / 10k = ${(big.ns / small.ns).toFixed(2)} (1 = linear)`);
for (const [label, n] of [['10k', 10_000], ['100k', 100_000]] as const) {
  const { world } = run(networked(n), { seed: 1, ticks: TICKS });
  const s = world.series;
  const R = s.regions;
  const at = (m: string) => valueOf(s, m, TICKS, R);
  let maxDegree = 0;
  for (let i = 0; i < world.firms.count; i++) maxDegree = Math.max(maxDegree, world.firms.degree[i]);
  console.log(
    `  ${label} at tick ${TICKS}: ${at('firms')} firms, ${at('ties')} ties (${(2 * at('ties') / at('firms')).toFixed(2)} per firm, max degree ${maxDegree}), ` +
      `${at('supply_ties')} supply ties, clustering ${at('clustering_coefficient').toFixed(3)}, promotion members ${at('promotion_members')}`,
  );
}

console.log('\n2. the same scenario with the new mechanisms off (as in `npm run bench`, section 3)');
const offSmall = repeatRuns('scale 10k', scaleScenario(10_000), TICKS, REPEATS);
const offBig = repeatRuns('scale 100k', scaleScenario(100_000), TICKS, REPEATS);
console.log(`  → cost per firm-tick 100k / 10k = ${(offBig.ns / offSmall.ns).toFixed(2)}; ` +
  `networks on / off: ${(small.ns / offSmall.ns).toFixed(2)} at 10k, ${(big.ns / offBig.ns).toFixed(2)} at 100k`);

console.log('\n3. time per process (networked 100k, seed 1, processes called in tick.ts order and timed)');
const { seconds } = processTimes(networked(100_000), 1, TICKS);
const total = Object.values(seconds).reduce((a, b) => a + b, 0);
console.log(`  total ${(total * 1000).toFixed(0)} ms — ${Object.entries(seconds)
  .sort((a, b) => b[1] - a[1])
  .map(([name, s]) => `${name} ${(s * 1000).toFixed(0)} ms (${((100 * s) / total).toFixed(0)} %)`)
  .join(', ')}`);
