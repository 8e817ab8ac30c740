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
