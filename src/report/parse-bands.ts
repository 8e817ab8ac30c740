// Percentile bands (p05, p50, p95 and the mean per region, metric and tick) of a batch folder:
// read from ensemble.csv, or computed from the stored runs where that is missing (and always for
// sweep points). Pure and browser-safe.
import { ensembleTable } from '../analysis/ensemble.ts';
import { csvNumber, table } from './csv.ts';
import type { Band } from './model.ts';
import { seriesOf, type StoredRun } from './parse-stored.ts';

export function emptyBands(regions: readonly string[], metrics: readonly string[]): Record<string, Record<string, Band>> {
  return Object.fromEntries(regions.map((r) => [r, Object.fromEntries(metrics.map((m) => [m, { p50: [], mean: [], p05: [], p95: [] } as Band]))]));
}

/** Bands from ensemble.csv (rows in tick → region → metric order, but any order is accepted). */
export function bandsFromEnsemble(text: string, nTicks: number): Map<string, Record<string, Record<string, Band>>> {
  const t = table(text, 'ensemble.csv');
  const [cV, cT, cR, cM, cMean, c05, c50, c95] = ['variant', 'tick', 'region', 'metric', 'mean', 'p05', 'p50', 'p95'].map(t.col);
  const out = new Map<string, Record<string, Record<string, Band>>>();
  for (const row of t.rows) {
    if (row.length < t.header.length) continue;
    const v = row[cV];
    let byRegion = out.get(v);
    if (!byRegion) out.set(v, (byRegion = {}));
    const region = (byRegion[row[cR]] ??= {});
    const band = (region[row[cM]] ??= { p50: new Array(nTicks).fill(NaN), mean: new Array(nTicks).fill(NaN), p05: new Array(nTicks).fill(NaN), p95: new Array(nTicks).fill(NaN) });
    const tick = Number(row[cT]);
    band.p50[tick] = csvNumber(row[c50]);
    band.mean![tick] = csvNumber(row[cMean]);
    band.p05![tick] = csvNumber(row[c05]);
    band.p95![tick] = csvNumber(row[c95]);
  }
  return out;
}

/** Bands computed from the runs' series (sweep points, or when ensemble.csv is missing). */
export function bandsFromRuns(runs: readonly StoredRun[]): Record<string, Record<string, Band>> | null {
  const loaded = runs.map((r) => {
    const record = r.record();
    return { record, series: seriesOf(r, record) };
  }).filter((r) => r.series !== null);
  if (loaded.length === 0) return null;
  const { metrics, regions, rows, ticksPerYear } = loaded[0].record;
  const same = loaded.filter((r) => r.record.rows === rows && r.record.metrics.length === metrics.length);
  const stats = ensembleTable({ runs: same.map((r) => ({ series: r.series!, rows })), metrics, regions, ticksPerYear });
  const R1 = regions.length;
  const nTicks = rows / R1;
  const M = metrics.length;
  const out = emptyBands(regions, metrics);
  for (let t = 0; t < nTicks; t++) {
    for (let r = 0; r < R1; r++) {
      for (let m = 0; m < M; m++) {
        const c = ((t * R1 + r) * M + m) * 5;
        const band = out[regions[r]][metrics[m]];
        band.mean!.push(stats[c]);
        band.p05!.push(stats[c + 2]);
        band.p50.push(stats[c + 3]);
        band.p95!.push(stats[c + 4]);
      }
    }
  }
  return out;
}

export function withoutSpread(series: Record<string, Record<string, Band>>, runs: number): Record<string, Record<string, Band>> {
  if (runs > 1) return series;
  for (const byMetric of Object.values(series)) {
    for (const band of Object.values(byMetric)) {
      delete band.p05;
      delete band.p95;
    }
  }
  return series;
}
