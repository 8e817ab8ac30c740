// The report of a `calibrate` folder: a small real calibration (three priors: log-uniform, uniform,
// integer; one target reached, one never) parsed into ReportData — marginals over the priors'
// ranges whose weights sum to 1, the posterior as the last generation, the generations and the fit
// as the CSV files hold them — and the report.html that calibrate writes by default. An SMM folder,
// and a folder whose calibration has not finished, are read too. Drawn in a browser by
// test/browser/report.test.ts.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvNumber } from '../../src/report/csv.ts';
import { reportHtml } from '../../src/report/html.ts';
import { loadReportData } from '../../src/report/load.ts';
import { edgesOf, histogram } from '../../src/report/parse-calibration.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { CALIBRATION_TARGETS, TINY, workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const scenario = ws.file('tiny.yaml', TINY);
const targets = ws.file('targets.yaml', [
  CALIBRATION_TARGETS,
  '  - { path: mechanisms.growth.rate, lo: 0.05, hi: 1 }',
  '  - { path: firms.generate.count, lo: 3, hi: 9, kind: integer }',
].join('\n'));
const small = ['--workers', '0', '--ticks', '24', '--particles', '20', '--quiet'];
const abc = join(ws.dir, 'abc');
const smm = join(ws.dir, 'smm');
let abcOut = '';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const records = (dir: string, name: string) => {
  const csv = readCsv(dir, name);
  return csv.rows.map((row) => Object.fromEntries(csv.header.map((h, i) => [h, row[i]])));
};

beforeAll(async () => {
  const [a, s] = await Promise.all([
    cli(['calibrate', scenario, '--targets', targets, ...small, '--generations', '3', '--out', abc]),
    cli(['calibrate', scenario, '--targets', targets, ...small, '--method', 'smm', '--max-evaluations', '30', '--no-report', '--out', smm]),
  ]);
  expect(a.err).toBe('');
  expect(a.code).toBe(0);
  expect(s.err).toBe('');
  expect(s.code).toBe(0);
  abcOut = a.out;
}, 60_000);

