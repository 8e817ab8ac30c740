// Bundled scenarios for the tests, with a variant and extra `set` paths applied, validated by the
// scenario schema. A stand-in for `loadScenario(name, { variant })` (src/scenarios/load.ts) until
// that is finished: same merge rule (variant `set` by dotted path, then `overlay` merged onto the
// base), no `extends` (no bundled scenario uses it).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findBundled } from '../../src/scenarios/bundled.ts';
import { deepMerge, isPlainObject, type PlainObject } from '../../src/scenarios/merge.ts';
import { scenarioSchema, type Scenario } from '../../src/scenarios/schema.ts';

/** Sets `value` at a dotted path (`mechanisms.entry.rate`, `regions.0.wage`), creating objects. */
export function setPath(target: PlainObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  for (const key of keys.slice(0, -1)) {
    const next: unknown = (node as Record<string, unknown>)[key];
    if (isPlainObject(next) || Array.isArray(next)) node = next;
    else node = (node as Record<string, unknown>)[key] = {};
  }
  (node as Record<string, unknown>)[keys[keys.length - 1]] = value;
}

export interface BundledOptions {
  variant?: string;
  /** Further values by dotted path, applied after the variant. */
  set?: Record<string, unknown>;
}

/** The raw (unvalidated) bundled scenario `name` with its variant and `set` applied. */
export function bundledRaw(name: string, options: BundledOptions = {}): PlainObject {
  const file = findBundled(name);
  if (!file) throw new Error(`no bundled scenario ${name}`);
  let raw = parse(readFileSync(file, 'utf8')) as PlainObject;
  const variants = (raw.variants ?? {}) as Record<string, { set?: PlainObject; overlay?: PlainObject }>;
  delete raw.variants;
  if (options.variant) {
    const v = variants[options.variant];
    if (!v) throw new Error(`bundled scenario ${name} has no variant ${options.variant}`);
    for (const [path, value] of Object.entries(v.set ?? {})) setPath(raw, path, value);
    if (v.overlay) raw = deepMerge(raw, v.overlay);
  }
  for (const [path, value] of Object.entries(options.set ?? {})) setPath(raw, path, value);
  return raw;
}

/** The bundled scenario `name`, validated (defaults filled in). */
export function bundled(name: string, options: BundledOptions = {}): Scenario {
  return scenarioSchema.parse(bundledRaw(name, options));
}
