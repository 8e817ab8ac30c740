// The terminal table of `compare` names a variant's extra policy spend in its block title (and
// only when there is some); compareJson keeps spend and effect_per_spend as in compare.csv.
import { describe, expect, it } from 'vitest';
import { compareTable } from '../../src/cli/compare.ts';
import { compareJson, type CompareRow } from '../../src/batch/compare-file.ts';

const row = (variant: string, spend: number, meanDiff = 10): CompareRow => ({
  variant, baseline: 'base', region: 'all', outcome: 'total_innovations', n: 20, baseline_mean: 100, variant_mean: 100 + meanDiff,
  mean_diff: meanDiff, ci_low: meanDiff - 5, ci_high: meanDiff + 5, p_better: 0.8, spend, effect_per_spend: spend ? meanDiff / spend : NaN,
});

describe('compare table and JSON with spend', () => {
  it('shows the spend in the title of a variant that spends, not of one that does not', () => {
    const text = compareTable([row('staged', 558.4375), row('placebo', 0)]);
    expect(text).toContain('staged vs base (20 paired seeds; policy spend +558.4 vs the baseline)');
    expect(text).toContain('placebo vs base (20 paired seeds)\n');
  });

  it('compareJson keeps spend and effect_per_spend at full precision, NaN as null', () => {
    const [a, b] = compareJson([row('staged', 558.4375, 16.95), row('placebo', 0, 0)]);
    expect(a.spend).toBe(558.4375);
    expect(a.effect_per_spend).toBe(16.95 / 558.4375);
    expect(b.spend).toBe(0);
    expect(b.effect_per_spend).toBeNull();
  });
});
