// report.html in a real browser (Debian's Chromium through playwright-core; test/support/browser.ts):
// the report of a small `compare`, a `run` folder, a sweep and a calibration, opened from file://
// with every network request refused — every chart's canvas is drawn, the page logs no error, the
// compare table shows compare.csv's numbers through the report's own formatter, and the
// calibration's fit table marks the target not reached. Screenshots: test-output/.
// Without Chromium the tests are skipped with the reason printed (never passed without running).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_OUTCOMES } from '../../viz/src/charts/index.ts';
import { CALIBRATION_TARGETS, TINY } from '../cli/fixtures.ts';
import { formatSigned, formatValue } from '../../viz/src/charts/format.ts';
import { announceSkip, browserSkipReason, canvasInk, collectErrors, launchBrowser, parseCsv, repoRoot, screenshot, type BrowserSession } from '../support/browser.ts';

const BIN = join(repoRoot, 'bin', 'clusterlab.mjs');

/** The compare table's data-field → compare.csv column; `signed` cells are written with formatSigned. */
const FIELDS: { field: string; column: string; signed?: boolean }[] = [
  { field: 'n', column: 'n' },
  { field: 'baselineMean', column: 'baseline_mean' },
  { field: 'variantMean', column: 'variant_mean' },
  { field: 'meanDiff', column: 'mean_diff', signed: true },
  { field: 'ciLow', column: 'ci_low' },
  { field: 'ciHigh', column: 'ci_high' },
  { field: 'pBetter', column: 'p_better' },
  { field: 'spend', column: 'spend' },
  { field: 'effectPerSpend', column: 'effect_per_spend' },
];

function clusterlab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: repoRoot, timeout: 60_000, maxBuffer: 16 * 2 ** 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1;
      resolve({ code, stdout, stderr: stderr + (error && code === -1 ? error.message : '') });
    });
  });
}

