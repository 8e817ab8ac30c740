// `clusterlab compare`: paired differences on common seeds; an identical variant shows exactly no
// effect, a higher spin-off rate raises spin-offs with an interval above zero; reproducible bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_NAMES } from '../../src/analysis/outcomes.ts';
import { cli, readCsv, summaryFiles } from '../batch/helpers.ts';
import { workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);

describe('compare default (20 seeds, 80 ticks)', () => {
  let out = '';
  let rows: Record<string, string>[] = [];
  beforeAll(async () => {
    const r = await cli(['compare', 'default', '--seeds', '20', '--ticks', '80', '--workers', '0', '--quiet', '--out', dir('cmp')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    out = r.out;
    const csv = readCsv(dir('cmp'), 'compare.csv');
    rows = csv.rows.map((row) => Object.fromEntries(csv.header.map((h, i) => [h, row[i]])));
  });

  it('writes one row per variant and outcome, against base', () => {
    expect(readCsv(dir('cmp'), 'compare.csv').header).toEqual([
      'variant', 'baseline', 'region', 'outcome', 'n', 'baseline_mean', 'variant_mean', 'mean_diff', 'ci_low', 'ci_high', 'p_better', 'spend', 'effect_per_spend',
    ]);
    const variants = ['spinoffs', 'spillover', 'cheap-entry', 'placebo'];
    // Per variant: every outcome of the whole system, then of each region (default has one).
    expect(rows.map((r) => `${r.variant}/${r.region}/${r.outcome}`)).toEqual(
      variants.flatMap((v) => ['all', 'valley'].flatMap((g) => OUTCOME_NAMES.map((o) => `${v}/${g}/${o}`))),
    );
    expect(rows.every((r) => r.baseline === 'base' && r.n === '20' && r.spend === '0.0' && r.effect_per_spend === 'NaN')).toBe(true);
    expect(readCsv(dir('cmp'), 'runs.csv').rows).toHaveLength(100 * 2);
  });

  it('placebo: exactly zero difference, [0, 0] and P(better) 0.5 for every outcome', () => {
    const placebo = rows.filter((r) => r.variant === 'placebo');
    expect(placebo).toHaveLength(2 * OUTCOME_NAMES.length); // all and valley
    for (const r of placebo) {
      expect([r.mean_diff, r.ci_low, r.ci_high, r.p_better], r.outcome).toEqual(['0.0', '0.0', '0.0', '0.5']);
      expect(r.variant_mean).toBe(r.baseline_mean);
    }
  });

  it('spinoffs: more spin-offs, with the interval above zero', () => {
    const r = rows.find((x) => x.variant === 'spinoffs' && x.outcome === 'total_spinoffs')!;
    expect(Number(r.mean_diff)).toBeGreaterThan(0);
    expect(Number(r.ci_low)).toBeGreaterThan(0);
    expect(Number(r.ci_low)).toBeLessThanOrEqual(Number(r.mean_diff));
    expect(Number(r.ci_high)).toBeGreaterThanOrEqual(Number(r.mean_diff));
    expect(Number(r.p_better)).toBeGreaterThan(0.9);
  });

  it('prints one aligned block per variant with the main outcomes', () => {
    const blocks = out.split('\n\n');
    expect(blocks[0].split('\n')[0]).toBe('spinoffs vs base (20 paired seeds)');
    expect(blocks[0].split('\n')[1]).toMatch(/^ {2}outcome +baseline +variant +mean diff +95 % CI +P\(variant > base\)$/);
    // The column says what it is, and the table says it once at the end: higher, not better.
    expect(out).toMatch(/P\(variant > base\): the share of paired seeds on which the variant's outcome is higher/);
    const placebo = blocks.find((b) => b.startsWith('placebo vs base'))!;
    const lines = placebo.split('\n').slice(2);
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(['final_firms', 'final_employment', 'total_entries', 'total_exits', 'total_spinoffs', 'total_innovations']);
    for (const line of lines) expect(line).toMatch(/ 0 +\[0, 0\] +0\.50$/);
    // Aligned: every line of a block has the same length as its header.
    const widths = new Set(blocks[0].split('\n').slice(1).map((l) => l.length));
    expect(widths.size).toBe(1);
  });

  it('--json prints the compare rows; the bootstrap is seeded (same bytes again)', async () => {
    const r = await cli(['compare', 'default', '--seeds', '20', '--ticks', '80', '--workers', '0', '--quiet', '--json', '--out', dir('cmp2')]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>[];
    expect(json).toHaveLength(rows.length);
    expect(json.find((x) => x.variant === 'placebo' && x.outcome === 'final_firms')).toMatchObject({ mean_diff: 0, ci_low: 0, ci_high: 0, p_better: 0.5, effect_per_spend: null });
    expect(readFileSync(join(dir('cmp2'), 'compare.csv'), 'utf8')).toBe(readFileSync(join(dir('cmp'), 'compare.csv'), 'utf8'));
  });
});

describe('compare options', () => {
  it('byte-identical compare.csv, runs.csv, ensemble.csv, manifest.json with 1 and 2 workers', async () => {
    const argv = ['compare', 'default', '--seeds', '5', '--ticks', '40', '--quiet'];
    const one = await cli([...argv, '--workers', '1', '--out', dir('c1')]);
    const two = await cli([...argv, '--workers', '2', '--out', dir('c2')]);
    expect([one.code, two.code]).toEqual([0, 0]);
    const files = summaryFiles(dir('c1'));
    expect(Object.keys(files).sort()).toEqual(['compare.csv', 'ensemble.csv', 'failures.csv', 'manifest.json', 'runs.csv', 'series.parquet']);
    expect(summaryFiles(dir('c2'))).toEqual(files);
  });

  it('--variants compares only those (the baseline added); an unknown one is exit 1', async () => {
    const r = await cli(['compare', 'default', '--seeds', '2', '--ticks', '10', '--variants', 'placebo,spinoffs', '--workers', '0', '--quiet', '--out', dir('vs')]);
    expect(r.code).toBe(0);
    expect([...new Set(readCsv(dir('vs'), 'compare.csv').rows.map((x) => x[0]))]).toEqual(['placebo', 'spinoffs']);
    expect(JSON.parse(readFileSync(join(dir('vs'), 'manifest.json'), 'utf8')).variants.map((v: { name: string }) => v.name)).toEqual(['base', 'placebo', 'spinoffs']);
    const bad = await cli(['compare', 'default', '--seeds', '2', '--variants', 'spinofs', '--out', dir('vs2')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--variants: spinofs not a variant of default/);
  });

  it('--baseline picks another variant; an unknown one is exit 1', async () => {
    const r = await cli(['compare', 'arthur', '--seeds', '3', '--ticks', '10', '--baseline', 'linear', '--workers', '0', '--quiet', '--out', dir('bl')]);
    expect(r.code).toBe(0);
    const rows = readCsv(dir('bl'), 'compare.csv').rows;
    expect([...new Set(rows.map((x) => x[0]))]).toEqual(['base', 'superlinear', 'headstart']);
    expect(rows.every((x) => x[1] === 'linear')).toBe(true);
    // `linear` is identical to the base: zero effect.
    expect(rows.filter((x) => x[0] === 'base').every((x) => x[7] === '0.0')).toBe(true);
    const bad = await cli(['compare', 'arthur', '--seeds', '3', '--baseline', 'nope', '--out', dir('bl2')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/nope/);
  });
});
