// Variants: named changes to a validated base scenario — an `overlay` (a partial scenario merged
// on, objects merge and arrays replace) and then `set` (values by dotted path, `regions.0.wage`).
// The result is validated again like a file, and the change is recorded as immer patches against
// the base, so that a manifest can say exactly which parameters a variant changed.
import { enablePatches, produceWithPatches, type Patch } from 'immer';
import { describeValue, formatPath, type Finding, type PathKey } from './errors.ts';
import { allowedKeys, schemaAt, suggest } from './issues.ts';
import { deepEqual, deepMerge, isPlainObject, type PlainObject } from './merge.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { validateRaw } from './validate.ts';

enablePatches();

export interface Changes {
  set?: Record<string, unknown>;
  overlay?: Record<string, unknown>;
}

/**
 * `stage` tells where failures are: in the changes themselves (a bad `set` path, a forbidden
 * key; paths relative to the changes) or in the changed scenario (paths relative to the scenario,
 * `lookup` pointing back into the changes for line numbers).
 */
export type Applied =
  | { ok: true; scenario: Scenario; patches: Patch[] }
  | { ok: false; stage: 'changes' | 'result'; findings: Finding[] };

/** A variant may not define variants of its own, nor point the base elsewhere. */
const FORBIDDEN_KEYS = ['variants', 'extends'];

/** Applies `changes` to `base` (which is not modified), validates, and records the patches. */
export function applyChanges(base: Scenario, changes: Changes): Applied {
  const overlay = changes.overlay ?? {};
  const set = Object.entries(changes.set ?? {}).map(([dotted, value]) => ({ dotted, keys: parseDotted(dotted), value }));
  const findings: Finding[] = [];
  for (const key of FORBIDDEN_KEYS) {
    if (key in overlay) findings.push({ path: ['overlay', key], expected: 'scenario keys other than variants and extends', found: JSON.stringify(key) });
  }
  for (const { dotted, keys } of set) {
    const problem = FORBIDDEN_KEYS.includes(String(keys[0])) ? `${JSON.stringify(keys[0])}, which a variant may not change` : checkSetPath(base, keys);
    if (problem) findings.push({ path: ['set', dotted], expected: 'a path that exists in the scenario', found: problem });
  }
  if (findings.length) return { ok: false, stage: 'changes', findings };

  // Build the candidate on a private copy: overlay first, then the single values.
  const candidate = structuredClone(deepMerge(base as PlainObject, overlay));
  for (const { keys, value } of set) setIn(candidate, keys, structuredClone(value));

  const validated = validateRaw(candidate);
  if (!validated.ok) {
    const lookup = (path: PathKey[]): PathKey[][] => {
      const owner = set.filter((s) => startsWith(path, s.keys)).sort((a, b) => b.keys.length - a.keys.length)[0];
      if (owner) return [['set', owner.dotted]];
      return path.length > 0 && String(path[0]) in overlay ? [['overlay', ...path]] : [[]];
    };
    return { ok: false, stage: 'result', findings: validated.findings.map((f) => ({ ...f, lookup: lookup(f.path) })) };
  }

  // The patches are the difference between base and the validated result, leaf by leaf: setting
  // a value to what it already was records nothing, and defaults that the schema filled into an
  // overlaid object are recorded too, so the patches describe exactly the scenario that runs.
  const [scenario, patches] = produceWithPatches(base, (draft) => {
    syncObject(draft as unknown as PlainObject, base as unknown as PlainObject, validated.scenario as unknown as PlainObject);
  });
  return { ok: true, scenario, patches };
}

