// `clusterlab sweep`: grid, Latin hypercube and Morris designs; the swept values as columns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTCOME_NAMES } from '../../src/analysis/outcomes.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { hasStackTrace, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);
const RATE = 'mechanisms.spinoffs.rate';
const ENTRY = 'mechanisms.entry.rate';

describe('sweep', () => {
  it('--design FILE: the points of a design made elsewhere, its columns as given; the same as the grid on those points', async () => {
    const design = ws.file('design.csv', `${RATE},${ENTRY}\n0.01,1\n0.05,5\n0.03,3\n`);
    const r = await cli(['sweep', 'default', '--design', design, '--seeds', '2', '--ticks', '20', '--workers', '0', '--quiet', '--no-report', '--out', dir('design')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const csv = readCsv(dir('design'), 'sweep.csv');
    expect(csv.header.slice(0, 4)).toEqual(['point', 'seed', RATE, ENTRY]);
    expect(csv.rows.map((x) => x.slice(0, 4).join(' '))).toEqual(['0 1 0.01 1', '0 2 0.01 1', '1 1 0.05 5', '1 2 0.05 5', '2 1 0.03 3', '2 2 0.03 3']);
    const manifest = JSON.parse(readFileSync(join(dir('design'), 'manifest.json'), 'utf8'));
    expect(manifest.sweep).toMatchObject({ method: 'file', design: { file: design }, params: [{ path: RATE, lo: 0.01, hi: 0.05, integer: false }, { path: ENTRY, lo: 1, hi: 5, integer: true }] });
    // The same runs as a grid's points with those values: the outcomes agree row for row.
    await cli(['sweep', 'default', '--param', `${RATE}=0.01:0.05`, '--param', `${ENTRY}=1:5:int`, '--samples', '3', '--seeds', '2', '--ticks', '20', '--workers', '0', '--quiet', '--no-report', '--out', dir('grid-for-design')]);
    const grid = readCsv(dir('grid-for-design'), 'sweep.csv').rows;
    const at = (rate: string, entry: string, seed: string) => grid.find((x) => x[2] === rate && x[3] === entry && x[1] === seed)!.slice(4);
    for (const row of csv.rows) expect(row.slice(4)).toEqual(at(row[2], row[3], row[1]));
  });

  it('--design FILE: unknown columns, values out of the domain, text, clashes — the file, row and column; exit 1 (2 for usage)', async () => {
    const run = (text: string, ...extra: string[]) => cli(['sweep', 'default', '--design', ws.file(`d${text.length}.csv`, text), ...extra, '--workers', '0', '--quiet', '--out', dir(`bad-design-${text.length}`)]);
    const unknown = await run(`${RATE},mechanisms.entry.rat\n0.01,2\n`);
    expect(unknown.code).toBe(1);
    expect(hasStackTrace(unknown.err)).toBe(false);
    expect(unknown.err).toMatch(/d\d+\.csv: row 1 does not fit default: column "mechanisms\.entry\.rat": expected a path that exists in the scenario/);
    const domain = await run(`${RATE}\n0.02\n-1\n`);
    expect(domain.code).toBe(1);
    expect(domain.err).toMatch(/row 2 does not fit default: column "mechanisms\.spinoffs\.rate": expected a number from 0 to 1, found -1/);
    const text = await run(`${RATE}\nmany\n`);
    expect(text.code).toBe(1);
    expect(text.err).toMatch(/row 1, column "mechanisms\.spinoffs\.rate": expected a number, found "many"/);
    const clash = await run(`${RATE}\n0.02\n`, '--samples', '3');
    expect(clash.code).toBe(2);
    expect(clash.err).toMatch(/--design gives the points itself: drop --samples/);
    const missing = await cli(['sweep', 'default', '--design', dir('nope.csv'), '--out', dir('nope')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.csv: expected a design file .*, found no such file/);
  });

  it('grid: samples^params points × seeds rows, swept values as columns', async () => {
    const r = await cli(['sweep', 'default', '--param', `${RATE}=0.01:0.05`, '--param', `${ENTRY}=1:5:int`, '--samples', '3', '--seeds', '2', '--ticks', '20', '--workers', '0', '--quiet', '--out', dir('grid')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const csv = readCsv(dir('grid'), 'sweep.csv');
    expect(csv.header).toEqual(['point', 'seed', RATE, ENTRY, 'final_stage', ...OUTCOME_NAMES]);
    expect(csv.rows).toHaveLength(9 * 2);
    expect(csv.rows.map((x) => x.slice(0, 4).join(' '))).toEqual(
      ['0.01', '0.03', '0.05'].flatMap((rate, a) => ['1', '3', '5'].flatMap((entry, b) => [1, 2].map((seed) => `${a * 3 + b} ${seed} ${rate} ${entry}`))),
    );
    const manifest = JSON.parse(readFileSync(join(dir('grid'), 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ command: 'sweep', jobs: 18, completed: 18, failed: 0, variants: [] });
    expect(manifest.sweep).toMatchObject({ method: 'grid', samples: 3, params: [{ path: RATE, lo: 0.01, hi: 0.05, integer: false }, { path: ENTRY, lo: 1, hi: 5, integer: true }] });
    expect(manifest.sweep.points).toHaveLength(9);
  });

  it('lhs: samples points × seeds, one value per stratum, integers for :int', async () => {
    const r = await cli(['sweep', 'default', '--param', `${RATE}=0.01:0.05`, '--param', `${ENTRY}=1:10:int`, '--samples', '5', '--method', 'lhs', '--ticks', '20', '--workers', '0', '--quiet', '--out', dir('lhs')]);
    expect(r.code).toBe(0);
    const csv = readCsv(dir('lhs'), 'sweep.csv');
    expect(csv.rows).toHaveLength(5);
    const rates = csv.rows.map((x) => Number(x[2]));
    const strata = rates.map((v) => Math.floor(((v - 0.01) / 0.04) * 5)).sort();
    expect(strata).toEqual([0, 1, 2, 3, 4]);
    for (const x of csv.rows) expect(Number.isInteger(Number(x[3]))).toBe(true);
  });

  it('morris: sensitivity.csv with μ, μ*, σ per parameter and outcome', async () => {
    const r = await cli(['sweep', 'default', '--param', `${RATE}=0.01:0.1`, '--param', `${ENTRY}=1:6`, '--samples', '4', '--sensitivity', 'morris', '--ticks', '40', '--workers', '0', '--quiet', '--out', dir('morris')]);
    expect(r.code).toBe(0);
    expect(readCsv(dir('morris'), 'sweep.csv').rows).toHaveLength(4 * 3);
    const sens = readCsv(dir('morris'), 'sensitivity.csv');
    expect(sens.header).toEqual(['parameter', 'outcome', 'mu', 'mu_star', 'sigma', 'trajectories']);
    expect(sens.rows.map((x) => `${x[0]} ${x[1]}`)).toEqual([RATE, ENTRY].flatMap((p) => OUTCOME_NAMES.map((o) => `${p} ${o}`)));
    const spinoffs = sens.rows.find((x) => x[0] === RATE && x[1] === 'total_spinoffs')!;
    expect(Number(spinoffs[3])).toBeGreaterThan(0); // μ* > 0: the spin-off rate matters for spin-offs
    expect(Number(spinoffs[3])).toBeGreaterThanOrEqual(Math.abs(Number(spinoffs[2])));
    expect(spinoffs[5]).toBe('4');
  });

  it('sobol: Saltelli design of N(k + 2) points, sensitivity.csv with S1 and ST and their intervals', async () => {
    const r = await cli(['sweep', 'default', '--param', `${RATE}=0.01:0.1`, '--param', `${ENTRY}=1:6`, '--samples', '6', '--sensitivity', 'sobol', '--ticks', '40', '--workers', '0', '--quiet', '--out', dir('sobol')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readCsv(dir('sobol'), 'sweep.csv').rows).toHaveLength(6 * 4);
    const manifest = JSON.parse(readFileSync(join(dir('sobol'), 'manifest.json'), 'utf8'));
    expect(manifest.sweep).toMatchObject({ method: 'sobol', samples: 6 });
    const sens = readCsv(dir('sobol'), 'sensitivity.csv');
    expect(sens.header).toEqual(['parameter', 'outcome', 'S1', 'S1_low', 'S1_high', 'ST', 'ST_low', 'ST_high', 'samples']);
    expect(sens.rows.map((x) => `${x[0]} ${x[1]}`)).toEqual([RATE, ENTRY].flatMap((p) => OUTCOME_NAMES.map((o) => `${p} ${o}`)));
    const spinoffs = sens.rows.find((x) => x[0] === RATE && x[1] === 'total_spinoffs')!;
    expect(Number(spinoffs[5])).toBeGreaterThan(0); // ST > 0: the spin-off rate moves spin-offs
    expect(spinoffs[8]).toBe('6');
    const conflict = await cli(['sweep', 'default', '--param', `${RATE}=0.01:0.1`, '--samples', '2', '--sensitivity', 'sobol', '--method', 'lhs', '--workers', '0', '--quiet', '--out', dir('sobol-bad')]);
    expect(conflict.code).toBe(2);
    expect(conflict.err).toMatch(/drop --method lhs/);
  });

  it.each([
    [['--param', `${RATE}=0.01`, '--samples', '2']],
    [['--param', `${RATE}=0.05:0.01`, '--samples', '2']],
    [['--param', `${RATE}=a:b`, '--samples', '2']],
    [['--param', `${ENTRY}=1.5:3:int`, '--samples', '2']],
    [['--samples', '2']],
    [['--param', `${RATE}=0.01:0.05`]],
    [['--param', `${RATE}=0.01:0.05`, '--samples', '2', '--method', 'fast']],
    [['--param', `${RATE}=0.01:0.05`, '--samples', '2', '--method', 'lhs', '--sensitivity', 'morris']],
  ])('usage error %j → exit 2', async (extra) => {
    const r = await cli(['sweep', 'default', ...extra, '--workers', '0', '--out', dir('usage')]);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expect(hasStackTrace(r.err)).toBe(false);
  });

  it('an unknown parameter path or an invalid value → exit 1 naming the parameter', async () => {
    const unknown = await cli(['sweep', 'default', '--param', 'mechanisms.spinoffs.nope=0:1', '--samples', '2', '--workers', '0', '--out', dir('bad')]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/mechanisms\.spinoffs\.nope/);
    const invalid = await cli(['sweep', 'default', '--param', `${RATE}=-1:0.5`, '--samples', '2', '--workers', '0', '--out', dir('bad2')]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/spinoffs/);
    expect(hasStackTrace(invalid.err)).toBe(false);
  });
});
