// What a batch varies, as columns: every scenario path that some unit (a variant, a posterior
// draw × variant) changes from the base, with each unit's resolved value there. Taken from the
// units' immer patches (which paths changed) and read from their resolved scenarios (the value
// each run used), so a path one variant changes shows the base value in the others' rows — the
// table BehaviorSpace, Mesa's batch_run and Agents.jl's paramscan give.
import { csvField, formatNumber } from '../io/format.ts';
import { isPlainObject } from '../scenarios/merge.ts';
import type { Unit } from './jobs.ts';

export type VariedValue = number | string | boolean | null;

export interface Varied {
  /** Dotted scenario paths (list indices as numbers: `levers.0.intensity`), in first-change order. */
  paths: string[];
  /** values[unit][k]: the unit's value at paths[k]; null where the path does not exist; lists and objects as JSON text. */
  values: VariedValue[][];
}

interface PatchLike {
  op: string;
  path: (string | number)[];
  value?: unknown;
}

/** The leaf paths a patch touches: into objects it writes whole, not into lists. */
function leafPaths(path: (string | number)[], value: unknown, out: string[]): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leafPaths([...path, k], v, out);
  } else {
    out.push(path.join('.'));
  }
}

function valueAt(scenario: unknown, path: string): VariedValue {
  let node: unknown = scenario;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null) return null;
  if (typeof node === 'number' || typeof node === 'string' || typeof node === 'boolean') return node;
  return JSON.stringify(node);
}

export function variedOf(units: readonly Unit[]): Varied {
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const unit of units) {
    for (const patch of unit.loaded.patches as PatchLike[]) {
      const leaves: string[] = [];
      leafPaths(patch.path, patch.op === 'remove' ? undefined : patch.value, leaves);
      for (const p of leaves) if (!seen.has(p)) { seen.add(p); paths.push(p); }
    }
  }
  return { paths, values: units.map((u) => paths.map((p) => valueAt(u.loaded.scenario, p))) };
}

/** A value as a CSV field: numbers as every number is written, text quoted when needed, null empty. */
export function variedField(v: VariedValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  return csvField(v);
}
