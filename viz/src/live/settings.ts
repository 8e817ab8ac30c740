// The live view's settings: fields for a scenario's main parameters and for each lever's
// intensity, years on (when.from, when.to) and budget per year. Applied, they are a `set` of
// dotted paths on the chosen scenario and variant (applyChanges: validated like a file), run as a
// new run from tick 0 — the same settings give the same pictures — and written out as a scenario
// variant in YAML that the CLI runs (`clusterlab run <file> --variant live-settings`).
import { stringify } from 'yaml';
import { parseDotted } from '../../../src/scenarios/variants.ts';
import type { Scenario } from '../../../src/scenarios/schema.ts';

export interface SettingField {
  path: string;
  label: string;
  /** The scenario's value, or null where it has none (a lever's default intensity). */
  value: number | null;
}

/** The main parameters offered when the scenario has them (as numbers). */
export const MAIN_PARAMETERS: [string, string][] = [
  ['mechanisms.spinoffs.rate', 'spin-off rate (per year)'],
  ['mechanisms.learning.spillover', 'spillover'],
  ['mechanisms.entry.rate', 'entry rate (firms per year)'],
  ['mechanisms.growth.rate', 'growth drift'],
  ['mechanisms.growth.noise', 'growth noise'],
  ['mechanisms.innovation.rate', 'innovation rate'],
  ['mechanisms.exit.hazard', 'exit hazard'],
  ['mechanisms.market.elasticity', 'demand elasticity'],
];

/** The value at a dotted path, or undefined. */
export function valueAt(scenario: unknown, path: string): unknown {
  let cur: unknown = scenario;
  for (const key of parseDotted(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export function settingFields(scenario: Scenario): SettingField[] {
  const fields: SettingField[] = MAIN_PARAMETERS
    .filter(([path]) => typeof valueAt(scenario, path) === 'number')
    .map(([path, label]) => ({ path, label, value: valueAt(scenario, path) as number }));
  scenario.levers.forEach((lever, k) => {
    const name = lever.name ?? `${lever.lever}-${k}`;
    const num = (path: string) => {
      const v = valueAt(scenario, path);
      return typeof v === 'number' ? v : null;
    };
    fields.push(
      { path: `levers.${k}.intensity`, label: `${name}: intensity`, value: num(`levers.${k}.intensity`) },
      { path: `levers.${k}.when.from`, label: `${name}: on from year`, value: num(`levers.${k}.when.from`) },
      { path: `levers.${k}.when.to`, label: `${name}: on until year`, value: num(`levers.${k}.when.to`) },
      { path: `levers.${k}.budget.perYear`, label: `${name}: budget per year`, value: num(`levers.${k}.budget.perYear`) },
    );
  });
  return fields;
}

/** The settings that differ from the fields' values (empty inputs leave a value as it is). */
export function changedSettings(fields: readonly SettingField[], inputs: readonly string[]): Record<string, number> {
  const set: Record<string, number> = {};
  fields.forEach((f, k) => {
    const text = inputs[k].trim();
    if (text === '') return;
    const v = Number(text);
    if (v !== f.value) set[f.path] = v;
  });
  return set;
}

/**
 * A scenario file that runs these settings with the CLI: it extends `scenario` and defines the
 * variant `live-settings` — the chosen variant's own changes (overlay, set) with these on top.
 */
export function settingsYaml(scenario: string, base: Scenario, variant: string, set: Record<string, number>): string {
  const own = variant === 'base' ? undefined : base.variants[variant];
  const definition: Record<string, unknown> = {
    description: `Set in the viz app's live view${variant === 'base' ? '' : `, on the variant ${variant}`}.`,
    ...(own?.overlay && Object.keys(own.overlay).length ? { overlay: own.overlay } : {}),
    set: { ...(own?.set ?? {}), ...set },
  };
  const header = `# Settings from the clusterlab viz app's live view. Run it as it is:\n#   clusterlab run this-file.yaml --variant live-settings --seed <S>\n# or copy the variant under \`variants:\` of ${scenario}.\n`;
  return header + stringify({ extends: scenario, variants: { 'live-settings': definition } });
}
