// events.csv: the firm event log (entries, spin-offs with their parent, exits, relocations with
// the destination as region, functional and inter-sectoral upgrades — the latter with the new segment) and the levers switched on and off (lever_on / lever_off, with the
// lever's name in the last column), in the order the events happened. Empty but for the header when
// the scenario turns `output.events` off.
import { EVENT_TYPES } from '../engine/log.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

export const EVENTS_HEADER = [
  'tick', 'event', 'firm', 'parent', 'region', 'segment', 'capability', 'employees', 'lever',
] as const;

/** events.csv's rows (no header), one at a time: a national run logs millions of events. */
export function* eventsLines(world: World): Generator<string> {
  const log = world.events;
  const regions = world.regions.names.map(csvField);
  const levers = world.policy.levers.map((l) => csvField(l.name));
  for (let i = 0; i < log.count; i++) {
    if (log.lever[i] >= 0) {
      // lever_on / lever_off: no firm; the lever's intensity in the capability column.
      yield `${log.tick[i]},${EVENT_TYPES[log.event[i]]},,,${regions[log.region[i]]},,${formatNumber(log.capability[i])},,${levers[log.lever[i]]}`;
      continue;
    }
    const parent = log.parent[i] < 0 ? '' : String(log.parent[i]);
    yield `${log.tick[i]},${EVENT_TYPES[log.event[i]]},${log.firm[i]},${parent},${regions[log.region[i]]},` +
      `${log.segment[i]},${formatNumber(log.capability[i])},${formatNumber(log.employees[i])},`;
  }
}

export function eventsCsv(world: World): string {
  return csvText(EVENTS_HEADER, [...eventsLines(world)]);
}
