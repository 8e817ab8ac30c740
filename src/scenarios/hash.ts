// A scenario's identity: sha256 of its canonical JSON (object keys sorted at every level), so that
// two files that differ only in key order, formatting, comments or spelled-out defaults hash the
// same, and any change of a value changes the hash. Manifests use it to tell runs apart.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively; `undefined` members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function scenarioHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
