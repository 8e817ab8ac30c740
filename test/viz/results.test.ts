// ReportData from browser runs: the bands are ensemble.csv's statistics, the stages the modal
// stage, the sizes summed, and the compare entries compare.csv's (same seed keys).
import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../src/analysis/compare.ts';
import { ensembleTable } from '../../src/analysis/ensemble.ts';
import { STAGES } from '../../src/engine/series.ts';
import { bundledDir } from '../../src/scenarios/bundled.ts';
import { runJob } from '../../src/workers/job.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_OUTCOMES, reportFromResults, type BrowserRun } from '../../viz/src/results.ts';
import { buildJobs, buildRegistry } from '../../viz/src/scenarios.ts';

const texts: Record<string, string> = {};
for (const f of readdirSync(bundledDir())) texts[f] = readFileSync(join(bundledDir(), f), 'utf8');
const registry = buildRegistry(texts);
const spec = { scenario: 'default', variants: ['base', 'spinoffs'], seedStart: 1, seedCount: 3, ticks: 24 };
const jobs = buildJobs(registry, spec);
// Completion order is arbitrary in the browser: feed them shuffled.
const runs: BrowserRun[] = [4, 0, 5, 2, 1, 3].map((i) => ({ job: jobs[i], result: runJob(jobs[i]) }));
const input = { scenario: { name: 'default', description: 'd' }, variants: spec.variants, seeds: { start: 1, count: 3 }, ticks: 24, runs };

describe('reportFromResults', () => {
  it('is null before any run finishes', () => {
    expect(reportFromResults({ ...input, runs: [] })).toBeNull();
  });

  it('draws the ensemble statistics of each variant (p05/p50/p95 over seeds)', () => {
    const data = reportFromResults(input)!;
    expect(data.kind).toBe('compare');
    expect(data.ticks).toHaveLength(25);
    expect(data.regions).toEqual(['valley', 'all']);
    expect(data.variants.map((v) => [v.name, v.runs])).toEqual([['base', 3], ['spinoffs', 3]]);
    const base = runs.filter((r) => r.job.variant === null).sort((a, b) => a.job.seed - b.job.seed).map((r) => r.result);
    const { metrics, regions, ticksPerYear } = base[0];
    const table = ensembleTable({ runs: base, metrics, regions, ticksPerYear });
    const m = metrics.indexOf('employment');
    const M = metrics.length;
    const band = data.variants[0].series.all.employment;
    for (const t of [0, 10, 24]) {
      const c = ((t * 2 + 1) * M + m) * 5;
      expect(band.p05![t]).toBe(table[c + 2]);
      expect(band.p50[t]).toBe(table[c + 3]);
      expect(band.p95![t]).toBe(table[c + 4]);
      expect(band.mean![t]).toBe(table[c]);
    }
    expect(data.mainMetrics).toContain('employment');
    expect(data.metrics.find((x) => x.name === 'employment')?.unit).toBe('employees');
    // Sizes: summed over the runs; stages: a known stage per tick.
    const firms = base.reduce((s, r) => s + r.outcomes.final_firms, 0);
    expect(data.variants[0].sizes.reduce((a, b) => a + b, 0)).toBe(firms);
    expect(data.variants[0].stages.all).toHaveLength(25);
    for (const s of data.variants[0].stages.all) expect(STAGES).toContain(s);
  });

  it('gives compare.csv’s paired comparisons against base', () => {
    const data = reportFromResults(input)!;
    expect(data.compare!.map((e) => e.outcome)).toEqual([...MAIN_OUTCOMES]);
    const entry = data.compare!.find((e) => e.outcome === 'final_employment')!;
    const bySeed = (v: string | null) => runs.filter((r) => r.job.variant === v).sort((a, b) => a.job.seed - b.job.seed).map((r) => r.result.outcomes.final_employment);
    const c = pairedComparison(bySeed(null), bySeed('spinoffs'), { seedKey: 'compare/base/spinoffs/final_employment' });
    expect(entry).toEqual({ variant: 'spinoffs', baseline: 'base', outcome: 'final_employment', ...c, spend: 0, effectPerSpend: null });
  });

  it('is a single-run band without p05/p95, and a batch without base', () => {
    const one = reportFromResults({ ...input, variants: ['spinoffs'], runs: runs.filter((r) => r.job.variant === 'spinoffs' && r.job.seed === 2) })!;
    expect(one.kind).toBe('batch');
    expect(one.compare).toBeUndefined();
    expect(one.variants[0].runs).toBe(1);
    expect(one.variants[0].series.all.firms.p05).toBeUndefined();
    expect(one.title).toMatch(/1\/3 runs/);
  });

  it('does not depend on the order runs arrive in', () => {
    const a = reportFromResults(input);
    const b = reportFromResults({ ...input, runs: [...runs].reverse() });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
