// compare.csv → CompareEntry[]: one row per variant and outcome of the whole system (paired
// difference vs the baseline, its bootstrap interval, P(better), spend). Pure and browser-safe.
import { csvNumber, table } from './csv.ts';
import type { CompareEntry } from './model.ts';

export function compareEntries(text: string): CompareEntry[] {
  const t = table(text, 'compare.csv');
  const num = (row: string[], c: string) => csvNumber(row[t.col(c)]);
  // The whole system's rows; the regions' own rows (a `region` column) are for R and pandas.
  const region = t.header.indexOf('region');
  return t.rows.filter((r) => r.length === t.header.length && (region < 0 || r[region] === 'all')).map((row) => {
    const eps = num(row, 'effect_per_spend');
    return {
      variant: row[t.col('variant')],
      baseline: row[t.col('baseline')],
      outcome: row[t.col('outcome')],
      n: num(row, 'n'),
      baselineMean: num(row, 'baseline_mean'),
      variantMean: num(row, 'variant_mean'),
      meanDiff: num(row, 'mean_diff'),
      ciLow: num(row, 'ci_low'),
      ciHigh: num(row, 'ci_high'),
      pBetter: num(row, 'p_better'),
      spend: num(row, 'spend'),
      effectPerSpend: Number.isFinite(eps) ? eps : null,
    };
  });
}
