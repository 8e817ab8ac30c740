// `clusterlab compare --posterior`: a lever whose effect depends on a calibrated parameter (entry
// at 4 a year, against a posterior over the entry rate from 0 to 4) has most of its spread from
// the parameters; a posterior of one point has none; the interval is wider than plain compare's
// on the same seeds; same bytes with 1 and 2 workers, after --resume and after shards + merge;
// bad posterior files are exit 1 with the file, what was expected and what was found.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_NAMES } from '../../src/analysis/outcomes.ts';
import { cli, readCsv, runFiles, summaryFiles } from '../batch/helpers.ts';
import { hasStackTrace, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);

const SCENARIO = ws.file('two.yaml', `name: two
ticks: 40
ticksPerYear: 4
seed: 7
regions:
  - name: north
  - name: south
firms:
  generate:
    count: 6
variants:
  more_entry:
    description: four entrants a year
    set:
      mechanisms.entry.rate: 4
`);
const SPREAD = ws.file('spread.csv', `generation,particle,weight,distance,mechanisms.entry.rate
0,0,0.5,3,9
1,0,0.25,0.5,0
1,1,0.25,0.4,1
1,2,0.25,,3
1,3,0.25,NaN,4
`);
const POINT = ws.file('point.csv', 'generation,particle,weight,distance,mechanisms.entry.rate\n0,5,1,0.1,2\n');

const rowsOf = (d: string) => {
  const csv = readCsv(d, 'compare.csv');
  return csv.rows.map((row) => Object.fromEntries(csv.header.map((h, i) => [h, row[i]])));
};
const find = (rows: Record<string, string>[], region: string, outcome: string) => rows.find((r) => r.region === region && r.outcome === outcome)!;
const base = ['compare', SCENARIO, '--ticks', '40', '--quiet', '--no-report'];

