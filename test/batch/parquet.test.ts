// The Parquet tables of a batch, read by DuckDB (a reader written elsewhere): series.parquet
// against runs.csv and ensemble.csv, the kept agent-level tables against single runs of the same
// scenario and seed, byte-identity across worker counts, `--keep` errors, and the .bin byte order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../src/engine/metrics.ts';
import { readRunSeries, swapFloat64 } from '../../src/batch/store.ts';
import { cli, readCsv, summaryFiles } from './helpers.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
let db: DuckDBConnection;
afterAll(() => {
  db?.closeSync();
  ws.remove();
});
const dir = (name: string) => join(ws.dir, name);

// A scenario that logs ties (networking on, the edge list after the last tick).
const tied = ws.file('tied.yaml', 'extends: default\nname: tied\nmechanisms:\n  networking: { enabled: true }\noutput:\n  ties: { final: true }\n');
const ARGV = ['batch', tied, '--seeds', '3', '--ticks', '40', '--variants', 'base,spinoffs', '--keep', 'firms,events,ties', '--quiet', '--no-report'];

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

const pq = (name: string) => `read_parquet('${join(dir('w0'), name)}')`;

beforeAll(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
  const r = await cli([...ARGV, '--workers', '0', '--out', dir('w0')]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}, 60_000);

describe('series.parquet', () => {
  it('has the unit, seed, tick, year, region, stage, one float64 per metric, then the varied parameters', async () => {
    const cols = await rows(`DESCRIBE SELECT * FROM ${pq('series.parquet')}`);
    const names = cols.map((c) => c.column_name);
    expect(names.slice(0, 6 + METRICS.length)).toEqual(['variant', 'seed', 'tick', 'year', 'region', 'stage', ...METRICS.map((m) => m.name)]);
    const types = Object.fromEntries(cols.map((c) => [c.column_name, c.column_type]));
    expect([types.variant, types.seed, types.tick, types.year, types.region, types.stage]).toEqual(['VARCHAR', 'BIGINT', 'INTEGER', 'DOUBLE', 'VARCHAR', 'VARCHAR']);
    for (const m of METRICS) expect(types[m.name]).toBe('DOUBLE');
    // The varied parameters are runs.csv's last columns, in the same order.
    const manifest = JSON.parse(readFileSync(join(dir('w0'), 'manifest.json'), 'utf8'));
    expect(manifest.varied.paths.length).toBeGreaterThan(0);
    expect(names.slice(6 + METRICS.length)).toEqual(manifest.varied.paths);
    const rates = await rows(`SELECT DISTINCT variant, "mechanisms.spinoffs.rate" AS rate FROM ${pq('series.parquet')} ORDER BY variant`);
    expect(rates).toEqual([{ variant: 'base', rate: 0.03 }, { variant: 'spinoffs', rate: 0.09 }]);
    const meta = await rows(`SELECT DISTINCT compression FROM parquet_metadata('${join(dir('w0'), 'series.parquet')}')`);
    expect(meta.map((m) => m.compression)).toEqual(['SNAPPY']);
  });

  it('one row per run, tick and region; final_firms of each run in runs.csv = firms of `all` at the last tick', async () => {
    const [{ n }] = await rows(`SELECT count(*)::INTEGER AS n FROM ${pq('series.parquet')}`);
    expect(n).toBe(6 * 41 * 2);
    const last = await rows(`SELECT variant, seed::INTEGER AS seed, firms, employment FROM ${pq('series.parquet')} WHERE tick = 40 AND region = 'all' ORDER BY variant, seed`);
    const runs = readCsv(dir('w0'), 'runs.csv');
    const col = (name: string) => runs.header.indexOf(name);
    const all = runs.rows.filter((r) => r[col('region')] === 'all').sort((a, b) => a[0].localeCompare(b[0]) || Number(a[1]) - Number(b[1]));
    expect(last.map((r) => [r.variant, r.seed, r.firms])).toEqual(all.map((r) => [r[0], Number(r[1]), Number(r[col('final_firms')])]));
    // runs.csv rounds to 6 significant digits; the Parquet value is the double itself.
    last.forEach((r, k) => expect(r.employment as number).toBeCloseTo(Number(all[k][col('final_employment')]), -1));
  });

  it('the values are the stored series, and DuckDB\'s avg equals ensemble.csv\'s mean', async () => {
    const stored = readRunSeries(dir('w0'), 4);
    const record = JSON.parse(readFileSync(join(dir('w0'), 'runs', '4.json'), 'utf8'));
    const m = record.metrics.indexOf('employment');
    const got = await rows(`SELECT employment FROM ${pq('series.parquet')} WHERE variant = 'spinoffs' AND seed = 2 ORDER BY tick, region = 'all'`);
    expect(got.map((r) => r.employment)).toEqual(Array.from(stored.series.subarray(m * record.rows, (m + 1) * record.rows)));

    const avg = await rows(`SELECT avg(employment) AS mean FROM ${pq('series.parquet')} WHERE variant = 'base' AND tick = 30 AND region = 'all'`);
    const ens = readCsv(dir('w0'), 'ensemble.csv').rows.find((r) => r[0] === 'base' && r[1] === '30' && r[3] === 'all' && r[4] === 'employment')!;
    // The same mean up to the order of summation (ensemble.csv sums in ascending order).
    expect(avg[0].mean as number).toBeCloseTo(Number(ens[5]), 9);
  });
});

