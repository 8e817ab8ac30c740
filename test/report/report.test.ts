// The report: output folders of the real CLI (run, batch, compare, sweep; small runs) parsed into
// ReportData, rendered into one self-contained report.html, and the `report` command and the
// default-on report of batch/compare (`--no-report`). The charts themselves are drawn and checked
// in a real browser by test/browser/.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sizeHistogram } from '../../src/analysis/sizes.ts';
import { reportHtml, reportJson } from '../../src/report/html.ts';
import { folderFiles, loadReportData } from '../../src/report/load.ts';
import type { ReportData } from '../../src/report/model.ts';
import { filesFromMap, parseCsv, reportFromFiles } from '../../src/report/parse.ts';
import { evenlySpaced } from '../../src/report/parse-batch.ts';
import { formatSigned, formatValue } from '../../viz/src/charts/format.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);

/** The folder's files as a browser would hand them over (every file read into memory). */
function inMemory(folder: string): Map<string, string | Uint8Array> {
  const map = new Map<string, string | Uint8Array>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else map.set(relative(folder, path).split('\\').join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(folder);
  return map;
}

const records = (folder: string, name: string) => {
  const csv = readCsv(folder, name);
  return csv.rows.map((row) => Object.fromEntries(csv.header.map((h, i) => [h, row[i]])));
};

beforeAll(async () => {
  const common = ['--ticks', '40', '--workers', '0', '--quiet'];
  const runs = await Promise.all([
    cli(['run', 'default', '--ticks', '40', '--out', dir('run')]),
    cli(['batch', 'default', '--seeds', '3', '--variants', 'base,spinoffs', ...common, '--out', dir('batch')]),
    cli(['compare', 'default', '--seeds', '3', ...common, '--out', dir('compare')]),
    cli(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--samples', '2', '--seeds', '2', ...common, '--out', dir('sweep')]),
    cli(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--samples', '3', '--sensitivity', 'sobol', ...common, '--out', dir('sobol')]),
    cli(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--samples', '10', '--seeds', '2', '--ticks', '20', '--workers', '0', '--quiet', '--out', dir('sweep10')]),
    cli(['compare', 'default', '--seeds', '2', ...common, '--no-report', '--out', dir('compare-no-report')]),
    cli(['batch', 'default', '--seeds', '2', ...common, '--no-report', '--out', dir('batch-no-report')]),
  ]);
  for (const r of runs) {
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }
});

describe('reportFromFiles / loadReportData', () => {
  it('reads a run folder: series and stages per region, sizes of the surviving firms', () => {
    const data = loadReportData(dir('run'));
    const summary = JSON.parse(readFileSync(join(dir('run'), 'summary.json'), 'utf8'));
    expect(data.kind).toBe('run');
    expect(data.title).toContain('default');
    expect(data.regions).toEqual(['valley', 'all']);
    expect(data.ticks).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(data.ticksPerYear).toBe(summary.manifest.ticksPerYear);
    expect(data.mainMetrics).toContain('employment');
    expect(data.metrics.find((m) => m.name === 'employment')?.unit).toBe('employees');
    expect(data.variants).toHaveLength(1);
    const [v] = data.variants;
    expect(v.runs).toBe(1);
    const employment = v.series.all.employment;
    expect(employment.p05).toBeUndefined();
    expect(employment.p50).toHaveLength(41);
    expect(employment.p50[40]).toBe(summary.final.employment);
    expect(v.stages.all).toHaveLength(41);
    expect(v.stages.all[40]).toBe(summary.stages.all.at(-1).stage);
    const firms = records(dir('run'), 'firms.csv').filter((f) => f.death === '').map((f) => Number(f.employees));
    expect(v.sizes).toEqual(sizeHistogram(firms, firms.length));
    expect(v.sizes.reduce((a, b) => a + b, 0)).toBe(summary.final.firms);
    expect(data.manifest).toEqual(summary.manifest);
  });

  it('reads a batch folder: bands from ensemble.csv, modal stages and summed sizes from runs/', () => {
    const data = loadReportData(dir('batch'));
    expect(data.kind).toBe('batch');
    expect(data.variants.map((v) => [v.name, v.runs])).toEqual([['base', 3], ['spinoffs', 3]]);
    const ensemble = records(dir('batch'), 'ensemble.csv');
    const at = (variant: string, tick: number) => ensemble.find((r) => r.variant === variant && r.tick === String(tick) && r.region === 'all' && r.metric === 'firms')!;
    for (const [i, name] of ['base', 'spinoffs'].entries()) {
      const band = data.variants[i].series.all.firms;
      for (const t of [0, 17, 40]) {
        expect([band.p05![t], band.p50[t], band.p95![t], band.mean![t]]).toEqual([at(name, t).p05, at(name, t).p50, at(name, t).p95, at(name, t).mean].map(Number));
      }
      const runs = records(dir('batch'), 'runs.csv').filter((r) => r.variant === name && r.region === 'all');
      // Sizes summed over the runs: as many firms as the runs' final_firms together.
      expect(data.variants[i].sizes.reduce((a, b) => a + b, 0)).toBe(runs.reduce((a, r) => a + Number(r.final_firms), 0));
      // Modal final stage = the most frequent final_stage of runs.csv (3 runs: a majority or a tie broken to the earlier stage).
      const counts = new Map<string, number>();
      for (const r of runs) counts.set(r.final_stage, (counts.get(r.final_stage) ?? 0) + 1);
      const top = Math.max(...counts.values());
      expect(counts.get(data.variants[i].stages.all[40])).toBe(top);
      expect(data.variants[i].stages.valley).toHaveLength(41);
    }
    expect(data.compare).toBeUndefined();
    expect(data.manifest).toEqual(JSON.parse(readFileSync(join(dir('batch'), 'manifest.json'), 'utf8')));
  });

  it('reads a compare folder: every row of compare.csv, NaN effect per spend as null', () => {
    const data = loadReportData(dir('compare'));
    expect(data.kind).toBe('compare');
    expect(data.title).toBe('compare · default · 4 variants vs base × 3 seeds');
    expect(data.variants.map((v) => v.name)).toEqual(['base', 'spinoffs', 'spillover', 'cheap-entry', 'placebo']);
    const all = records(dir('compare'), 'compare.csv');
    // The report draws the whole system; compare.csv also has each region's own rows.
    const csv = all.filter((r) => r.region === 'all');
    expect(new Set(all.map((r) => r.region))).toEqual(new Set(['all', 'valley']));
    expect(data.compare).toHaveLength(csv.length);
    csv.forEach((row, i) => {
      const e = data.compare![i];
      expect([e.variant, e.baseline, e.outcome]).toEqual([row.variant, row.baseline, row.outcome]);
      expect([e.n, e.baselineMean, e.variantMean, e.meanDiff, e.ciLow, e.ciHigh, e.pBetter, e.spend]).toEqual(
        [row.n, row.baseline_mean, row.variant_mean, row.mean_diff, row.ci_low, row.ci_high, row.p_better, row.spend].map(Number),
      );
      expect(e.effectPerSpend).toBeNull();
    });
    const placebo = data.compare!.filter((e) => e.variant === 'placebo');
    expect(placebo.every((e) => e.meanDiff === 0 && e.ciLow === 0 && e.ciHigh === 0 && e.pBetter === 0.5)).toBe(true);
  });

  it('reads sensitivity.csv of a Sobol\' (or Morris) sweep into a table', () => {
    expect(loadReportData(dir('sweep')).sensitivity).toBeUndefined();
    const data = loadReportData(dir('sobol'));
    const csv = readCsv(dir('sobol'), 'sensitivity.csv');
    expect(data.sensitivity!.method).toBe('sobol');
    expect(data.sensitivity!.columns).toEqual(csv.header);
    expect(data.sensitivity!.rows).toHaveLength(csv.rows.length);
    const st = csv.header.indexOf('ST');
    expect(data.sensitivity!.rows[0][0]).toBe('mechanisms.spinoffs.rate');
    expect(data.sensitivity!.rows[0][st]).toBe(csv.rows[0][st] === 'NaN' ? NaN : Number(csv.rows[0][st]));
  });

  it('reads a sweep folder: one band per point from runs/, the sweep.csv table', () => {
    const data = loadReportData(dir('sweep'));
    expect(data.kind).toBe('sweep');
    expect(data.variants).toHaveLength(2);
    expect(data.variants.map((v) => v.runs)).toEqual([2, 2]);
    expect(data.variants[0].name).toContain('rate=0.01');
    expect(data.variants[0].series.all.employment.p50).toHaveLength(41);
    expect(data.variants[0].series.all.employment.p95).toHaveLength(41);
    const csv = readCsv(dir('sweep'), 'sweep.csv');
    expect(data.sweep!.columns).toEqual(csv.header);
    expect(data.sweep!.rows).toHaveLength(4);
    const stage = csv.header.indexOf('final_stage');
    expect(data.sweep!.rows[0][stage]).toBe(csv.rows[0][stage]);
    expect(data.sweep!.rows[0][csv.header.indexOf('final_firms')]).toBe(Number(csv.rows[0][csv.header.indexOf('final_firms')]));
  });

  it('a sweep of more points than colours: eight points spread over the design, never one band of all', () => {
    const data = loadReportData(dir('sweep10'));
    const rates = data.variants.map((v) => Number(/rate=([0-9.]+)/.exec(v.name)![1]));
    expect(data.variants).toHaveLength(8);
    expect(data.variants.every((v) => v.runs === 2 && v.name.startsWith('point '))).toBe(true);
    // The first and last points of the grid, ascending in between, no point twice.
    expect(rates[0]).toBeCloseTo(0.01, 12);
    expect(rates[7]).toBeCloseTo(0.1, 12);
    expect(rates.every((r, k) => k === 0 || r > rates[k - 1])).toBe(true);
    expect(data.sweep!.pointsShown).toEqual({ shown: 8, total: 10 });
    expect(data.sweep!.params).toEqual(['mechanisms.spinoffs.rate']);
    expect(data.sweep!.rows).toHaveLength(20); // every run stays in the table and the plots
    // Up to eight points: all of them, no pointsShown.
    expect(loadReportData(dir('sweep')).sweep!.pointsShown).toBeUndefined();
  });

  it('evenlySpaced keeps the ends and spreads the rest', () => {
    expect(evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 3, 6, 9]);
    expect(evenlySpaced([0, 1, 2], 8)).toEqual([0, 1, 2]);
    expect(evenlySpaced(Array.from({ length: 100 }, (_, i) => i), 8)).toEqual([0, 14, 28, 42, 57, 71, 85, 99]);
  });

  it('gives the same data from files in memory (the browser path) as from disk', () => {
    for (const name of ['run', 'batch', 'compare', 'sweep']) {
      expect(reportFromFiles(filesFromMap(inMemory(dir(name))))).toEqual(reportFromFiles(folderFiles(dir(name))));
    }
  });

  it('refuses a folder that is no output folder, with a clear message', () => {
    expect(() => reportFromFiles(filesFromMap(new Map([['notes.txt', 'hi']])))).toThrow(/not a clusterlab output folder.*summary\.json.*manifest\.json.*notes\.txt/);
    mkdirSync(dir('empty'), { recursive: true });
    expect(() => loadReportData(dir('empty'))).toThrow(/empty: not a clusterlab output folder/);
    expect(() => loadReportData(dir('missing'))).toThrow(/no such folder/);
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\n')).toEqual([['a', 'b'], ['x, "y"', '2']]);
  });
});

describe('reportHtml', () => {
  let data: ReportData;
  let html = '';
  beforeAll(async () => {
    data = loadReportData(dir('compare'));
    html = await reportHtml(data);
  });

  it('is self-contained: no http(s) address, no src= reference, no external stylesheet', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('.uplot'); // uPlot's CSS, inlined
  });

  it('holds the data as JSON, NaN as null and `<` escaped', () => {
    const m = /<script id="report-data" type="application\/json">([^]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(reportJson(data));
    expect(m![1]).not.toContain('<');
    const parsed = JSON.parse(m![1]) as ReportData;
    expect(parsed.compare!.length).toBe(data.compare!.length);
    expect(parsed.compare![0].effectPerSpend).toBeNull();
    expect(parsed.variants[1].series.all.employment.p50).toEqual(data.variants[1].series.all.employment.p50);
    expect(html).toContain(`<title>${data.title}</title>`);
  });

  it('escapes `<` in the data so that a name cannot close the script', () => {
    const evil = { ...data, title: '</script><script>alert(1)</script>' };
    expect(reportJson(evil)).not.toContain('</script');
  });
});

describe('clusterlab report and the default report of batch commands', () => {
  it('batch, compare and sweep write report.html by default, not with --no-report', () => {
    for (const name of ['batch', 'compare', 'sweep']) expect(existsSync(join(dir(name), 'report.html')), name).toBe(true);
    for (const name of ['batch-no-report', 'compare-no-report']) expect(existsSync(join(dir(name), 'report.html')), name).toBe(false);
  });

  it('prints the report path at the end of compare', async () => {
    const r = await cli(['compare', 'default', '--seeds', '2', '--ticks', '10', '--workers', '0', '--quiet', '--out', dir('compare-print')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`report      ${join(dir('compare-print'), 'report.html')}`);
  });

  it('writes <dir>/report.html for a run folder and exits 0', async () => {
    const r = await cli(['report', dir('run')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = join(dir('run'), 'report.html');
    expect(r.out).toBe(`report: ${file}\n`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('"kind":"run"');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('exits 1 with a clear message for a folder that is no output folder', async () => {
    mkdirSync(dir('nothing'), { recursive: true });
    const r = await cli(['report', dir('nothing')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*nothing: not a clusterlab output folder/);
    expect(existsSync(join(dir('nothing'), 'report.html'))).toBe(false);
    const missing = await cli(['report', dir('missing')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such folder/);
  });
});

describe('table formatter (viz/src/charts/format.ts)', () => {
  it('prints integers exactly, the rest to 4 significant digits, n/a for missing', () => {
    expect([21, -3, 0, 1959.39, 0.333333, -79.3508, 1.23456e10].map(formatValue)).toEqual(['21', '-3', '0', '1959', '0.3333', '-79.35', '12350000000']);
    expect([null, NaN, Infinity].map(formatValue)).toEqual(['n/a', 'n/a', 'n/a']);
    expect([21.6667, -1, 0].map(formatSigned)).toEqual(['+21.67', '-1', '0']);
  });
});
