// `clusterlab list`: what a scenario can name and what a run reports.
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';
import { METRICS } from '../engine/metrics.ts';
import { STAGES } from '../engine/series.ts';
import { EVENT_TYPES } from '../engine/log.ts';
import { listBundled } from '../scenarios/load.ts';
import type { CliIo } from './io.ts';

export interface Listing {
  scenarios: { name: string; description: string }[];
  metrics: { name: string; unit: string; description: string }[];
  firmKinds: string[];
  firmRoles: string[];
  stages: string[];
  events: string[];
}

export function listing(): Listing {
  return {
    scenarios: listBundled().map(({ name, description }) => ({ name, description })),
    metrics: METRICS.map(({ name, unit, description }) => ({ name, unit, description })),
    firmKinds: [...FIRM_KINDS],
    firmRoles: [...FIRM_ROLES],
    stages: [...STAGES],
    events: [...EVENT_TYPES],
  };
}

/** A description on one terminal line (YAML block scalars keep their line breaks). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Rows as aligned columns (the last column is not padded). */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c].length))) ?? [];
  return rows.map((r) => '  ' + r.map((cell, c) => (c < r.length - 1 ? cell.padEnd(widths[c]) : cell)).join('  ').trimEnd());
}

export function listCommand(options: { json?: boolean }, io: CliIo): number {
  const l = listing();
  if (options.json) {
    io.stdout(JSON.stringify(l, null, 2) + '\n');
    return 0;
  }
  const lines = [
    'Bundled scenarios',
    ...table(l.scenarios.map((s) => [s.name, oneLine(s.description)])),
    '',
    'Metrics (columns of timeseries.csv)',
    ...table(l.metrics.map((m) => [m.name, m.unit, oneLine(m.description)])),
    '',
    `Firm kinds:  ${l.firmKinds.join(', ')}`,
    `Firm roles:  ${l.firmRoles.join(', ')}`,
    `Stages:      ${l.stages.join(', ')}`,
    `Events:      ${l.events.join(', ')}`,
    '',
  ];
  io.stdout(lines.join('\n'));
  return 0;
}
