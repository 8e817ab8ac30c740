// The viz app (viz/) in a real browser: built once with Vite's JS API (the repository's
// vite.config.ts, into a temporary folder), served from a tiny static server on 127.0.0.1, it runs
// the bundled `default` scenario (base, 2 seeds, 40 ticks) on Web Workers, and its per-run
// outcomes equal the engine's in Node (runJob on the same jobs) exactly, and the CLI's runs.csv
// as written (same number formatting); it opens a batch and a calibration folder. Without Chromium: skipped with the reason printed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJobs, variantUnits } from '../../src/batch/jobs.ts';
import { formatNumber } from '../../src/io/format.ts';
import { runJob } from '../../src/workers/job.ts';
import { EVIL, EVIL_NAMES, TINY } from '../cli/fixtures.ts';
import type { JobResult } from '../../src/workers/protocol.ts';
import { announceSkip, browserSkipReason, canvasInk, collectErrors, launchBrowser, parseCsv, repoRoot, screenshot, serveStatic, type BrowserSession, type StaticServer } from '../support/browser.ts';

const SEEDS = { start: 1, count: 2 };
const TICKS = 40;

interface RunRecord {
  variant: string;
  seed: number;
  index: number;
  outcomes: Record<string, number>;
  finalStage: string;
}

const skip = browserSkipReason();
announceSkip(skip);