/** A CSV table as rows of fields, without its header. */
function csvRows(file: string): string[][] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
}

/** A DuckDB value or a CSV field as one comparable value: numbers as numbers (7.0 = 7), null as ''. */
const field = (v: unknown): string | number => {
  const text = v === null || v === undefined ? '' : String(v);
  return text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
};

describe('--keep firms,events,ties', () => {
  it('each kept table holds, per run, exactly the rows a single `clusterlab run` of the same scenario and seed writes', async () => {
    const single = dir('single');
    expect((await cli(['run', tied, '--seed', '2', '--ticks', '40', '--variant', 'spinoffs', '--out', single])).code).toBe(0);
    for (const table of ['firms', 'events', 'ties']) {
      // The single run's files start with its seed; the table has it as a column of its own.
      const want = csvRows(join(single, `${table}.csv`)).map((row) => row.slice(1).map(field));
      expect(want.length, table).toBeGreaterThan(0);
      const got = await rows(`SELECT * EXCLUDE (variant, seed) FROM ${pq(`${table}.parquet`)} WHERE variant = 'spinoffs' AND seed = 2`);
      expect(got.map((r) => Object.values(r).map(field)), table).toEqual(want);
    }
  });

  it('every run contributes its firms, and typed columns (ids integers, missing parents null)', async () => {
    const per = await rows(`SELECT variant, seed::INTEGER AS seed, count(*) FILTER (WHERE death IS NULL)::INTEGER AS alive FROM ${pq('firms.parquet')} GROUP BY ALL ORDER BY ALL`);
    const last = await rows(`SELECT variant, seed::INTEGER AS seed, firms FROM ${pq('series.parquet')} WHERE tick = 40 AND region = 'all' ORDER BY ALL`);
    expect(per.map((r) => [r.variant, r.seed, r.alive])).toEqual(last.map((r) => [r.variant, r.seed, r.firms]));
    const types = Object.fromEntries((await rows(`DESCRIBE SELECT * FROM ${pq('firms.parquet')}`)).map((c) => [c.column_name, c.column_type]));
    expect([types.id, types.parent, types.employees, types.kind]).toEqual(['INTEGER', 'INTEGER', 'DOUBLE', 'VARCHAR']);
  });

  it('records keep in the manifest; byte-identical Parquet files with 2 workers', async () => {
    const manifest = JSON.parse(readFileSync(join(dir('w0'), 'manifest.json'), 'utf8'));
    expect(manifest.keep).toEqual(['firms', 'events', 'ties']);
    const r = await cli([...ARGV, '--workers', '2', '--out', dir('w2')]);
    expect(r.code).toBe(0);
    const files = summaryFiles(dir('w0'));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['series.parquet', 'firms.parquet', 'events.parquet', 'ties.parquet']));
    expect(summaryFiles(dir('w2'))).toEqual(files);
  }, 60_000);

  it('--resume with another --keep is refused (keep is part of the batch)', async () => {
    const r = await cli([...ARGV.map((a) => (a === 'firms,events,ties' ? 'firms' : a)), '--workers', '0', '--resume', '--out', dir('w0')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/keep/);
  });

  it('an unknown table: exit 1, naming the option and the known tables', async () => {
    const r = await cli(['batch', 'default', '--seeds', '1', '--keep', 'firms,nope', '--out', dir('bad')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: --keep: unknown table nope (known: firms, events, ties)\n');
  });
});

describe('sweep: series.parquet has the point and the swept parameters', () => {
  it('point, seed, then each swept parameter with the point\'s value', async () => {
    const out = dir('sweep');
    const r = await cli(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--samples', '2', '--seeds', '2', '--ticks', '10', '--keep', 'events', '--workers', '0', '--quiet', '--no-report', '--out', out]);
    expect(r.code).toBe(0);
    const events = await rows(`SELECT point, seed::INTEGER AS seed, count(*)::INTEGER AS n FROM read_parquet('${join(out, 'events.parquet')}') GROUP BY ALL ORDER BY ALL`);
    expect(events.map((e) => [e.point, e.seed])).toEqual([[0, 1], [0, 2], [1, 1], [1, 2]]);
    const got = await rows(`SELECT DISTINCT point, seed::INTEGER AS seed, "mechanisms.spinoffs.rate" AS rate FROM read_parquet('${join(out, 'series.parquet')}') ORDER BY ALL`);
    expect(got).toEqual([
      { point: 0, seed: 1, rate: 0.01 }, { point: 0, seed: 2, rate: 0.01 },
      { point: 1, seed: 1, rate: 0.1 }, { point: 1, seed: 2, rate: 0.1 },
    ]);
  });
});

describe('runs/<i>.bin byte order', () => {
  it('swapFloat64 reverses each value\'s bytes (what a big-endian host does on write and read)', () => {
    const x = new Float64Array([1.5, -2]);
    const bytes = new Uint8Array(x.buffer.slice(0));
    swapFloat64(bytes, 2);
    const view = new DataView(bytes.buffer);
    expect([view.getFloat64(0, false), view.getFloat64(8, false)]).toEqual([1.5, -2]);
    swapFloat64(bytes, 2);
    expect(Array.from(new Float64Array(bytes.buffer))).toEqual([1.5, -2]);
  });

  it('the stored file is little-endian', () => {
    const record = JSON.parse(readFileSync(join(dir('w0'), 'runs', '0.json'), 'utf8'));
    const raw = readFileSync(join(dir('w0'), 'runs', '0.bin'));
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const stored = readRunSeries(dir('w0'), 0);
    for (const k of [0, 1, record.rows, record.rows + 5]) expect(view.getFloat64(k * 8, true)).toBe(stored.series[k]);
  });
});

describe('compare --posterior: series.parquet has the draw and the drawn parameter', () => {
  it('variant, draw, seed, …, then the parameter each (variant, draw) ran with, as runs.csv has it', async () => {
    const scenario = ws.file('two.yaml', 'name: two\nticks: 8\nticksPerYear: 4\nregions:\n  - name: north\n  - name: south\nfirms:\n  generate:\n    count: 6\nvariants:\n  more_entry:\n    set:\n      mechanisms.spinoffs.rate: 0.2\n');
    const posterior = ws.file('post.csv', 'generation,particle,weight,distance,mechanisms.entry.rate\n1,0,0.5,0.5,0\n1,1,0.5,0.4,3\n');
    const out = dir('posterior');
    const r = await cli(['compare', scenario, '--posterior', posterior, '--draws', '2', '--seeds', '2', '--workers', '0', '--quiet', '--no-report', '--out', out]);
    expect(r.code).toBe(0);
    const names = (await rows(`DESCRIBE SELECT * FROM read_parquet('${join(out, 'series.parquet')}')`)).map((c) => c.column_name);
    expect(names.slice(0, 4)).toEqual(['variant', 'draw', 'seed', 'tick']);
    const got = await rows(`SELECT DISTINCT variant, draw, seed::INTEGER AS seed, "mechanisms.entry.rate" AS rate FROM read_parquet('${join(out, 'series.parquet')}') ORDER BY draw, variant, seed`);
    const runs = readCsv(out, 'runs.csv');
    const k = runs.header.indexOf('mechanisms.entry.rate');
    const want = runs.rows.filter((row) => row[runs.header.indexOf('region')] === 'all')
      .map((row) => ({ variant: row[0], draw: Number(row[1]), seed: Number(row[2]), rate: Number(row[k]) }))
      .sort((a, b) => a.draw - b.draw || a.variant.localeCompare(b.variant) || a.seed - b.seed);
    expect(got).toEqual(want);
    expect(new Set(got.map((g) => g.rate)).size).toBe(2);
  });
});