describe('the report of a calibration folder', () => {
  it('calibrate writes report.html by default and lists it; not with --no-report', () => {
    expect(existsSync(join(abc, 'report.html'))).toBe(true);
    expect(abcOut).toMatch(/outputs .*report\.html/);
    expect(existsSync(join(smm, 'report.html'))).toBe(false);
  });

  it('reads an ABC-SMC folder: title, stop reason, parameters as parameters.csv has them', () => {
    const data = loadReportData(abc);
    expect(data.kind).toBe('calibration');
    expect(data.title).toBe('calibrate · tiny · ABC-SMC, 20 particles × 2 seeds');
    const c = data.calibration!;
    expect(c.method).toBe('abc');
    expect(c.stopped).toBe(JSON.parse(readFileSync(join(abc, 'manifest.json'), 'utf8')).stopped);
    expect(c.stopped).toMatch(/generations/);
    expect(c.finished).toBe(true);
    const rows = records(abc, 'parameters.csv');
    expect(c.parameters.map((p) => [p.path, p.prior, p.lo, p.hi])).toEqual([
      ['mechanisms.entry.rate', 'loguniform', 0.5, 8], ['mechanisms.growth.rate', 'uniform', 0.05, 1], ['firms.generate.count', 'integer', 3, 9],
    ]);
    c.parameters.forEach((p, j) => {
      expect(p.median).toBe(Number(rows[j].median));
      expect(p.q05).toBe(Number(rows[j].q05));
      expect(p.q95).toBe(Number(rows[j].q95));
      expect(p.q05).toBeLessThanOrEqual(p.median);
      expect(p.median).toBeLessThanOrEqual(p.q95);
    });
  });

  it('the posterior is the last generation; marginals span the prior ranges and their weights sum to 1', () => {
    const c = loadReportData(abc).calibration!;
    const posterior = records(abc, 'posterior.csv');
    const last = Math.max(...posterior.map((r) => Number(r.generation)));
    expect(last).toBe(2);
    expect(c.posterior.generation).toBe(last);
    expect(c.posterior.values).toHaveLength(20);
    expect(sum(c.posterior.weights)).toBeCloseTo(1, 12);
    const own = posterior.filter((r) => Number(r.generation) === last);
    expect(c.posterior.values.map((v) => v[0])).toEqual(own.map((r) => Number(r['mechanisms.entry.rate'])));

    expect(c.marginals.map((m) => [m.path, m.log])).toEqual([['mechanisms.entry.rate', true], ['mechanisms.growth.rate', false], ['firms.generate.count', false]]);
    for (const m of c.marginals) {
      expect(sum(m.posterior)).toBeCloseTo(1, 12);
      expect(sum(m.prior!)).toBeCloseTo(1, 12);
      expect(m.posterior).toHaveLength(m.edges.length - 1);
      for (let k = 1; k < m.edges.length; k++) expect(m.edges[k]).toBeGreaterThan(m.edges[k - 1]);
    }
    const [entry, growth, count] = c.marginals;
    expect([entry.edges[0], entry.edges.at(-1)]).toEqual([0.5, 8]);
    // Log-uniform: equal bins in log, so the middle edge is the geometric mean of the range.
    expect(entry.edges[10]).toBeCloseTo(2, 12);
    expect([growth.edges[0], growth.edges.at(-1)]).toEqual([0.05, 1]);
    // Integer: one bin per value 3..9.
    expect(count.edges).toEqual([2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    // The integer marginal is the posterior's weight per value.
    const weightOf = (n: number) => sum(own.filter((r) => Number(r['firms.generate.count']) === n).map((r) => Number(r.weight))) / sum(own.map((r) => Number(r.weight)));
    count.posterior.forEach((w, k) => expect(w).toBeCloseTo(weightOf(3 + k), 9));
    // The prior sample (generation 0) has equal weights: 1/20 per particle.
    for (const w of count.prior!) expect(Math.round(w * 20)).toBeCloseTo(w * 20, 9);
  });

  it('the generations and the fit rows as generations.csv and fit.csv hold them', () => {
    const c = loadReportData(abc).calibration!;
    const gens = records(abc, 'generations.csv');
    expect(c.generations.map((g) => g.generation)).toEqual([0, 1, 2]);
    expect(c.generations[0].epsilon).toBe(Infinity);
    c.generations.forEach((g, i) => {
      expect(g.epsilon).toBe(csvNumber(gens[i].epsilon));
      expect(g.distanceMedian).toBe(Number(gens[i].distance_median));
      expect(g.candidates).toBe(Number(gens[i].candidates));
    });
    // The tolerance shrinks after the prior sample.
    expect(c.generations[2].epsilon).toBeLessThan(c.generations[1].epsilon);
    const fit = records(abc, 'fit.csv');
    expect(c.fit.map((f) => [f.target, f.kind, f.reached])).toEqual([['firms@all', 'value', true], ['never', 'value', false]]);
    c.fit.forEach((f, i) => {
      expect(f.observedLow).toBe(Number(fit[i].observed_low));
      expect(f.observedHigh).toBe(Number(fit[i].observed_high));
      expect(f.simulatedMean).toBe(Number(fit[i].simulated_mean));
      expect(f.simulatedLow).toBe(Number(fit[i].simulated_low));
      expect(f.simulatedHigh).toBe(Number(fit[i].simulated_high));
    });
    expect([c.fit[0].observedLow, c.fit[0].observedHigh]).toEqual([10, 18]);
  });

  it('reads an SMM folder: one generation of equal weights, no prior sample, the estimate beside the median', () => {
    const data = loadReportData(smm);
    expect(data.title).toBe('calibrate · tiny · simulated method of moments, 20 particles × 2 seeds');
    const c = data.calibration!;
    expect(c.method).toBe('smm');
    expect(c.posterior.generation).toBe(0);
    // Draws of the estimate's normal (just the estimate when its covariance is singular), equal weights.
    const n = records(smm, 'posterior.csv').length;
    expect(c.posterior.values).toHaveLength(n);
    for (const w of c.posterior.weights) expect(w).toBeCloseTo(1 / n, 12);
    for (const m of c.marginals) {
      expect(m.prior).toBeUndefined();
      expect(sum(m.posterior)).toBeCloseTo(1, 12);
    }
    const estimate = JSON.parse(readFileSync(join(smm, 'manifest.json'), 'utf8')).estimate.values as number[];
    expect(c.parameters.map((p) => p.estimate)).toEqual(estimate);
    expect(c.generations.map((g) => g.distanceMedian)).toEqual(records(smm, 'generations.csv').map((r) => Number(r.distance_median)));
    expect(c.generations.length).toBeGreaterThan(0);
    expect(c.generations.every((g) => Number.isNaN(g.epsilon))).toBe(true);
    expect(c.fit).toHaveLength(2);
  });

  it('a calibration that has not finished: the generations so far, no fit, a report all the same', async () => {
    const partial = join(ws.dir, 'partial');
    await cli(['calibrate', scenario, '--targets', targets, ...small, '--generations', '2', '--no-report', '--out', partial]);
    for (const f of ['parameters.csv', 'fit.csv']) rmSync(join(partial, f));
    const data = loadReportData(partial);
    expect(data.calibration!.finished).toBe(false);
    expect(data.calibration!.fit).toEqual([]);
    expect(data.calibration!.parameters.every((p) => Number.isNaN(p.median))).toBe(true);
    expect(sum(data.calibration!.marginals[0].posterior)).toBeCloseTo(1, 12);
    const html = await reportHtml(data);
    expect(html).not.toMatch(/https?:\/\//);
    expect((await cli(['report', partial])).code).toBe(0);
  });

  it('bins: values on an edge go to the upper bin, the top of the range to the last bin', () => {
    const edges = edgesOf(0, 1, 'uniform');
    expect(edges).toHaveLength(21);
    const pop = { generation: 0, values: [[0], [0.05], [1], [0.5]], weights: [0.1, 0.2, 0.3, 0.4], distances: [0, 0, 0, 0] };
    const h = histogram(edges, pop, 0);
    expect(h[0]).toBeCloseTo(0.1, 12);
    expect(h[1]).toBeCloseTo(0.2, 12);
    expect(h[10]).toBeCloseTo(0.4, 12);
    expect(h[19]).toBeCloseTo(0.3, 12);
    // A wide integer range gets continuous bins.
    expect(edgesOf(0, 1000, 'integer')).toHaveLength(21);
  });
});