describe('compare --posterior: the effect depends on the parameter', () => {
  let rows: Record<string, string>[] = [];
  let out = '';
  beforeAll(async () => {
    const r = await cli([...base, '--posterior', SPREAD, '--draws', '8', '--seeds', '30', '--workers', '0', '--out', dir('spread')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    out = r.out;
    rows = rowsOf(dir('spread'));
  });

  it('compare.csv: the plain columns, then draws, seeds, sd_parameters, sd_chance, share_parameters, same_sign', () => {
    expect(readCsv(dir('spread'), 'compare.csv').header).toEqual([
      'variant', 'baseline', 'region', 'outcome', 'n', 'baseline_mean', 'variant_mean', 'mean_diff', 'ci_low', 'ci_high', 'p_better', 'spend', 'effect_per_spend',
      'draws', 'seeds', 'sd_parameters', 'sd_chance', 'share_parameters', 'same_sign',
    ]);
    expect(rows.map((r) => `${r.region}/${r.outcome}`)).toEqual(['all', 'north', 'south'].flatMap((g) => OUTCOME_NAMES.map((o) => `${g}/${o}`)));
    expect(rows.every((r) => r.variant === 'more_entry' && r.n === '240' && r.draws === '8' && r.seeds === '30')).toBe(true);
  });

  it('entries: most of the spread is the parameters, and the lever raises entry wherever the drawn rate is below 4', () => {
    const r = find(rows, 'all', 'total_entries');
    expect(Number(r.share_parameters)).toBeGreaterThan(0.8);
    // The two draws at rate 4 run the variant itself: no effect, so not the sign of the mean.
    expect(Number(r.same_sign)).toBe(0.75);
    expect(Number(r.mean_diff)).toBeGreaterThan(0);
    expect(Number(r.ci_low)).toBeLessThan(Number(r.mean_diff));
    expect(out).toMatch(/more_entry vs base \(8 parameter draws × 30 paired seeds\)/);
    expect(out).toMatch(/share params +same sign/);
  });

  it('draws.csv and the manifest record the draws (two of each equally weighted particle), the file\'s hash and key', () => {
    expect(readFileSync(join(dir('spread'), 'draws.csv'), 'utf8')).toBe(
      'draw,particle,mechanisms.entry.rate\n0,0,0.0\n1,0,0.0\n2,1,1.0\n3,1,1.0\n4,2,3.0\n5,2,3.0\n6,3,4.0\n7,3,4.0\n',
    );
    const m = JSON.parse(readFileSync(join(dir('spread'), 'manifest.json'), 'utf8'));
    expect(m.posterior).toMatchObject({ file: SPREAD, generation: 1, params: ['mechanisms.entry.rate'], seedKey: 'posterior/two' });
    expect(m.posterior.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.posterior.draws).toHaveLength(8);
    expect(m.jobs).toBe(8 * 2 * 30);
    // runs.csv names each run's draw.
    const runs = readCsv(dir('spread'), 'runs.csv');
    expect(runs.header.slice(0, 4)).toEqual(['variant', 'draw', 'seed', 'region']);
    expect(runs.rows).toHaveLength(480 * 3);
  });

  it('the interval is wider than plain compare\'s on the same seeds', async () => {
    const r = await cli([...base, '--seeds', '30', '--workers', '0', '--out', dir('plain')]);
    expect(r.code).toBe(0);
    const plain = find(rowsOf(dir('plain')), 'all', 'total_entries');
    const drawn = find(rows, 'all', 'total_entries');
    expect(Number(drawn.ci_high) - Number(drawn.ci_low)).toBeGreaterThan(2 * (Number(plain.ci_high) - Number(plain.ci_low)));
  });

  it('the report reads the folder', async () => {
    const r = await cli(['report', dir('spread'), '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir('spread'), 'report.html'))).toBe(true);
  });
});

describe('compare --posterior: one point', () => {
  it('every draw runs the same worlds: share_parameters 0, same_sign 1', async () => {
    const r = await cli([...base, '--posterior', POINT, '--draws', '4', '--seeds', '10', '--workers', '0', '--out', dir('point')]);
    expect(r.code).toBe(0);
    const rows = rowsOf(dir('point'));
    const entries = find(rows, 'all', 'total_entries');
    expect(entries.share_parameters).toBe('0.0');
    expect(entries.sd_parameters).toBe('0.0');
    expect(entries.same_sign).toBe('1.0');
    expect(rows.every((x) => x.share_parameters === '0.0' || x.share_parameters === 'NaN')).toBe(true);
  });

  it('--json prints the rows with the parameter-uncertainty columns', async () => {
    const r = await cli([...base, '--posterior', POINT, '--draws', '2', '--seeds', '3', '--workers', '0', '--json', '--out', dir('point-json')]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows.find((x) => x.region === 'all' && x.outcome === 'total_entries')).toMatchObject({ draws: 2, seeds: 3, n: 6, share_parameters: 0, same_sign: 1 });
  });
});

describe('compare --posterior: determinism, resume, shards', () => {
  const argv = [...base, '--posterior', SPREAD, '--draws', '3', '--seeds', '3'];
  let reference: Record<string, string>;
  beforeAll(async () => {
    expect((await cli([...argv, '--workers', '1', '--out', dir('w1')])).code).toBe(0);
    reference = summaryFiles(dir('w1'));
    reference['draws.csv'] = readFileSync(join(dir('w1'), 'draws.csv'), 'utf8');
  });
  const withDraws = (d: string) => ({ ...summaryFiles(d), 'draws.csv': readFileSync(join(d, 'draws.csv'), 'utf8') });

  it('1 and 2 workers: the same bytes', async () => {
    expect((await cli([...argv, '--workers', '2', '--out', dir('w2')])).code).toBe(0);
    expect(withDraws(dir('w2'))).toEqual(reference);
  });

  it('--resume runs the missing jobs and gives the same files; another posterior cannot resume it', async () => {
    const out = dir('resumed');
    expect((await cli([...argv, '--workers', '0', '--out', out])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, completed: null, failed: null }, null, 2) + '\n');
    for (const i of [0, 7, 13]) rmSync(join(out, 'runs', `${i}.json`));
    const again = await cli([...argv, '--workers', '0', '--resume', '--out', out]);
    expect(again.code).toBe(0);
    expect(withDraws(out)).toEqual(reference);
    const other = await cli([...base, '--posterior', POINT, '--draws', '3', '--seeds', '3', '--workers', '0', '--resume', '--out', out]);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/cannot resume.*posterior/);
  });

  it('2 shards + merge: the files of one machine', async () => {
    for (const k of [1, 2]) expect((await cli([...argv, '--workers', '0', '--shard', `${k}/2`, '--out', dir(`s${k}`)])).code).toBe(0);
    const merged = await cli(['merge', dir('s2'), dir('s1'), '--out', dir('merged'), '--quiet', '--no-report']);
    expect(merged.err).toBe('');
    expect(merged.code).toBe(0);
    expect(withDraws(dir('merged'))).toEqual(reference);
    expect(runFiles(dir('merged'))).toEqual(runFiles(dir('w1')));
  });
});

describe('compare --posterior: bad input', () => {
  const run = (posterior: string, extra: string[] = ['--draws', '2']) =>
    cli([...base, '--posterior', posterior, ...extra, '--seeds', '2', '--workers', '0', '--out', dir(`bad-${Math.random()}`.replace('.', ''))]);
  const cases: [string, string, RegExp][] = [
    ['no-file', '', /nofile\.csv: expected a posterior\.csv file \(written by clusterlab calibrate\), found no such file/],
    ['empty', '', /empty\.csv: expected a header generation,particle,weight,distance/],
    ['no-weight', 'generation,particle,mechanisms.entry.rate\n0,0,1\n', /no-weight\.csv: line 1: expected .*"weight" column/],
    ['text', 'generation,weight,mechanisms.entry.rate\n0,1,fast\n', /text\.csv: line 2, column "mechanisms\.entry\.rate": expected a number .*found "fast"/],
    ['zero', 'generation,weight,mechanisms.entry.rate\n0,0,1\n', /zero\.csv: generation 0: expected some particle with a weight above 0/],
    ['unknown-path', 'generation,weight,mechanisms.entry.speed\n0,1,1\n', /unknown-path\.csv: line 2 \(particle 0\) does not fit two: column "mechanisms\.entry\.speed": expected a path that exists in the scenario/],
    ['rejected', 'generation,weight,mechanisms.entry.rate\n0,1,-1\n', /rejected\.csv: line 2 \(particle 0\) does not fit two: column "mechanisms\.entry\.rate": expected a number ≥ 0/],
  ];
  for (const [name, text, message] of cases) {
    it(`${name}: exit 1, the file and the problem, no stack trace`, async () => {
      const file = name === 'no-file' ? join(ws.dir, 'nofile.csv') : ws.file(`${name}.csv`, text);
      const r = await run(file);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(hasStackTrace(r.err)).toBe(false);
    });
  }

  it('--draws needs --posterior and --posterior needs --draws', async () => {
    const a = await cli([...base, '--draws', '3', '--seeds', '2', '--workers', '0', '--out', dir('nd1')]);
    expect([a.code, a.err]).toEqual([1, 'error: --draws needs --posterior <posterior.csv>\n']);
    const b = await run(POINT, []);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/--posterior needs --draws <K>/);
  });
});
