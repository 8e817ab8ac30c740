// firms.csv: every firm that lived during the run, one row each, sorted by id: the exited ones
// from the ledger (with their tick of death), then the survivors at the last tick (death empty).
// When the scenario turns `output.firms` off the ledger is empty and only the survivors are listed.
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

export const FIRMS_HEADER = [
  'id', 'parent', 'kind', 'role', 'region', 'segment', 'birth', 'death', 'employees', 'capability',
] as const;

/** firms.csv's rows (no header), in id order, one at a time: a national run has millions. */
export function* firmsLines(world: World): Generator<string> {
  const regions = world.regions.names.map(csvField);
  const line = (
    id: number, parent: number, kind: number, role: number, region: number, segment: number,
    birth: number, death: string, employees: number, capability: number,
  ) =>
    `${id},${parent < 0 ? '' : parent},${FIRM_KINDS[kind]},${FIRM_ROLES[role]},${regions[region]},${segment},` +
    `${birth},${death},${formatNumber(employees)},${formatNumber(capability)}`;
  const l = world.ledger;
  const f = world.firms;
  // Positions 0 … l.count − 1 are the ledger's, the rest the survivors'; sorted by id (ids are
  // unique, so the order is total) as a permutation, not as row objects.
  const n = l.count + f.count;
  const idOf = (k: number) => (k < l.count ? l.id[k] : f.id[k - l.count]);
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => idOf(a) - idOf(b));
  for (const k of order) {
    if (k < l.count) {
      yield line(l.id[k], l.parent[k], l.kind[k], l.role[k], l.region[k], l.segment[k], l.birth[k], String(l.death[k]), l.employees[k], l.capability[k]);
    } else {
      const i = k - l.count;
      yield line(f.id[i], f.parent[i], f.kind[i], f.role[i], f.region[i], f.segment[i], f.birth[i], '', f.employees[i], f.capability[i]);
    }
  }
}

export function firmsCsv(world: World): string {
  return csvText(FIRMS_HEADER, [...firmsLines(world)]);
}
