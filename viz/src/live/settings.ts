// The live view's settings: fields for a scenario's main parameters and for each lever's
// intensity, trigger (years on, when.from and when.to; the stage it waits for, when.stage) and
// budget per year. Applied, they are a `set` of
// dotted paths on the chosen scenario and variant (applyChanges: validated like a file), run as a
// new run from tick 0 — the same settings give the same pictures — and written out as a scenario
// variant in YAML that the CLI runs (`clusterlab run <file> --variant live-settings`).
import { stringify } from 'yaml';
import { parseDotted } from '../../../src/scenarios/variants.ts';
import type { Scenario } from '../../../src/scenarios/schema.ts';
import { STAGES } from '../../../src/engine/series.ts';

export interface SettingField {
  path: string;
  label: string;
  /** The scenario's value, or null where it has none (a lever's default intensity). */
  value: number | string | null;
  /** A choice among these (a select), instead of a number. */
  options?: readonly string[];
}

/** A setting's new value: a number, or one of a field's options. */
export type Settings = Record<string, number | string>;

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
      ...(Array.isArray(lever.when.stage) ? [] : [{ path: `levers.${k}.when.stage`, label: `${name}: on in stage`, value: lever.when.stage ?? null, options: STAGES }]),
      { path: `levers.${k}.budget.perYear`, label: `${name}: budget per year`, value: num(`levers.${k}.budget.perYear`) },
    );
  });
  return fields;
}

/** The settings that differ from the fields' values (empty inputs leave a value as it is). */
export function changedSettings(fields: readonly SettingField[], inputs: readonly string[]): Settings {
  const set: Settings = {};
  fields.forEach((f, k) => {
    const text = inputs[k].trim();
    if (text === '') return;
    const v = f.options ? text : Number(text);
    if (v !== f.value) set[f.path] = v;
  });
  return set;
}

/**
 * A scenario file that runs these settings with the CLI: it extends `scenario` and defines the
 * variant `live-settings` — the chosen variant's own changes with these on top. A variant's `set`
 * may only name paths of the base, so a setting inside what the variant's overlay adds (its
 * levers, say) is written into the overlay instead.
 */
export function settingsYaml(scenario: string, base: Scenario, variant: string, set: Settings): string {
  const own = variant === 'base' ? undefined : base.variants[variant];
  const overlay = structuredClone((own?.overlay ?? {}) as Record<string, unknown>);
  const onBase: Record<string, unknown> = { ...(own?.set ?? {}) };
  for (const [path, value] of Object.entries(set)) {
    const keys = parseDotted(path);
    if (String(keys[0]) in overlay) setIn(overlay, keys, value);
    else onBase[path] = value;
  }
  const definition: Record<string, unknown> = {
    description: `Set in the viz app's live view${variant === 'base' ? '' : `, on the variant ${variant}`}.`,
    ...(Object.keys(overlay).length ? { overlay } : {}),
    ...(Object.keys(onBase).length ? { set: onBase } : {}),
  };
  const header = `# Settings from the clusterlab viz app's live view. Run it as it is:\n#   clusterlab run this-file.yaml --variant live-settings --seed <S>\n# or copy the variant under \`variants:\` of ${scenario}.\n`;
  return header + stringify({ extends: scenario, variants: { 'live-settings': definition } });
}

/** Sets `value` at `keys` in a plain object, making the objects on the way. */
function setIn(target: Record<string | number, unknown>, keys: readonly (string | number)[], value: unknown): void {
  let cur = target;
  for (const key of keys.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key] as Record<string | number, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}
