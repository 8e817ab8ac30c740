// `npx tsx bench/emergence.ts`: the cost of the mechanisms that make the source documents' stories
// emerge (docs/PERFORMANCE.md, "Emergence"): local returns (every channel), differentiated
// competition, functional and inter-sectoral upgrading, and governments that choose their entry
// incentives, all on, in the bundled `scale` scenario at 10,000 and 100,000 firms, T = 100:
// in-loop firm-ticks/s (median of 3 runs) and ns per firm-tick, against the same scenario with
// them off; the ratio 100k / 10k (1 = linear); the time per process at 100,000 firms.
// Only prints; nothing is written.
import os from 'node:os';
import type { Scenario } from '../src/scenarios/schema.ts';
import { measureRun, processTimes, repeatRuns, scaleScenario } from './measure.ts';

const REPEATS = 3;
const TICKS = 100;
const REGIONS = ['core', 'satellite', 'port', 'inland', 'capital', 'frontier'];

/** `scale` with n firms and every mechanism of issue 12 on. */
function emergent(n: number): Scenario {
  const f = n / 100_000;
  return scaleScenario(n, {
    'segments.industries': [4, 4, 4],
    'mechanisms.localReturns': {
      enabled: true, halfEmployment: 5000 * f, labourPooling: 0.3, sharedSuppliers: 0.3, knowledge: 0.01,
      diversityWeight: 0.5, founding: 1, localEntry: 0.0005,
    },
    'mechanisms.market.differentiation': { enabled: true },
    'mechanisms.upgrading': { functional: { enabled: true }, intersectoral: { enabled: true } },
    'levers': REGIONS.map((r) => ({ lever: 'subsidyRace', name: `race-${r}`, regions: [r], intensity: 0, budget: { perYear: 200 * f } })),
  });
}



console.log(`clusterlab bench (emergence) — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.arch()}`);
console.log(`In-loop firm-ticks per second, scale scenario, T = ${TICKS}, seeds 1–${REPEATS}.\n`);

measureRun(emergent(10_000), 99, 10); // warm-up

console.log('1. scale with local returns, differentiation, upgrading and choosing governments on');
const small = repeatRuns('emergent 10k', emergent(10_000), TICKS, REPEATS);
const big = repeatRuns('emergent 100k', emergent(100_000), TICKS, REPEATS);
console.log(`  → cost per firm-tick 100k / 10k = ${(big.ns / small.ns).toFixed(2)} (1 = linear)`);

console.log('\n2. the same scenario with them off');
const offSmall = repeatRuns('scale 10k', scaleScenario(10_000), TICKS, REPEATS);
const offBig = repeatRuns('scale 100k', scaleScenario(100_000), TICKS, REPEATS);
console.log(`  → on / off per firm-tick: ${(small.ns / offSmall.ns).toFixed(2)} at 10k, ${(big.ns / offBig.ns).toFixed(2)} at 100k`);

console.log('\n3. time per process (emergent 100k, seed 1, processes called in tick.ts order and timed)');
const { seconds } = processTimes(emergent(100_000), 1, TICKS);
const total = Object.values(seconds).reduce((a, b) => a + b, 0);
console.log(`  total ${(total * 1000).toFixed(0)} ms — ${Object.entries(seconds)
  .sort((a, b) => b[1] - a[1])
  .map(([name, s]) => `${name} ${(s * 1000).toFixed(0)} ms (${((100 * s) / total).toFixed(0)} %)`)
  .join(', ')}`);
