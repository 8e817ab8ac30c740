// The writers on a real (small) run, built from the schema directly so these tests do not depend
// on the loader: columns, row order, id order, and the same text for the same seed.
import { describe, expect, it } from 'vitest';
import { FIRM_KINDS, FIRM_ROLES } from '../../src/engine/firms.ts';
import { EVENT_TYPES } from '../../src/engine/log.ts';
import { run } from '../../src/engine/run.ts';
import { STAGES } from '../../src/engine/series.ts';
import { EVENTS_HEADER, eventsCsv } from '../../src/io/events.ts';
import { FIRMS_HEADER, firmsCsv } from '../../src/io/firms.ts';
import { buildSummary, summaryJson, timingOf, type ManifestInput } from '../../src/io/summary.ts';
import { timeseriesCsv } from '../../src/io/timeseries.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';

const scenario = scenarioSchema.parse({
  name: 'writers',
  ticks: 40,
  ticksPerYear: 4,
  regions: [{ name: 'north' }, { name: 'south, east', x: 30 }],
  firms: { generate: { count: 10 } },
});
const manifest: ManifestInput = { version: '0.0.0', scenario: 'writers', file: 'writers.yaml', hash: 'h', variant: null, patches: [] };

const lines = (text: string) => text.trimEnd().split('\n');
const result = run(scenario, { seed: 5 });

describe('timeseries.csv', () => {
  const text = timeseriesCsv(result.world);
  const rows = lines(text);

  it('has the fixed keys, then the metrics in series order', () => {
    expect(rows[0]).toBe(['tick', 'year', 'region', 'stage', ...result.world.series.metrics].join(','));
  });

  it('has one row per tick and region, regions in scenario order then all', () => {
    expect(rows.length - 1).toBe((40 + 1) * 3);
    expect(rows[1].startsWith('0,0.0,north,')).toBe(true);
    expect(rows[2].startsWith('0,0.0,"south, east",')).toBe(true);
    expect(rows[3].startsWith('0,0.0,all,')).toBe(true);
    expect(rows[4].startsWith('1,0.25,north,')).toBe(true);
    expect(rows.at(-1)!.startsWith('40,10.0,all,')).toBe(true);
  });

  it('has a known stage and a number in every metric cell', () => {
    const n = result.world.series.metrics.length;
    for (const row of rows.slice(1)) {
      const cells = row.replace('"south, east"', 'south-east').split(',');
      expect(cells.length).toBe(4 + n);
      expect(STAGES).toContain(cells[3]);
      for (const cell of cells.slice(4)) expect(cell).toMatch(/^(-?\d+(\.\d+)?(e[+-]\d+)?|NaN|-?Inf)$/);
    }
  });
});

describe('events.csv and firms.csv', () => {
  it('events: header, known event names, parent empty when there is none', () => {
    const rows = lines(eventsCsv(result.world));
    expect(rows[0]).toBe(EVENTS_HEADER.join(','));
    for (const row of rows.slice(1)) {
      const cells = row.replace('"south, east"', 'south-east').split(',');
      expect(EVENT_TYPES).toContain(cells[1]);
      if (cells[1] === 'entry') expect(cells[3]).toBe('');
    }
  });

  it('firms: every firm once, sorted by id, survivors without a death tick', () => {
    const rows = lines(firmsCsv(result.world));
    expect(rows[0]).toBe(FIRMS_HEADER.join(','));
    const ids = rows.slice(1).map((r) => Number(r.split(',')[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(result.world.firms.count + result.world.ledger.count);
    const survivors = new Set(Array.from(result.world.firms.id.subarray(0, result.world.firms.count)));
    for (const row of rows.slice(1)) {
      const cells = row.replace('"south, east"', 'south-east').split(',');
      expect(FIRM_KINDS).toContain(cells[2]);
      expect(FIRM_ROLES).toContain(cells[3]);
      expect(cells[7] === '').toBe(survivors.has(Number(cells[0])));
    }
  });
});

describe('summary.json', () => {
  const summary = buildSummary(result, manifest, timingOf(12.34, 40));

  it('has final values for all and per region, and the manifest', () => {
    expect(Object.keys(summary)).toEqual(['final', 'finalByRegion', 'stages', 'manifest', 'timing']);
    expect(Object.keys(summary.final)).toEqual([...result.world.series.metrics]);
    expect(Object.keys(summary.finalByRegion)).toEqual(['north', 'south, east']);
    expect(summary.manifest).toMatchObject({ engine: 'clusterlab', seed: 5, ticks: 40, ticksPerYear: 4, variant: null });
    expect(summary.timing).toEqual({ wallTimeMs: 12.3, ticksPerSecond: 3252 });
  });

  it('lists stage changes from tick 0, with no repeats', () => {
    for (const key of ['all', 'north', 'south, east']) {
      const changes = summary.stages[key];
      expect(changes[0].tick).toBe(0);
      for (let i = 1; i < changes.length; i++) {
        expect(changes[i].stage).not.toBe(changes[i - 1].stage);
        expect(changes[i].year).toBe(changes[i].tick / 4);
      }
    }
  });

  it('is 2-space JSON with a final newline', () => {
    const text = summaryJson(summary);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1].startsWith('  "final"')).toBe(true);
  });
});

describe('determinism', () => {
  it('gives the same text for the same seed and different text for another seed', () => {
    const again = run(scenario, { seed: 5 });
    const other = run(scenario, { seed: 6 });
    expect(timeseriesCsv(again.world)).toBe(timeseriesCsv(result.world));
    expect(eventsCsv(again.world)).toBe(eventsCsv(result.world));
    expect(firmsCsv(again.world)).toBe(firmsCsv(result.world));
    const a = buildSummary(result, manifest, timingOf(1, 40));
    const b = buildSummary(again, manifest, timingOf(2, 40));
    expect(summaryJson({ ...a, timing: b.timing })).toBe(summaryJson(b));
    expect(timeseriesCsv(other.world)).not.toBe(timeseriesCsv(result.world));
  });
});
