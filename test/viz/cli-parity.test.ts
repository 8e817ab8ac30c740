// The viz app's runs against the CLI's output folder for the same compare: the runs' outcomes are
// equal exactly, and the ReportData the app draws equals the one the report builds from the folder
// (stages and sizes exactly; bands and effects up to the CSVs' 6 significant digits).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReportData } from '../../src/report/load.ts';
import { bundledDir } from '../../src/scenarios/bundled.ts';
import { runJob } from '../../src/workers/job.ts';
import { reportFromResults, type BrowserRun } from '../../viz/src/results.ts';
import { buildJobs, buildRegistry } from '../../viz/src/scenarios.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));

describe('viz runs equal the CLI', () => {
  it('compare default --seeds 3 --ticks 40 (every variant)', async () => {
    const out = join(ws.dir, 'cmp');
    const r = await cli(['compare', 'default', '--seeds', '3', '--ticks', '40', '--workers', '0', '--quiet', '--no-report', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);

    const texts: Record<string, string> = {};
    for (const f of readdirSync(bundledDir())) texts[f] = readFileSync(join(bundledDir(), f), 'utf8');
    const spec = { scenario: 'default', variants: ['base', 'spinoffs', 'spillover', 'cheap-entry', 'placebo'], seedStart: 1, seedCount: 3, ticks: 40 };
    const jobs = buildJobs(buildRegistry(texts), spec);
    const runs: BrowserRun[] = jobs.map((job) => ({ job, result: runJob(job) }));

    // Outcomes: runs.csv rounds to 6 significant digits; the final stage is exact.
    const csv = readCsv(out, 'runs.csv');
    const region = csv.header.indexOf('region');
    const allRows = csv.rows.filter((r) => r[region] === 'all');
    expect(allRows).toHaveLength(runs.length);
    for (const row of allRows) {
      const o = Object.fromEntries(csv.header.map((h, i) => [h, row[i]]));
      const run = runs.find((x) => (x.job.variant ?? 'base') === o.variant && x.job.seed === Number(o.seed))!;
      expect(run.result.finalStage).toBe(o.final_stage);
      for (const k of ['final_firms', 'total_spinoffs', 'total_entries', 'total_exits', 'total_innovations']) expect(run.result.outcomes[k]).toBe(Number(o[k]));
      expect(close(run.result.outcomes.final_employment, Number(o.final_employment))).toBe(true);
    }

    const mine = reportFromResults({ scenario: { name: 'default', description: '' }, variants: spec.variants, seeds: { start: 1, count: 3 }, ticks: 40, runs })!;
    const theirs = loadReportData(out);
    expect(mine.ticks).toEqual(theirs.ticks);
    expect(mine.regions).toEqual(theirs.regions);
    expect(mine.variants.map((v) => v.name)).toEqual(theirs.variants.map((v) => v.name));
    mine.variants.forEach((v, i) => {
      const w = theirs.variants[i];
      expect(v.runs).toBe(w.runs);
      expect(v.stages).toEqual(w.stages);
      expect(v.sizes).toEqual(w.sizes);
      for (const metric of ['employment', 'firms', 'wage']) {
        const a = v.series.all[metric];
        const b = w.series.all[metric];
        for (const key of ['p05', 'p50', 'p95'] as const) a[key]!.forEach((x, t) => expect(close(x, b[key]![t]), `${v.name} ${metric} ${key} t=${t}`).toBe(true));
      }
    });
    const key = (e: { variant: string; outcome: string }) => `${e.variant}/${e.outcome}`;
    const theirCompare = new Map(theirs.compare!.map((e) => [key(e), e]));
    expect(mine.compare!.length).toBeGreaterThan(0);
    for (const e of mine.compare!) {
      const w = theirCompare.get(key(e))!;
      expect(w).toBeDefined();
      for (const f of ['meanDiff', 'ciLow', 'ciHigh', 'pBetter'] as const) expect(close(e[f], w[f]), `${key(e)} ${f}`).toBe(true);
    }
  });
});