describe.skipIf(skip !== null)('viz app in Chromium', () => {
  let session: BrowserSession;
  let server: StaticServer;
  let work: string;
  let buildMs = 0;
  let browserRuns: RunRecord[] = [];
  /** `clusterlab batch default` of the same seeds and ticks. */
  let cliOut = '';
  /** The same jobs the app runs, run by the engine in Node. */
  let nodeRuns: JobResult[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clusterlab-viz-e2e-'));
    const dist = join(work, 'viz');
    // The CLI's batch of the same seeds (with its report), meanwhile.
    cliOut = join(work, 'batch');
    const cliBatch = new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [join(repoRoot, 'bin', 'clusterlab.mjs'), 'batch', 'default', '--seeds', String(SEEDS.count), '--seed-start', String(SEEDS.start), '--ticks', String(TICKS), '--out', cliOut, '--quiet'],
        { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' }, (e, _stdout, stderr) => (e ? reject(new Error(`clusterlab batch: ${e.message}\n${stderr}`)) : resolve())),
    );
    nodeRuns = buildJobs(variantUnits('default', ['base']), SEEDS, TICKS, null).map((job) => runJob(job));
    const started = Date.now();
    // The same build as `npm run build`, into a scratch folder (dist/viz is left alone).
    const { build } = await import('vite');
    await build({
      configFile: join(repoRoot, 'vite.config.ts'),
      root: join(repoRoot, 'viz'),
      logLevel: 'warn',
      build: { outDir: dist, emptyOutDir: true },
    });
    buildMs = Date.now() - started;
    await cliBatch;
    expect(existsSync(join(dist, 'index.html')), 'vite build wrote index.html').toBe(true);
    server = await serveStatic(dist);
    session = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function openApp(): Promise<{ page: Page; errors: string[] }> {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.clusterlab === 'object' && window.clusterlab !== null, undefined, { timeout: 10_000 });
    return { page, errors };
  }

  it(`runs default (base, ${SEEDS.count} seeds, ${TICKS} ticks) in Web Workers: the CLI's numbers`, async () => {
    const { page, errors } = await openApp();
    const scenarios = await page.evaluate(() => window.clusterlab.scenarios);
    expect(scenarios).toContain('default');

    await page.selectOption('#scenario', 'default');
    // Only base.
    const boxes = page.locator('#variants input[type=checkbox]');
    const n = await boxes.count();
    expect(n, 'variant checkboxes').toBeGreaterThan(1);
    for (let k = 0; k < n; k++) {
      const box = boxes.nth(k);
      await box.setChecked((await box.getAttribute('value')) === 'base');
    }
    await page.fill('#seeds', String(SEEDS.count));
    await page.fill('#seed-start', String(SEEDS.start));
    await page.fill('#ticks', String(TICKS));

    const started = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => window.clusterlab.status !== 'idle', undefined, { timeout: 10_000 });
    const summary = await page.evaluate(() => window.clusterlab.done);
    const runMs = Date.now() - started;
    expect(summary).toEqual({ completed: SEEDS.count, failed: 0 });
    expect(await page.evaluate(() => window.clusterlab.status)).toBe('done');
    const progress = await page.$eval('#progress', (p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max]);
    expect(progress[0]).toBe(progress[1]);

    const results = (await page.evaluate(() => window.clusterlab.results())) as RunRecord[];
    expect(results.map((r) => [r.variant, r.seed])).toEqual([['base', 1], ['base', 2]]);

    browserRuns = results;
    // Counts and stages exactly as the engine's in Node for the same jobs (the bit-for-bit
    // comparison of every outcome is the next test).
    for (const [k, r] of results.entries()) {
      const counts = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => Number.isInteger(v)));
      expect(counts(r.outcomes), `integer outcomes of seed ${r.seed}`).toEqual(counts(nodeRuns[k].outcomes));
      expect(r.finalStage).toBe(nodeRuns[k].finalStage);
    }

    // And the CLI's runs.csv for the same seeds, as the CLI writes the numbers.
    const rows = parseCsv(readFileSync(join(cliOut, 'runs.csv'), 'utf8')).filter((row) => row.region === 'all');
    expect(rows.length).toBe(SEEDS.count);
    for (const [k, row] of rows.entries()) {
      const r = results[k];
      const fromBrowser: Record<string, string> = { variant: r.variant, seed: String(r.seed), region: 'all', final_stage: r.finalStage };
      for (const [name, value] of Object.entries(r.outcomes)) fromBrowser[name] = formatNumber(value);
      expect(fromBrowser, `runs.csv row ${k + 1}`).toEqual(row);
    }

    // The charts filled in from the browser runs.
    expect(await page.evaluate(() => window.clusterlab.rendered)).toBeGreaterThan(0);
    const ink = await canvasInk(page);
    expect(ink.length, 'charts drawn after the run').toBeGreaterThan(0);
    expect(ink.filter((c) => c.ink === 0).map((c) => c.chart), 'blank canvases').toEqual([]);

    await screenshot(page, 'viz-run-default');
    expect(errors, 'console errors and page errors').toEqual([]);
    await page.close();
    process.stderr.write(`viz e2e: vite build ${(buildMs / 1000).toFixed(1)} s, ${SEEDS.count} runs in the browser ${(runMs / 1000).toFixed(1)} s\n`);
  }, 90_000);

  it('Open results: a calibration folder shows the calibration views', async () => {
    const scenario = join(work, 'tiny.yaml');
    writeFileSync(scenario, TINY);
    const targets = join(work, 'targets.yaml');
    writeFileSync(targets, 'targets:\n  - { metric: firms, year: 6, value: 14, sd: 2 }\npriors:\n  - { path: mechanisms.entry.rate, lo: 0.5, hi: 8, kind: loguniform }\n  - { path: mechanisms.growth.rate, lo: 0.05, hi: 1 }\n');
    const out = join(work, 'calibrate');
    await new Promise<void>((resolve, reject) => execFile(process.execPath,
      [join(repoRoot, 'bin', 'clusterlab.mjs'), 'calibrate', scenario, '--targets', targets, '--workers', '0', '--ticks', '24', '--particles', '20', '--generations', '2', '--no-report', '--out', out, '--quiet'],
      { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' }, (e, _stdout, stderr) => (e ? reject(new Error(`clusterlab calibrate: ${e.message}\n${stderr}`)) : resolve())));
    const { page, errors } = await openApp();
    await page.setInputFiles('#open-folder', out);
    await page.waitForFunction(() => window.clusterlab.data() !== null || window.clusterlab.error !== null, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.clusterlab.error)).toBeNull();
    expect(await page.evaluate(() => window.clusterlab.data()!.kind)).toBe('calibration');
    let ink = await canvasInk(page);
    for (let i = 0; i < 20 && (ink.length === 0 || ink.some((c) => c.ink === 0)); i++) {
      await page.waitForTimeout(50);
      ink = await canvasInk(page);
    }
    expect(ink.map((c) => c.chart)).toEqual(['marginal-mechanisms.entry.rate', 'marginal-mechanisms.growth.rate', 'pair-0-1', 'tolerance', 'fit']);
    expect(ink.filter((c) => c.ink === 0).map((c) => c.chart), 'blank canvases').toEqual([]);
    expect(errors, 'console errors and page errors').toEqual([]);
    await page.close();
  }, 60_000);

  it('Open results: the CLI\'s batch folder through the folder picker shows its report', async () => {
    const { page, errors } = await openApp();
    await page.setInputFiles('#open-folder', cliOut);
    await page.waitForFunction(() => window.clusterlab.data() !== null || window.clusterlab.error !== null, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.clusterlab.error)).toBeNull();
    const data = await page.evaluate(() => {
      const d = window.clusterlab.data()!;
      return { kind: d.kind, variants: d.variants.map((v) => [v.name, v.runs]), ticks: d.ticks.length };
    });
    expect(data).toEqual({ kind: 'batch', variants: [['base', SEEDS.count]], ticks: TICKS + 1 });
    let ink = await canvasInk(page);
    for (let i = 0; i < 20 && (ink.length === 0 || ink.some((c) => c.ink === 0)); i++) {
      await page.waitForTimeout(50);
      ink = await canvasInk(page);
    }
    expect(ink.map((c) => c.chart)).toContain('ts-employment');
    expect(ink.filter((c) => c.ink === 0).map((c) => c.chart), 'blank canvases').toEqual([]);
    await screenshot(page, 'viz-open-batch');
    expect(errors, 'console errors and page errors').toEqual([]);
    await page.close();
  }, 60_000);

  it('script-injection names (scenario, description, regions, lever, variant) are shown as text: report.html, the opened folder and the live view', async () => {
    const scenario = join(work, 'evil.yaml');
    writeFileSync(scenario, EVIL);
    const out = join(work, 'evil');
    await new Promise<void>((resolve, reject) => execFile(process.execPath,
      [join(repoRoot, 'bin', 'clusterlab.mjs'), 'compare', scenario, '--variants', 'all', '--seeds', '2', '--workers', '0', '--out', out, '--quiet'],
      { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' }, (e, _stdout, stderr) => (e ? reject(new Error(`clusterlab compare: ${e.message}\n${stderr}`)) : resolve())));
    const dialogs: string[] = [];
    /** What a payload would have made: a dialog, an element, an attribute or a script that runs. */
    const injected = (page: Page) => page.evaluate(() => ({
      elements: document.querySelectorAll('#pwn, [onerror], [onload], img[src="x"], img[src="y"]').length,
      scripts: [...document.querySelectorAll('script')].filter((el) => el.type !== 'application/json' && (el.textContent ?? '').includes('alert(')).length,
    }));
    const watch = (page: Page) => page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });

    // report.html as a reader opens it: from the disk.
    const report = await session.context.newPage();
    const reportErrors = collectErrors(report);
    watch(report);
    await report.goto(`file://${join(out, 'report.html')}`, { waitUntil: 'load' });
    await report.waitForSelector('canvas');
    await report.waitForTimeout(200);
    const reportText = await report.evaluate(() => document.body.innerText);
    for (const name of [EVIL_NAMES.region, EVIL_NAMES.region2, EVIL_NAMES.variant]) expect(reportText, `report.html shows ${name} as text`).toContain(name);
    expect(await injected(report)).toEqual({ elements: 0, scripts: 0 });
    expect(reportErrors).toEqual([]);
    await report.close();

    // The same folder opened in the app, then the scenario dropped into the live view.
    const { page, errors } = await openApp();
    watch(page);
    await page.setInputFiles('#open-folder', out);
    await page.waitForFunction(() => window.clusterlab.data() !== null || window.clusterlab.error !== null, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.clusterlab.error)).toBeNull();
    await page.waitForTimeout(200);
    const appText = await page.evaluate(() => document.body.innerText);
    for (const name of [EVIL_NAMES.region, EVIL_NAMES.variant]) expect(appText, `the app shows ${name} as text`).toContain(name);
    expect(await injected(page)).toEqual({ elements: 0, scripts: 0 });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'evil.yaml'));
      document.getElementById('drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, EVIL);
    // Named after the file, as the CLI names its outputs.
    await page.waitForFunction(() => window.clusterlab.error === null && window.clusterlab.live.scenario().name === 'evil', undefined, { timeout: 10_000 });
    await page.evaluate(() => window.clusterlab.live.step(12));
    expect(await page.evaluate(() => window.clusterlab.live.regionNames())).toContain(EVIL_NAMES.region);
    await page.evaluate((v) => window.clusterlab.live.compareWith(v), EVIL_NAMES.variant);
    await page.waitForTimeout(200);
    await page.evaluate(() => window.clusterlab.live.step(12));
    const liveText = await page.evaluate(() => document.querySelector('.live')!.textContent ?? '');
    for (const name of [EVIL_NAMES.region, EVIL_NAMES.variant]) expect(liveText, `the live view shows ${name} as text`).toContain(name);
    expect(await injected(page)).toEqual({ elements: 0, scripts: 0 });
    await screenshot(page, 'viz-escaping');
    expect(dialogs, 'dialogs opened by a payload').toEqual([]);
    expect(errors, 'console errors and page errors').toEqual([]);
    await page.close();
  }, 90_000);

  it('the outcomes are bit-for-bit those of runJob in Node (same jobs)', () => {
    expect(browserRuns.length, 'the browser run of the previous test').toBe(SEEDS.count);
    const differing: string[] = [];
    for (const [k, r] of browserRuns.entries()) {
      const node = nodeRuns[k].outcomes;
      for (const name of Object.keys(node)) {
        if (!Object.is(r.outcomes[name], node[name])) differing.push(`seed ${r.seed} ${name}: node ${node[name]}, browser ${r.outcomes[name]}`);
      }
      expect(Object.keys(r.outcomes)).toEqual(Object.keys(node));
    }
    // Where this fails by the last digits only: Math.exp/log/pow/sin/tanh are not bit-identical
    // across V8 versions (Node's and Chromium's), and the engine uses them.
    expect(differing, 'outcomes that differ between the browser and Node').toEqual([]);
  });

  it('live view: play advances the tick, pause stops it; k steps are the CLI\'s run --ticks k (firms per region, ties)', async () => {
    const K = 30;
    const scenario = 'silicon-saxony';
    const out = join(work, 'live-run');
    const cli = new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [join(repoRoot, 'bin', 'clusterlab.mjs'), 'run', scenario, '--seed', '3', '--ticks', String(K), '--out', out],
        { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' }, (e, _stdout, stderr) => (e ? reject(new Error(`clusterlab run: ${e.message}\n${stderr}`)) : resolve())),
    );
    const { page, errors } = await openApp();
    await page.selectOption('#live-scenario', scenario);
    await page.fill('#live-seed', '3');
    await page.dispatchEvent('#live-seed', 'change');
    expect(await page.evaluate(() => window.clusterlab.live.scenario())).toEqual({ name: scenario, variant: 'base', seed: 3, compare: null });
    expect(await page.evaluate(() => window.clusterlab.live.tick())).toBe(0);

    await page.click('#live-play');
    await page.waitForFunction(() => window.clusterlab.live.tick() >= 3, undefined, { timeout: 10_000 });
    await page.click('#live-play'); // pause
    const paused = await page.evaluate(() => window.clusterlab.live.tick());
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => window.clusterlab.live.tick()), 'paused: the tick stays').toBe(paused);
    expect(await page.textContent('#live-clock')).toContain(`tick ${paused} /`);

    await page.click('#live-reset');
    await page.click('#live-step');
    expect(await page.evaluate(() => window.clusterlab.live.tick())).toBe(1);
    await page.evaluate((k) => window.clusterlab.live.step(k), K - 1);
    const live = await page.evaluate(() => ({ tick: window.clusterlab.live.tick(), stats: window.clusterlab.live.stats(), regions: window.clusterlab.live.regionNames() }));
    expect(live.tick).toBe(K);

    await cli;
    const firms = parseCsv(readFileSync(join(out, 'firms.csv'), 'utf8')).filter((f) => f.death === '');
    const expected = live.regions.map((r) => firms.filter((f) => f.region === r).length);
    expect(live.stats.firmsByRegion, `firms per region (${live.regions.join(', ')})`).toEqual(expected);
    expect(live.stats.firms).toBe(firms.length);
    const last = parseCsv(readFileSync(join(out, 'timeseries.csv'), 'utf8')).find((row) => row.tick === String(K) && row.region === 'all')!;
    expect(live.stats.ties, 'ties drawn = the ties metric of the CLI run').toBe(Number(last.ties));
    expect(live.stats.ties).toBeGreaterThan(0);
    // Promotion organisations as hubs: one spoke per member firm (research members are not firms).
    expect(live.stats.members, 'spokes = member firms').toBe(Number(last.members) - Number(last.members_research));
    expect(live.stats.members).toBeGreaterThan(0);
    // The genealogy: one parent → child link per spin-off event of the CLI run.
    const spinoffEvents = parseCsv(readFileSync(join(out, 'events.csv'), 'utf8')).filter((e) => e.event === 'spinoff').length;
    const tree = await page.evaluate(() => window.clusterlab.live.genealogy());
    expect(tree.edges, 'genealogy links = spin-off events').toBe(spinoffEvents);
    expect(spinoffEvents).toBeGreaterThan(0);
    expect(tree.sizes.reduce((a, b) => a + b, 0), 'family members = founders + spin-offs').toBe(tree.families + tree.edges);
    await page.selectOption('#live-tree-colour', 'capability'); // the same tree, coloured by capability
    expect((await page.evaluate(() => window.clusterlab.live.genealogy())).edges).toBe(spinoffEvents);

    // The map is not a [data-chart]: its pixels are read directly.
    const mapInk = await page.evaluate(() => {
      const c = document.getElementById('live-map') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
      return n;
    });
    expect(mapInk, 'the map has dots and lines').toBeGreaterThan(1000);
    await page.locator('.live').screenshot({ path: join(repoRoot, 'test-output', 'viz-live.png') });

    // A clicked firm (here chosen through the surface: a spin-off alive at tick K) shows its card:
    // its parent, and its history replayed from tick 0.
    const child = firms.find((f) => f.kind === 'spinoff' && Number(f.birth) < K - 2)!;
    expect(await page.evaluate((id) => window.clusterlab.live.selectFirm(id), Number(child.id))).toBe(true);
    const card = await page.evaluate(() => window.clusterlab.live.firmCard());
    expect(card).toContain(`parent ${child.parent}`);
    expect(card).toContain(`born tick ${child.birth}`);
    expect(await page.isVisible('#live-firm canvas')).toBe(true);
    expect(await page.evaluate(() => window.clusterlab.live.tick()), 'the replay leaves the shown run alone').toBe(K);

    // Beside it: another variant of the same seed, from tick 0, stepping together.
    const variantOut = join(work, 'live-run-free');
    const cliFree = new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [join(repoRoot, 'bin', 'clusterlab.mjs'), 'run', scenario, '--variant', 'free', '--seed', '3', '--ticks', String(K), '--out', variantOut],
        { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' }, (e, _stdout, stderr) => (e ? reject(new Error(`clusterlab run --variant free: ${e.message}\n${stderr}`)) : resolve())),
    );
    await page.evaluate(() => window.clusterlab.live.compareWith('free'));
    expect(await page.evaluate(() => window.clusterlab.live.tick())).toBe(0);
    expect(await page.isVisible('#live-map-b')).toBe(true);
    await page.evaluate((k) => window.clusterlab.live.step(k), K);
    const both = await page.evaluate(() => [window.clusterlab.live.stats(0), window.clusterlab.live.stats(1)].map((s) => ({ firms: s.firms, byRegion: s.firmsByRegion, ties: s.ties })));
    await cliFree;
    const freeFirms = parseCsv(readFileSync(join(variantOut, 'firms.csv'), 'utf8')).filter((f) => f.death === '');
    expect(both[0].byRegion, 'the base pane is still the base run').toEqual(expected);
    expect(both[1].byRegion, 'the variant pane is `run --variant free`').toEqual(live.regions.map((r) => freeFirms.filter((f) => f.region === r).length));
    const freeLast = parseCsv(readFileSync(join(variantOut, 'timeseries.csv'), 'utf8')).find((row) => row.tick === String(K) && row.region === 'all')!;
    expect(both[1].ties).toBe(Number(freeLast.ties));
    await page.locator('.live').screenshot({ path: join(repoRoot, 'test-output', 'viz-live-compare.png') });
    await page.evaluate(() => window.clusterlab.live.compareWith(null));
    expect(await page.isVisible('#live-map-b')).toBe(false);

    // Between regions: yangtze-delta's four provinces have barriers between every pair (none once
    // `integrated` removes them), migration flows and supply links to leaders in other provinces.
    await page.selectOption('#live-scenario', 'yangtze-delta');
    await page.evaluate(() => window.clusterlab.live.step(20));
    const delta = await page.evaluate(() => window.clusterlab.live.stats().flows);
    expect(delta.barriers).toHaveLength(6);
    expect(delta.migration.length).toBeGreaterThan(0);
    expect(delta.supply.length).toBeGreaterThan(0);
    await page.locator('.live').screenshot({ path: join(repoRoot, 'test-output', 'viz-live-flows.png') });
    await page.selectOption('#live-variant', 'integrated');
    await page.evaluate(() => window.clusterlab.live.step(1));
    expect(await page.evaluate(() => window.clusterlab.live.stats().flows.barriers)).toEqual([]);

    // Settings: applied as a new run from tick 0, written out as a variant in YAML that the CLI runs
    // to the same picture; a value the schema refuses is explained in the page.
    await page.selectOption('#live-scenario', 'default');
    await page.fill('#live-seed', '3');
    await page.dispatchEvent('#live-seed', 'change');
    expect(await page.evaluate(() => window.clusterlab.live.applySettings({ 'mechanisms.spinoffs.rate': -1 }))).toMatch(/mechanisms\.spinoffs\.rate.*expected.*found -1/);
    expect(await page.evaluate(() => window.clusterlab.live.applySettings({ 'mechanisms.spinoffs.rate': 0.09, 'mechanisms.entry.rate': 5 }))).toBeNull();
    expect(await page.inputValue('[data-path="mechanisms.spinoffs.rate"]')).toBe('0.09');
    await page.evaluate((k) => window.clusterlab.live.step(k), 40);
    const tuned = await page.evaluate(() => window.clusterlab.live.stats().firmsByRegion);
    const yaml = await page.evaluate(() => window.clusterlab.live.settingsYaml());
    expect(yaml).toContain('extends: default');
    const settingsFile = join(work, 'live-settings.yaml');
    writeFileSync(settingsFile, yaml);
    const settingsOut = join(work, 'live-settings-run');
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [join(repoRoot, 'bin', 'clusterlab.mjs'), 'run', settingsFile, '--variant', 'live-settings', '--seed', '3', '--ticks', '40', '--out', settingsOut],
        { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' }, (e, _stdout, stderr) => (e ? reject(new Error(`clusterlab run live-settings: ${e.message}\n${stderr}`)) : resolve())),
    );
    const tunedCli = parseCsv(readFileSync(join(settingsOut, 'firms.csv'), 'utf8')).filter((f) => f.death === '');
    expect(tuned, 'the YAML runs to the same picture in the CLI').toEqual([tunedCli.length]);

    // The user's own scenario file (here one extending a bundled scenario) runs in the view; a file
    // that is not a valid scenario gets a clear message in the page, and the page keeps working.
    const bad = await page.evaluate(() => window.clusterlab.live.openText('broken.yaml', 'extends: core-cluster\nfirms:\n  generate:\n    count: many\n'));
    expect(bad).toMatch(/^broken\.yaml: .*firms\.generate\.count.*expected.*found/);
    expect(await page.isVisible('#live-message')).toBe(true);
    expect(await page.evaluate(() => window.clusterlab.live.openText('notes.txt', 'hello'))).toMatch(/not a scenario file/);
    const good = await page.evaluate(() => window.clusterlab.live.openText('mine.yaml', 'extends: core-cluster\nname: mine\nfirms:\n  generate:\n    count: 300\n'));
    expect(good).toBeNull();
    expect(await page.isVisible('#live-message')).toBe(false);
    expect(await page.evaluate(() => window.clusterlab.live.scenario().name)).toBe('mine');
    await page.evaluate(() => window.clusterlab.live.step(2));
    const mine = await page.evaluate(() => ({ tick: window.clusterlab.live.tick(), firms: window.clusterlab.live.stats().firms }));
    expect(mine.tick).toBe(2);
    expect(mine.firms).toBeGreaterThan(250);
    expect(errors, 'console errors and page errors').toEqual([]);
    await page.close();
  }, 60_000);

  it('a dropped file: a scenario runs in the live view; neither scenario nor output folder gets a clear message', async () => {
    const { page, errors } = await openApp();
    const drop = (name: string, text: string) => page.evaluate(([n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n));
      document.getElementById('drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, text] as const);
    await drop('broken.yaml', 'regions: 3\n');
    await page.waitForFunction(() => window.clusterlab.error !== null);
    expect(await page.evaluate(() => window.clusterlab.error)).toMatch(/^broken\.yaml: .*regions.*expected.*found/);
    expect(await page.textContent('#error')).toContain('Drop an output folder');
    await drop('notes.txt', 'hello');
    await page.waitForFunction(() => (window.clusterlab.error ?? '').startsWith('Could not open'));
    expect(await page.evaluate(() => window.clusterlab.error)).toMatch(/Could not open the results: /);
    // The page keeps working: a good scenario file dropped next runs in the live view.
    await drop('tiny.yaml', TINY);
    await page.waitForFunction(() => window.clusterlab.error === null && window.clusterlab.live.scenario().name === 'tiny');
    await page.evaluate(() => window.clusterlab.live.step(3));
    expect(await page.evaluate(() => window.clusterlab.live.tick())).toBe(3);
    expect(errors, 'console errors and page errors').toEqual([]);
    await page.close();
  }, 60_000);
});
