// ties.csv: the tie network at the ticks `output.ties` asked for, as an edge list that network
// tools (igraph, networkx, Gephi) read directly. One row per tie and snapshot tick: collaboration
// ties (a, b firm ids; a research organisation as `org:<k>`, k its index in `researchOrgs`) and
// supply ties (a the supplier, b its chain leader; trust empty). Regions by name; age in years.
import { TIE_KINDS, type TieLog } from '../engine/tie-log.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

export const TIES_HEADER = ['tick', 'kind', 'a', 'b', 'region_a', 'region_b', 'trust', 'age_years'] as const;

export function tiesCsv(log: TieLog, world: World): string {
  const regions = world.regions.names.map(csvField);
  const T = world.ticksPerYear;
  const rows: string[] = new Array(log.count);
  for (let i = 0; i < log.count; i++) {
    const b = log.b[i];
    const trust = Number.isNaN(log.trust[i]) ? '' : formatNumber(log.trust[i]);
    rows[i] =
      `${log.tick[i]},${TIE_KINDS[log.kind[i]]},${log.a[i]},${b >= 0 ? b : `org:${-1 - b}`},` +
      `${regions[log.regionA[i]]},${regions[log.regionB[i]]},${trust},${formatNumber(log.age[i] / T)}`;
  }
  return csvText(TIES_HEADER, rows);
}
