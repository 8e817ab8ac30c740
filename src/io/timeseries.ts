// timeseries.csv: the recorded series in long-by-region form, one row per (tick, region), the
// whole system last as region `all` — the layout R's and pandas' group-by expect.
import { rowOf, STAGES } from '../engine/series.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

/** The fixed leading columns; the metric columns follow in `series.metrics` order. */
export const TIMESERIES_KEYS = ['tick', 'year', 'region', 'stage'] as const;

/** Region labels in series-row order: the scenario's regions by name, then `all`. */
export function regionLabels(world: World): string[] {
  return [...world.regions.names, 'all'];
}

export function timeseriesCsv(world: World): string {
  const { series, ticksPerYear } = world;
  const labels = regionLabels(world).map(csvField);
  const header = [...TIMESERIES_KEYS, ...series.metrics];
  const rows: string[] = [];
  for (let t = 0; t < series.recorded; t++) {
    const year = formatNumber(t / ticksPerYear);
    for (let r = 0; r <= series.regions; r++) {
      const row = rowOf(series, t, r);
      let line = `${t},${year},${labels[r]},${STAGES[series.stage[row]]}`;
      for (const column of series.values) line += ',' + formatNumber(column[row]);
      rows.push(line);
    }
  }
  return csvText(header, rows);
}
