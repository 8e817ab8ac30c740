// `clusterlab list`: what a scenario can name and what a run reports — including every policy
// lever of src/engine/policy/catalogue.ts (description, intensity and its default, parameters
// with defaults, how it decides (rules), cost rule, what it acts through and what it requires).
import { FIRM_KINDS, FIRM_ROLES } from '../engine/firms.ts';
import { LEVER_KINDS, LEVERS } from '../engine/policy/catalogue.ts';
import { METRICS } from '../engine/metrics.ts';
import { STAGES } from '../engine/series.ts';
import { EVENT_TYPES } from '../engine/log.ts';
import { listBundled } from '../scenarios/load.ts';
import type { CliIo } from './io.ts';

export interface LeverListing {
  name: string;
  description: string;
  acts: string;
  intensity: { default: number; description: string };
  params: { name: string; default: number; description: string }[];
  cost: string;
  /** A mechanism that must be enabled, null when none. */
  requires: string | null;
  /** Spends budget.perYear every year it is on (needs one). */
  runningCost: boolean;
  /** How it decides (`rule:`), null when it has no choice: the default and each option. */
  rules: { default: string; options: { name: string; description: string }[] } | null;
}

export interface Listing {
  scenarios: { name: string; description: string }[];
  levers: LeverListing[];
  metrics: { name: string; unit: string; description: string }[];
  firmKinds: string[];
  firmRoles: string[];
  stages: string[];
  events: string[];
}

export function listing(): Listing {
  return {
    scenarios: listBundled().map(({ name, description }) => ({ name, description })),
    levers: LEVER_KINDS.map((name): LeverListing => {
      const d = LEVERS[name];
      return {
        name, description: d.description, acts: d.acts,
        intensity: { default: d.intensity.default, description: d.intensity.description },
        params: Object.entries(d.params).map(([p, v]) => ({ name: p, default: v.default, description: v.description })),
        cost: d.cost, requires: d.requires ?? null, runningCost: d.runningCost === true,
        rules: d.rules
          ? { default: d.rules.default, options: Object.entries(d.rules.options).map(([n, text]) => ({ name: n, description: text })) }
          : null,
      };
    }),
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

/** A lever as a block of lines: its name and description, then indented details. */
function leverLines(l: LeverListing): string[] {
  const lines = [`  ${l.name} — ${l.description}`];
  lines.push(`      intensity (default ${l.intensity.default}): ${l.intensity.description}`);
  for (const p of l.params) lines.push(`      params.${p.name} (default ${p.default}): ${p.description}`);
  for (const o of l.rules?.options ?? []) {
    lines.push(`      rule: ${o.name}${o.name === l.rules!.default ? ' (default)' : ''}: ${o.description}`);
  }
  lines.push(`      cost: ${l.cost}${l.runningCost ? ' — needs budget.perYear' : ''}`);
  lines.push(`      acts through: ${l.acts}${l.requires ? ` — requires mechanisms.${l.requires}` : ''}`);
  return lines;
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
    'Policy levers (`levers:` in a scenario; docs/SCENARIOS.md)',
    ...l.levers.flatMap(leverLines),
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
