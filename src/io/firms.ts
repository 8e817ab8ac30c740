// firms.csv: every firm that lived during the run, one row each, sorted by id: the exited ones
// from the ledger (with their tick of death), then the survivors at the last tick (death empty).
// When the scenario turns `output.firms` off the ledger is empty and only the survivors are listed.
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

export const FIRMS_HEADER = [
  'id', 'parent', 'kind', 'role', 'region', 'segment', 'birth', 'death', 'employees', 'capability',
] as const;

interface FirmRow {
  id: number;
  line: string;
}

export function firmsCsv(world: World): string {
  const regions = world.regions.names.map(csvField);
  const line = (
    id: number, parent: number, kind: number, role: number, region: number, segment: number,
    birth: number, death: string, employees: number, capability: number,
  ) =>
    `${id},${parent < 0 ? '' : parent},${FIRM_KINDS[kind]},${FIRM_ROLES[role]},${regions[region]},${segment},` +
    `${birth},${death},${formatNumber(employees)},${formatNumber(capability)}`;

  const rows: FirmRow[] = [];
  const l = world.ledger;
  for (let i = 0; i < l.count; i++) {
    rows.push({
      id: l.id[i],
      line: line(l.id[i], l.parent[i], l.kind[i], l.role[i], l.region[i], l.segment[i], l.birth[i],
        String(l.death[i]), l.employees[i], l.capability[i]),
    });
  }
  const f = world.firms;
  for (let i = 0; i < f.count; i++) {
    rows.push({
      id: f.id[i],
      line: line(f.id[i], f.parent[i], f.kind[i], f.role[i], f.region[i], f.segment[i], f.birth[i],
        '', f.employees[i], f.capability[i]),
    });
  }
  // Ids are unique, so this order is total and the output does not depend on the sort's stability.
  rows.sort((a, b) => a.id - b.id);
  return csvText(FIRMS_HEADER, rows.map((r) => r.line));
}