/** Applies the variant `name` defined in `base.variants`; failures are prefixed with the variant. */
export function applyVariant(base: Scenario, name: string): Applied {
  const variant = Object.prototype.hasOwnProperty.call(base.variants, name) ? base.variants[name] : undefined;
  if (!variant) {
    const names = Object.keys(base.variants);
    const expected = names.length ? `one of the variants ${names.map((n) => JSON.stringify(n)).join(', ')}` : 'no variant (the scenario defines none)';
    return { ok: false, stage: 'changes', findings: [{ path: ['variants'], expected, found: `unknown variant ${JSON.stringify(name)}${suggest(name, names)}` }] };
  }
  const applied = applyChanges(base, variant);
  if (applied.ok) return applied;
  const prefix: PathKey[] = ['variants', name];
  const findings = applied.findings.map((f): Finding =>
    applied.stage === 'changes'
      ? { ...f, path: [...prefix, ...f.path] }
      : { ...f, label: `${formatPath(prefix)} → ${formatPath(f.path)}`, lookup: (f.lookup ?? [[]]).map((l) => [...prefix, ...l]) },
  );
  return { ...applied, findings };
}

/** `regions.0.wage` → `['regions', 0, 'wage']`: numeric segments index arrays. */
export function parseDotted(dotted: string): PathKey[] {
  return dotted.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/**
 * Why `keys` cannot be set on `base`, or undefined if it can. A path may end in a key the base
 * lacks only if the schema knows that key there (an optional field such as `regions.0.province`).
 */
function checkSetPath(base: Scenario, keys: PathKey[]): string | undefined {
  let cur: unknown = base;
  for (const [i, key] of keys.entries()) {
    const here = formatPath(keys.slice(0, i + 1));
    const last = i === keys.length - 1;
    if (key === '') return 'an empty segment in the path';
    if (Array.isArray(cur)) {
      if (typeof key !== 'number') return `${formatPath(keys.slice(0, i))} is a list, indexed by number, not ${JSON.stringify(key)}`;
      // Setting index n of a list of n items appends (e.g. a variant that adds a lever).
      if (last && key === cur.length) return undefined;
      if (key >= cur.length) return `no ${here}: ${formatPath(keys.slice(0, i))} has ${cur.length} item${cur.length === 1 ? '' : 's'}`;
      cur = cur[key];
    } else if (isPlainObject(cur)) {
      const name = String(key);
      const known = Object.prototype.hasOwnProperty.call(cur, name);
      if (!known) {
        const parent = keys.slice(0, i);
        const shape = schemaAt(scenarioSchema, parent);
        const allowed = allowedKeys(scenarioSchema, parent);
        const isRecord = shape !== undefined && allowed === undefined;
        if (last && (isRecord || allowed?.includes(name))) return undefined;
        const hint = suggest(name, [...new Set([...Object.keys(cur), ...(allowed ?? [])])]);
        return last || !allowed?.includes(name) ? `no ${here} in the scenario${hint}` : `no ${here} in the base scenario (add it with overlay)`;
      }
      cur = cur[name];
    } else {
      return `${formatPath(keys.slice(0, i))} is ${describeValue(cur)}, which has no ${JSON.stringify(key)}`;
    }
  }
  return undefined;
}

function setIn(target: PlainObject, keys: PathKey[], value: unknown): void {
  let cur = target as Record<PathKey, unknown>;
  for (const key of keys.slice(0, -1)) cur = cur[key] as Record<PathKey, unknown>;
  cur[keys[keys.length - 1]] = value;
}

function startsWith(path: PathKey[], prefix: PathKey[]): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => k === path[i]);
}

function syncObject(draft: PlainObject, from: PlainObject, to: PlainObject): void {
  for (const key of Object.keys(from)) if (!(key in to)) delete draft[key];
  for (const [key, value] of Object.entries(to)) syncValue(draft, key, from[key], value);
}

function syncValue(draft: Record<PathKey, unknown>, key: PathKey, from: unknown, to: unknown): void {
  if (deepEqual(from, to)) return;
  if (isPlainObject(from) && isPlainObject(to)) syncObject(draft[key] as PlainObject, from, to);
  else if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((item, i) => syncValue(draft[key] as Record<PathKey, unknown>, i, from[i], item));
  } else draft[key] = to;
}
