// The memory estimate made before a run starts (src/scenarios/resources.ts): what grows with the
// scenario's sizes, and the refusal (exit 1, what it would need, how to go on) of what cannot fit.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.ts';
import { estimateRun, memoryProblem } from '../../src/scenarios/resources.ts';
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

  it('run and batch exit 1 before starting a run that cannot fit; the message names the file', async () => {
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
      expect(batch.err).toMatch(/batch: this run would need at least/);
    } finally {
      ws.remove();
    }
  }, 60_000);
});
