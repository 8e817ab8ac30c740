// The memory estimate made before a run starts (src/scenarios/resources.ts): what grows with the
// scenario's sizes, and the refusal (exit 1, what it would need, how to go on) of what cannot fit.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.ts';
import { ANNOUNCE_SECONDS, estimateRun, estimateSeconds, memoryProblem, timeNote } from '../../src/scenarios/resources.ts';
import { METRICS } from '../../src/engine/metrics.ts';
import { cli } from '../batch/helpers.ts';
import { workspace } from '../cli/fixtures.ts';

const GB = 2 ** 30;

describe('the memory estimate before a run', () => {
  it('counts firm slots, series, region matrices and ties from the scenario\'s sizes', () => {
    const scenario = loadScenario('silicon-saxony').scenario;
    const e = estimateRun(scenario, 100);
    const R = scenario.regions.length;
    expect(e.parts.series).toBe(101 * (R + 1) * METRICS.length * 8);
    expect(e.parts.regions).toBe(R * R * 32);
    expect(e.parts.ties).toBeGreaterThan(0); // networking is on
    expect(e.bytes).toBe(e.parts.firms + e.parts.series + e.parts.regions + e.parts.ties);
    // Linear in the ticks and the firms.
    expect(estimateRun(scenario, 201).parts.series).toBe(2 * e.parts.series);
  });

  it('refuses what does not fit in three quarters of the memory, saying how much and of what', () => {
    const scenario = loadScenario('default').scenario;
    const need = estimateRun(scenario, 200).bytes;
    expect(memoryProblem(scenario, 200, 1, need / 0.75)).toBeNull();
    const problem = memoryProblem(scenario, 200, 4, need / 0.75)!;
    expect(problem).toMatch(/^4 runs at once would need at least [\d.]+ GB of memory \(most of it firms: [\d.]+ GB\); this machine has [\d.]+ GB\. .*--force/);
  });

  it('run, batch and calibrate exit 1 before starting a run that cannot fit; the message says why', async () => {
    const ws = workspace();
    try {
      // 20,000 regions × 100,000 ticks of series: petabytes, in a file of a few hundred kB.
      const regions = Array.from({ length: 20_000 }, (_, k) => `  - { name: r${k} }`).join('\n');
      const file = ws.file('huge.yaml', `name: huge\nticks: 100000\nregions:\n${regions}\n`);
      const run = await cli(['run', file, '--out', `${ws.dir}/o`]);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/huge\.yaml: expected a run that fits in this machine's memory, found this run would need at least [\d.]+ GB of memory \(most of it series/);
      expect(run.err).not.toMatch(/^\s+at /m);
      const batch = await cli(['batch', file, '--seeds', '2', '--workers', '0', '--quiet', '--out', `${ws.dir}/b`]);
      expect(batch.code).toBe(1);
      expect(batch.err).toMatch(/batch: .*huge\.yaml: this run would need at least/);
      const targets = ws.file('targets.yaml', 'targets:\n  - { metric: firms, tick: 2, value: 10, sd: 5 }\npriors:\n  - { path: mechanisms.entry.rate, lo: 0.5, hi: 4 }\n');
      const calibrate = await cli(['calibrate', file, '--targets', targets, '--workers', '0', '--quiet', '--out', `${ws.dir}/c`]);
      expect(calibrate.code).toBe(1);
      expect(calibrate.err).toMatch(/calibrate: .*huge\.yaml: this run would need at least .*--force/);
    } finally {
      ws.remove();
    }
  }, 60_000);
});

describe('the time estimate before a run', () => {
  const base = loadScenario('default').scenario;
  const withFirms = (count: number) => ({ ...base, firms: { ...base.firms, initial: [], generate: { ...base.firms.generate, count } } }) as typeof base;
  const withRegions = (n: number) => ({ ...base, regions: Array.from({ length: n }, (_, k) => ({ ...base.regions[0], name: `r${k}` })) }) as typeof base;

  it('grows with ticks × firms and with the square of the regions', () => {
    const a = estimateSeconds(withFirms(100_000), 100);
    const b = estimateSeconds(withFirms(200_000), 100);
    const c = estimateSeconds(withFirms(100_000), 200);
    // Linear in the firms (the per-tick cost aside) and in the ticks.
    expect(b / a).toBeCloseTo(2, 1);
    expect(c / a).toBeCloseTo(2, 5);
    const r1 = estimateSeconds(withRegions(2000), 100) - estimateSeconds(withRegions(1), 100);
    const r2 = estimateSeconds(withRegions(4000), 100) - estimateSeconds(withRegions(1), 100);
    expect(r2 / r1).toBeCloseTo(4, 2);
  });

  it('announces only jobs of a minute or more, with how long, how many runs on how many workers, and from what', () => {
    expect(timeNote(base, 200, 1, 1)).toBeNull();
    expect(timeNote(base, 200, 100, 2)).toBeNull();
    // A million firms for 200 ticks: 40 s of firm-ticks at least, twice over on one worker.
    const big = withFirms(1_000_000);
    expect(estimateSeconds(big, 200)).toBeGreaterThan(ANNOUNCE_SECONDS / 2);
    expect(timeNote(big, 200, 4, 2)).toMatch(/^estimated time: about \d+ s \(4 runs of about \d+ s on 2 workers\), from 1,000,000 initial firms, 1 region, 200 ticks \(a rough guide: more if the firms multiply\)$/);
    expect(timeNote(big, 200, 1000, 2)).toMatch(/about [\d.]+ h \(1,000 runs/);
  });
});
