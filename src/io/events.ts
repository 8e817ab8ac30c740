// events.csv: the firm event log (entries, spin-offs with their parent, exits, relocations with
// the destination as region), in the order the events happened. Empty but for the header when
// the scenario turns `output.events` off.
import { EVENT_TYPES } from '../engine/log.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

export const EVENTS_HEADER = [
  'tick', 'event', 'firm', 'parent', 'region', 'segment', 'capability', 'employees',
] as const;

export function eventsCsv(world: World): string {
  const log = world.events;
  const regions = world.regions.names.map(csvField);
  const rows: string[] = [];
  for (let i = 0; i < log.count; i++) {
    const parent = log.parent[i] < 0 ? '' : String(log.parent[i]);
    rows.push(
      `${log.tick[i]},${EVENT_TYPES[log.event[i]]},${log.firm[i]},${parent},${regions[log.region[i]]},` +
        `${log.segment[i]},${formatNumber(log.capability[i])},${formatNumber(log.employees[i])}`,
    );
  }
  return csvText(EVENTS_HEADER, rows);
}