const describeResult = (what: string, r: { code: number; stdout: string; stderr: string }) =>
  `${what}: exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;

const skip = browserSkipReason();
announceSkip(skip);

describe.skipIf(skip !== null)('report.html in Chromium', () => {
  let session: BrowserSession;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clusterlab-report-e2e-'));
    session = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /**
   * Opens `file` from file:// in a new page; any request other than file: and data: is refused and
   * counted as an error (the report must open offline). Returns the page and its error list.
   */
  async function openReport(file: string): Promise<{ page: Page; errors: string[] }> {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      errors.push(`network request from an offline report: ${url}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors };
  }

  /** Waits until every `[data-chart]` holds a canvas with ink, then checks it; returns the chart ids. */
  async function expectChartsDrawn(page: Page): Promise<string[]> {
    await page
      .waitForFunction(() => {
        const charts = document.querySelectorAll('[data-chart]');
        return charts.length > 0 && [...charts].every((c) => c.querySelector('canvas') !== null);
      }, undefined, { timeout: 10_000 })
      .catch(() => {});
    const charts = await page.$$eval('[data-chart]', (els) => els.map((e) => ({ id: e.getAttribute('data-chart') ?? '', canvases: e.querySelectorAll('canvas').length })));
    expect(charts.length, 'charts ([data-chart]) in the page').toBeGreaterThan(0);
    expect(charts.filter((c) => c.canvases === 0).map((c) => c.id), 'charts without a canvas').toEqual([]);
    // uPlot draws on the next frame at the latest; give it a few.
    let ink = await canvasInk(page);
    for (let i = 0; i < 20 && ink.some((c) => c.ink === 0); i++) {
      await page.waitForTimeout(50);
      ink = await canvasInk(page);
    }
    expect(ink.filter((c) => c.width === 0 || c.height === 0).map((c) => c.chart), 'canvases of zero size').toEqual([]);
    expect(ink.filter((c) => c.ink === 0).map((c) => c.chart), 'canvases left blank').toEqual([]);
    return charts.map((c) => c.id);
  }

  /** Each picture (data-picture) and whether its canvas has ink. */
  function pictureInk(page: Page): Promise<[string, boolean][]> {
    return page.$$eval('[data-picture]', (figs) => figs.map((f) => {
      const c = f.querySelector('canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
      return [f.getAttribute('data-picture')!, ink > 100] as [string, boolean];
    }));
  }

  it('compare default --seeds 4 --ticks 60: report written by default, charts drawn, table = compare.csv', async () => {
    const out = join(work, 'compare');
    const r = await clusterlab(['compare', 'default', '--seeds', '4', '--ticks', '60', '--out', out, '--quiet']);
    expect(r.code, describeResult('clusterlab compare', r)).toBe(0);
    const file = join(out, 'report.html');
    expect(existsSync(file), `${file} written by compare (default on)`).toBe(true);
    expect(r.stdout, 'compare prints the report path').toContain('report.html');

    const html = readFileSync(file, 'utf8');
    // Self-contained: no script or stylesheet from elsewhere.
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?(https?:)?\/\//i);

    const { page, errors } = await openReport(file);
    const ids = await expectChartsDrawn(page);
    expect(ids).toContain('ts-employment');
    expect(ids).toContain('sizes');
    expect(ids.some((id) => id.startsWith('region-')), `region small multiples among ${ids.join(', ')}`).toBe(true);
    for (const outcome of COMPARE_OUTCOMES) expect(ids).toContain(`compare-${outcome}`);

    // The manifest as a readable block.
    const pre = await page.$$eval('pre', (els) => els.map((e) => e.textContent ?? ''));
    expect(pre.some((t) => t.includes('"scenario"') || t.includes('scenario')), 'manifest <pre>').toBe(true);

    // The compare table: every main outcome of every variant, each field as compare.csv has it.
    const csv = parseCsv(readFileSync(join(out, 'compare.csv'), 'utf8'));
    const cells = await page.$$eval('[data-variant][data-outcome][data-field]', (els) =>
      els.map((e) => ({ variant: e.getAttribute('data-variant')!, outcome: e.getAttribute('data-outcome')!, field: e.getAttribute('data-field')!, text: (e.textContent ?? '').trim() })),
    );
    const shown = new Map(cells.map((c) => [`${c.variant}|${c.outcome}|${c.field}`, c.text]));
    // The report shows the whole system; compare.csv also has each region's own rows.
    const rows = csv.filter((row) => row.region === 'all' && COMPARE_OUTCOMES.includes(row.outcome));
    expect(new Set(rows.map((row) => row.variant)).size, 'variants in compare.csv').toBe(4);
    expect(rows.length).toBe(4 * COMPARE_OUTCOMES.length);
    const expected: string[] = [];
    const actual: string[] = [];
    for (const row of rows) {
      for (const f of FIELDS) {
        const x = Number(row[f.column]); // "NaN" → NaN → "n/a"
        const key = `${row.variant}|${row.outcome}|${f.field}`;
        expected.push(`${key} = ${f.signed ? formatSigned(x) : formatValue(x)}`);
        actual.push(`${key} = ${shown.get(key) ?? '(no cell)'}`);
      }
    }
    expect(actual).toEqual(expected);
    // placebo is the base scenario: exactly 0, [0, 0], 0.5 on screen too.
    expect(shown.get('placebo|final_employment|meanDiff')).toBe('0');
    expect(shown.get('placebo|final_employment|pBetter')).toBe('0.5');

    await screenshot(page, 'report-compare');

    // Every y axis's tick labels, as drawn: distinct, and read back evenly spaced (k and M
    // expanded) — no 0.25 step printed as 0.3, no 1024 as 1020.
    const ticks = await page.$$eval('[data-y-ticks]', (figs) => figs.map((f) => [f.getAttribute('data-chart')!, f.getAttribute('data-y-ticks')!.split('|')] as [string, string[]]));
    expect(ticks.length).toBeGreaterThan(10);
    for (const [chart, labels] of ticks) {
      const values = labels.filter((l) => l !== '').map((l) => Number(l.replace(/k$/, 'e3').replace(/M$/, 'e6')));
      expect(new Set(labels).size, `${chart}: distinct labels ${labels.join(' ')}`).toBe(labels.length);
      expect(values.every(Number.isFinite), `${chart}: ${labels.join(' ')}`).toBe(true);
      const steps = values.slice(1).map((v, i) => v - values[i]);
      for (const step of steps) expect(Math.abs(step - steps[0]), `${chart}: ${labels.join(' ')}`).toBeLessThanOrEqual(1e-9 * Math.abs(steps[0]));
    }

    // Beside every chart a PNG and a CSV; the time series' CSV holds the bands of ensemble.csv.
    const withoutLinks = await page.$$eval('[data-chart]', (figs) => figs.filter((f) => !f.querySelector('[data-export="png"]') || !f.querySelector('[data-export="csv"]')).map((f) => f.getAttribute('data-chart')));
    expect(withoutLinks, 'charts without PNG and CSV links').toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart="ts-employment"] [data-export="csv"]')]);
    expect(download.suggestedFilename()).toBe('ts-employment.csv');
    const chartCsv = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(Object.keys(chartCsv[0])).toEqual(['year', ...['base', 'spinoffs', 'spillover', 'cheap-entry', 'placebo'].flatMap((v) => [`${v} p05`, `${v} p50`, `${v} p95`])]);
    expect(chartCsv).toHaveLength(61);
    const ensemble = parseCsv(readFileSync(join(out, 'ensemble.csv'), 'utf8')).find((row) => row.variant === 'spinoffs' && row.tick === '60' && row.region === 'all' && row.metric === 'employment')!;
    expect(Number(chartCsv[60]['spinoffs p95'])).toBe(Number(ensemble.p95));
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart="ts-employment"] [data-export="png"]')]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
    // SVG: a vector copy — the title, every variant's line in its colour, the y tick labels.
    const inkBefore = (await canvasInk(page)).find((c) => c.chart === 'ts-employment')!.ink;
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart="ts-employment"] [data-export="svg"]')]);
    expect(svgFile.suggestedFilename()).toBe('ts-employment.svg');
    const svg = readFileSync(await svgFile.path(), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('employment — Σ employees of the firms.');
    for (const colour of ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00']) expect(svg, `a line in ${colour}`).toMatch(new RegExp(`<path d="[^"]+" fill="none" stroke="${colour}"`));
    for (const label of (await page.getAttribute('[data-chart="ts-employment"]', 'data-y-ticks'))!.split('|')) expect(svg).toContain(`>${label}</text>`);
    // The chart is drawn for real again afterwards.
    await page.waitForTimeout(50);
    expect((await canvasInk(page)).find((c) => c.chart === 'ts-employment')!.ink).toBe(inkBefore);

    // The baseline and a variant side by side at each pictured tick.
    const pictured = (await pictureInk(page)).map(([id]) => id);
    expect(pictured).toEqual(expect.arrayContaining(['map-base-60', 'map-spinoffs-60', 'genealogy-base', 'genealogy-spinoffs']));

    // Every chart's canvas is named for screen readers.
    const unnamed = await page.$$eval('[data-chart] canvas', (els) => els.filter((c) => c.getAttribute('role') !== 'img' || !(c.getAttribute('aria-label') ?? '').trim()).length);
    expect(unnamed, 'canvases without role img and an aria-label').toBe(0);
    expect(await page.getAttribute('[data-chart="ts-employment"] canvas', 'aria-label')).toMatch(/^employment.*; lines: base/);

    // The placebo's medians are the base's: its line is dashed and its legend says so.
    const legend = await page.$$eval('[data-chart="ts-employment"] .u-legend .u-series', (rows) => rows.map((r) => (r.textContent ?? '').trim()));
    expect(legend.find((t) => t.startsWith('placebo')), `legend ${legend.join(' | ')}`).toMatch(/= base/);
    expect(legend.filter((t) => t.includes('= base')), 'only the placebo equals the base').toHaveLength(1);

    // Hiding variants in the legend takes their lines and bands away and rescales the y axis.
    const chart = page.locator('[data-chart="ts-employment"]');
    const yRange = async () => [Number(await chart.getAttribute('data-y-min')), Number(await chart.getAttribute('data-y-max'))];
    const inkOf = async () => (await canvasInk(page)).find((c) => c.chart === 'ts-employment')!.ink;
    const [, fullMax] = await yRange();
    const fullInk = await inkOf();
    const legendRows = chart.locator('.u-legend .u-series');
    const variantRows = (await legendRows.count()) - 1; // the first row is the x value (year)
    expect(variantRows).toBe(5);
    for (let k = 1; k <= variantRows; k++) await legendRows.nth(k).click();
    await page.waitForTimeout(100);
    expect(await yRange(), 'nothing shown: the empty range').toEqual([0, 1]);
    expect(await inkOf(), 'lines and bands gone').toBeLessThan(fullInk);
    await legendRows.nth(1).click(); // base alone: its band and line set the range
    await page.waitForTimeout(100);
    const [, baseMax] = await yRange();
    expect(baseMax).toBeGreaterThan(1);
    expect(baseMax).toBeLessThanOrEqual(fullMax);
    for (let k = 2; k <= variantRows; k++) await legendRows.nth(k).click();
    await page.waitForTimeout(100);
    expect((await yRange())[1], 'all shown again: the first range').toBe(fullMax);

    // The effects' outcomes can be chosen among all of compare.csv's; the README's headline
    // outcomes are there by default.
    expect(ids).toContain('compare-mean_employment');
    expect(ids).toContain('compare-years_to_decline');
    const offered = await page.$$eval('[data-control="effect-outcomes"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual([...new Set(csv.filter((row) => row.region === 'all').map((row) => row.outcome))]);
    await page.selectOption('[data-control="effect-outcomes"]', ['peak_firms', 'total_exits']);
    const afterPick = await page.$$eval('[data-chart^="compare-"]', (els) => els.map((e) => e.getAttribute('data-chart')));
    expect(afterPick.sort()).toEqual(['compare-peak_firms', 'compare-total_exits']);
    expect(await page.$$eval('table[data-table="compare"] tbody tr', (trs) => new Set(trs.map((t) => t.getAttribute('data-outcome'))).size)).toBe(2);

    expect(errors, 'console errors, page errors, network requests').toEqual([]);
    await page.close();
  }, 60_000);

  it('a run folder: `clusterlab report` writes report.html, and it renders', async () => {
    const out = join(work, 'run');
    const r = await clusterlab(['run', 'default', '--ticks', '60', '--out', out]);
    expect(r.code, describeResult('clusterlab run', r)).toBe(0);
    const rep = await clusterlab(['report', out]);
    expect(rep.code, describeResult('clusterlab report', rep)).toBe(0);
    const file = join(out, 'report.html');
    expect(existsSync(file)).toBe(true);
    expect(rep.stdout).toContain('report.html');

    const { page, errors } = await openReport(file);
    const ids = await expectChartsDrawn(page);
    expect(ids).toContain('ts-employment');
    expect(ids).toContain('sizes');
    expect(ids.some((id) => id.startsWith('compare-')), 'no compare charts for a run').toBe(false);
    // The run's map and genealogy at a quarter, half, three quarters and the end, each with ink.
    expect(await pictureInk(page)).toEqual([['map-base-15', true], ['map-base-30', true], ['map-base-45', true], ['map-base-60', true], ['genealogy-base', true]]);
    // The map as SVG: at least one full circle (two half arcs) per firm alive at the end.
    const [mapSvg] = await Promise.all([page.waitForEvent('download'), page.click('[data-picture="map-base-60"] [data-export="svg"]')]);
    const svgText = readFileSync(await mapSvg.path(), 'utf8');
    const alive = parseCsv(readFileSync(join(out, 'firms.csv'), 'utf8')).filter((f) => f.death === '').length;
    expect(svgText).toContain('base, tick 60');
    expect((svgText.match(/A/g) ?? []).length / 2).toBeGreaterThanOrEqual(alive);
    await screenshot(page, 'report-run');
    expect(errors, 'console errors, page errors, network requests').toEqual([]);
    await page.close();
  }, 60_000);

  it('sweep: the report written by default renders, with the sweep and sensitivity tables', async () => {
    const out = join(work, 'sweep');
    const r = await clusterlab(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--samples', '2', '--seeds', '2', '--ticks', '40', '--sensitivity', 'morris', '--out', out, '--quiet']);
    expect(r.code, describeResult('clusterlab sweep', r)).toBe(0);
    const file = join(out, 'report.html');
    expect(existsSync(file), `${file} written by sweep (default on)`).toBe(true);
    const { page, errors } = await openReport(file);
    const ids = await expectChartsDrawn(page);
    expect(ids).toContain('ts-employment');
    const text = await page.textContent('body');
    expect(text).toContain('mechanisms.spinoffs.rate');
    expect(text).toContain('Sensitivity (Morris)');
    expect(await page.locator('[data-table="sensitivity"] tbody tr').count()).toBeGreaterThan(10);
    // Each main outcome against the swept parameter (expectChartsDrawn: every one has ink).
    for (const outcome of ['final_employment', 'total_spinoffs', 'mean_employment']) expect(ids).toContain(`sweep-mechanisms.spinoffs.rate-${outcome}`);
    expect(ids, 'the Morris indices as charts').toContain('sensitivity-final_employment');
    await screenshot(page, 'report-sweep');
    expect(errors, 'console errors, page errors, network requests').toEqual([]);
    await page.close();

    // More points than colours (the README's --samples 10): eight points as lines, said so.
    const out10 = join(work, 'sweep10');
    const r10 = await clusterlab(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--samples', '10', '--seeds', '2', '--ticks', '20', '--out', out10, '--quiet']);
    expect(r10.code, describeResult('clusterlab sweep --samples 10', r10)).toBe(0);
    const ten = await openReport(join(out10, 'report.html'));
    await expectChartsDrawn(ten.page);
    const legend = await ten.page.$$eval('[data-chart="ts-employment"] .u-legend .u-series', (rows) => rows.slice(1).map((r) => (r.textContent ?? '').trim()));
    expect(legend).toHaveLength(8);
    expect(legend.every((t) => t.startsWith('point '))).toBe(true);
    expect(await ten.page.textContent('[data-section="timeseries"] .note')).toContain('8 of the 10 design points');
    const dots = await ten.page.$$eval('[data-chart^="sweep-"]', (els) => els.length);
    expect(dots).toBeGreaterThanOrEqual(6);
    await screenshot(ten.page, 'report-sweep-10');
    expect(ten.errors, 'console errors, page errors, network requests').toEqual([]);
    await ten.page.close();

    // Sobol' indices: S1 and ST with their intervals, a chart per main outcome.
    const sobolOut = join(work, 'sobol');
    const rs = await clusterlab(['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--param', 'mechanisms.entry.rate=1:5', '--samples', '8', '--seeds', '1', '--ticks', '20', '--sensitivity', 'sobol', '--out', sobolOut, '--quiet']);
    expect(rs.code, describeResult('clusterlab sweep --sensitivity sobol', rs)).toBe(0);
    const sob = await openReport(join(sobolOut, 'report.html'));
    const sobIds = await expectChartsDrawn(sob.page);
    expect(sobIds).toContain('sensitivity-final_employment');
    expect(await sob.page.textContent('[data-chart="sensitivity-final_employment"]')).toContain('Sobol');
    await screenshot(sob.page, 'report-sobol');
    expect(sob.errors, 'console errors, page errors, network requests').toEqual([]);
    await sob.page.close();
  }, 60_000);

  it('calibrate: the report written by default renders marginals, pairs, tolerance and the predictive check', async () => {
    const scenario = join(work, 'tiny.yaml');
    writeFileSync(scenario, TINY);
    const targets = join(work, 'targets.yaml');
    writeFileSync(targets, [
      CALIBRATION_TARGETS,
      '  - { path: mechanisms.growth.rate, lo: 0.05, hi: 1 }',
    ].join('\n'));
    const out = join(work, 'calibrate');
    const r = await clusterlab(['calibrate', scenario, '--targets', targets, '--workers', '0', '--ticks', '24', '--particles', '20', '--generations', '3', '--out', out, '--quiet']);
    expect(r.code, describeResult('clusterlab calibrate', r)).toBe(0);
    const file = join(out, 'report.html');
    expect(existsSync(file), `${file} written by calibrate (default on)`).toBe(true);
    const { page, errors } = await openReport(file);
    const ids = await expectChartsDrawn(page);
    expect(ids).toEqual(['marginal-mechanisms.entry.rate', 'marginal-mechanisms.growth.rate', 'pair-0-1', 'tolerance', 'fit']);
    expect(await page.locator('.uplot canvas').count()).toBe(5);
    const sections = await page.$$eval('[data-section]', (els) => els.map((e) => e.getAttribute('data-section')));
    expect(sections).toEqual(['calibration', 'marginals', 'pairs', 'tolerance', 'fit', 'manifest']);
    expect(await page.locator('[data-table="parameters"] tbody tr').count()).toBe(2);
    // The predictive check marks the target no run reaches.
    const results = await page.$$eval('[data-table="fit"] tbody tr', (rows) => rows.map((row) => `${row.getAttribute('data-target')}: ${row.querySelector('[data-field="reached"]')?.textContent}`));
    expect(results).toEqual(['firms@all: reached', 'never: NOT REACHED']);
    expect(await page.textContent('h1')).toBe('calibrate · tiny · ABC-SMC, 20 particles × 2 seeds');
    await screenshot(page, 'report-calibration');
    expect(errors, 'console errors, page errors, network requests').toEqual([]);
    await page.close();
  }, 60_000);

  it('`clusterlab report` on a folder that is no output folder fails with a clear message', async () => {
    const r = await clusterlab(['report', work]);
    expect(r.code, describeResult('clusterlab report <not an output folder>', r)).toBe(1);
    expect(r.stderr.length).toBeGreaterThan(0);
  }, 30_000);
});
