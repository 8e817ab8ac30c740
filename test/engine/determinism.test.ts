// Determinism and common random numbers: a seed fixes a whole run (bit-identical reruns), different
// seeds give different runs, and every process draws from its own stream, so changing how much one
// process draws never shifts another's draws (paired comparisons of levers rely on this).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIRM_COLUMNS } from '../../src/engine/firms.ts';
import { EVENT } from '../../src/engine/log.ts';
import { createStreams, STREAM_NAMES } from '../../src/engine/rng.ts';
import { run, type RunResult } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/scenarios/schema.ts';
import { bundled } from '../support/scenarios.ts';

/** Everything a run produced, as plain arrays: series, stages, events, ledger, surviving firms. */
function snapshot({ world }: RunResult): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const { series, events, ledger, firms } = world;
  series.metrics.forEach((m, k) => (out[`series.${m}`] = Array.from(series.values[k])));
  out['series.stage'] = Array.from(series.stage);
  for (const key of ['tick', 'event', 'firm', 'parent', 'region', 'segment', 'capability', 'employees'] as const) {
    out[`events.${key}`] = Array.from(events[key].subarray(0, events.count));
  }
  for (const key of ['id', 'parent', 'kind', 'region', 'segment', 'birth', 'death', 'employees', 'capability'] as const) {
    out[`ledger.${key}`] = Array.from(ledger[key].subarray(0, ledger.count));
  }
  for (const c of FIRM_COLUMNS) out[`firms.${c}`] = Array.from(firms[c].subarray(0, firms.count));
  return out;
}

describe('run() determinism', () => {
  const scenario = bundled('default');

  it('the same seed gives bit-identical series, events, ledger and firms', () => {
    const a = run(scenario, { seed: 42 });
    const b = run(scenario, { seed: 42 });
    // Float64Array equality, element by element (NaN-safe: Object.is semantics).
    const { values } = a.world.series;
    values.forEach((col, k) => expect(b.world.series.values[k]).toEqual(col));
    expect(b.world.series.stage).toEqual(a.world.series.stage);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(a.world.events.count).toBeGreaterThan(100);
  });

  it('different seeds give different runs', () => {
    const a = run(scenario, { seed: 1 }).world.series;
    const b = run(scenario, { seed: 2 }).world.series;
    const t = a.recorded - 1;
    expect(valueOf(a, 'employment', t, 1)).not.toBe(valueOf(b, 'employment', t, 1));
    expect(a.values.some((col, k) => col.some((v, i) => !Object.is(v, b.values[k][i])))).toBe(true);
  });

  it('the seed defaults to the scenario’s and ticks to its horizon', () => {
    const r = run(scenarioSchema.parse({ ...baseInput(), seed: 9, ticks: 12 }));
    expect(r.seed).toBe(9);
    expect(r.ticks).toBe(12);
    expect(r.world.tick).toBe(12);
    expect(r.world.series.recorded).toBe(13);
  });
});

describe('random streams', () => {
  it('a stream yields the same sequence however much the other streams draw', () => {
    const quiet = createStreams(7);
    const busy = createStreams(7);
    const expected = Array.from({ length: 2000 }, () => quiet.entry.uniform());
    const got: number[] = [];
    for (let k = 0; k < 2000; k++) {
      // Interleave draws of every other stream, of every kind and in varying amounts.
      for (const name of STREAM_NAMES) {
        if (name === 'entry') continue;
        const s = busy[name];
        for (let j = 0; j < k % 5; j++) s.uniform();
        s.normal();
        s.poisson(k % 2 === 0 ? 3 : 60);
      }
      got.push(busy.entry.uniform());
    }
    expect(got).toEqual(expected);
  });

  it('streams of one seed differ by name, and one name differs across seeds', () => {
    const s = createStreams(3);
    const first = STREAM_NAMES.map((n) => s[n].uniform());
    expect(new Set(first).size).toBe(STREAM_NAMES.length);
    expect(createStreams(4).entry.uniform()).not.toBe(createStreams(3).entry.uniform());
    expect(createStreams(3).entry.uniform()).toBe(createStreams('3').entry.uniform());
  });
});

/** Entry by Arthur's rule (depends on counts only); no exit, no spin-offs; learning and innovation on. */
function baseInput(): ScenarioInput {
  return {
    ticks: 80,
    ticksPerYear: 4,
    segments: { count: 8, demand: { base: 200, peak: 800, midYear: 5 } },
    regions: [{ name: 'a' }, { name: 'b', x: 60 }, { name: 'c', x: 200 }],
    researchOrgs: [{ region: 'a', capacity: 2, knowledge: 1.5 }],
    firms: { generate: { count: 60 } },
    mechanisms: {
      learning: { research: 0.1 },
      innovation: { rate: 0.2 },
      spinoffs: { enabled: false },
      exit: { enabled: false },
      entry: { rate: 12, choice: 'proportional', proportional: { a: 1, b: 1, gamma: 1 } },
    },
  };
}

describe('stream independence across processes', () => {
  /** The entrants of a run: tick, firm id, region, segment, capability and employees at entry. */
  function entrants(changes: (s: ScenarioInput) => void): { entries: number[][]; capability: number } {
    const input = baseInput();
    changes(input);
    const { world } = run(scenarioSchema.parse(input), { seed: 11 });
    const e = world.events;
    const entries: number[][] = [];
    for (let k = 0; k < e.count; k++) {
      if (e.event[k] !== EVENT.entry) continue;
      entries.push([e.tick[k], e.firm[k], e.region[k], e.segment[k], e.capability[k], e.employees[k]]);
    }
    return { entries, capability: valueOf(world.series, 'capability_mean', world.tick, world.series.regions) };
  }

  it('changing innovation or learning parameters leaves the entrants identical', () => {
    const base = entrants(() => {});
    const moreInnovation = entrants((s) => {
      s.mechanisms!.innovation = { rate: 2, processJump: 0.3, shares: { process: 0.3, product: 0.3, recombination: 0.4 } };
    });
    const otherLearning = entrants((s) => {
      s.mechanisms!.learning = { spillover: 0.5, rdEfficiency: 0.3, distanceDecayKm: 10, cognitive: { reach: 3 } };
    });
    const noInnovation = entrants((s) => {
      s.mechanisms!.innovation = { enabled: false };
    });
    expect(base.entries.length).toBeGreaterThan(100);
    for (const other of [moreInnovation, otherLearning, noInnovation]) {
      // The changes matter (capability differs) …
      expect(other.capability).not.toBe(base.capability);
      // … yet the entrants are the same, drawn from the untouched entry stream.
      expect(other.entries).toEqual(base.entries);
    }
  });

  it('changing the entry rate does change the entrants (the comparison above can fail)', () => {
    const base = entrants(() => {});
    const more = entrants((s) => {
      s.mechanisms!.entry!.rate = 13;
    });
    expect(more.entries).not.toEqual(base.entries);
  });
});

describe('no Math.random in the engine', () => {
  it('no source file under src/ calls Math.random', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.(ts|mts|js)$/.test(entry.name)) {
          const code = readFileSync(p, 'utf8').replace(/\/\/.*$/gm, '');
          if (/Math\.random\s*\(/.test(code)) offenders.push(path.relative(root, p));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
