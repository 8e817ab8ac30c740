// The JSON Schema (draft 2020-12) of the files a user writes — scenario files and targets files —
// emitted from the zod schemas (their `.describe` texts are the field docs), for editors:
// completion, hover help and red squiggles in VS Code's YAML extension. `clusterlab schema`
// prints them; schema/*.schema.json are the published copies.
//
// What JSON Schema cannot say stays in `validate` only: zod's refinements (a range's min ≤ max,
// industry sizes that sum to segments.count, growthLow ≤ growthHigh) and the cross-references
// (region, province and metric names, lever parameters, targets within the run, priors' bounds).
// The schema therefore accepts a little more than `validate`, never less.
//
// Beyond the zod schema, two things the loader does: a file that `extends` another is merged onto
// it before validation (objects merge, arrays replace), so it may leave out any key of an object —
// required keys are required only in a file without `extends`; and a variant's `overlay` is such a
// partial scenario too.
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';
import { targetsFileSchema } from './target-files.ts';

type Json = Record<string, unknown>;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** The JSON Schema of scenario files. */
export function scenarioJsonSchema(): Json {
  const complete = emit(scenarioSchema);
  const defs = (complete.$defs ?? {}) as Json;
  delete complete.$defs;
  delete complete.$schema;
  const properties = complete.properties as Record<string, Json>;
  const partial = withoutRequired(structuredClone(properties), false);
  // An overlay may hold every key of a file but `extends` and `variants`, each as in the file.
  const variant = (partial.variants.additionalProperties as { properties: Record<string, Json> }).properties;
  const overlayKeys = Object.keys(partial).filter((k) => k !== 'extends' && k !== 'variants');
  variant.overlay = {
    description: variant.overlay.description,
    default: {},
    type: 'object',
    properties: Object.fromEntries(overlayKeys.map((k) => [k, { $ref: `#/properties/${k}` }])),
    additionalProperties: false,
  };
  return {
    $schema: DRAFT,
    $id: 'urn:clusterlab:schema:scenario',
    title: 'clusterlab scenario file',
    description:
      'A clusterlab scenario (docs/SCENARIOS.md). Cross-field rules (names that must exist, ranges with min ≤ max, ' +
      'sizes that must add up) are checked by `clusterlab validate`, not by this schema.',
    type: 'object',
    properties: partial,
    additionalProperties: false,
    // Without `extends` the file is complete on its own: the required keys must be there.
    if: { type: 'object', properties: { extends: { type: 'string' } }, required: ['extends'] },
    else: requiredKeys(complete),
    ...(Object.keys(defs).length ? { $defs: defs } : {}),
  };
}

/** The JSON Schema of targets files (`targets:` and, for calibrate, `priors:`). */
export function targetsJsonSchema(): Json {
  const schema = emit(targetsFileSchema);
  delete schema.$schema;
  return {
    $schema: DRAFT,
    $id: 'urn:clusterlab:schema:targets',
    title: 'clusterlab targets file',
    description:
      'Observed targets for `clusterlab check --targets` and `clusterlab calibrate` (docs/CALIBRATION.md). Whether ' +
      'metrics, regions and years exist in the scenario is checked when the file is used, not by this schema.',
    ...schema,
  };
}

/** zod → JSON Schema of what a file may contain (defaults make keys optional), defaults spelled out in the descriptions. */
function emit(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Json;
  addDefaults(json);
  plainTuples(json);
  return json;
}

/**
 * A tuple of one type (`interval: [low, high]`) as `items` + a length, not 2020-12's
 * `prefixItems` + `items: false`: the same for a 2020-12 validator, and right for the editors
 * that still read draft-07 (the Red Hat YAML extension), which would reject every item.
 */
function plainTuples(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(plainTuples);
  if (node === null || typeof node !== 'object') return;
  const n = node as Json;
  const prefix = n.prefixItems as unknown[] | undefined;
  if (prefix && n.items === false && prefix.every((p) => JSON.stringify(p) === JSON.stringify(prefix[0]))) {
    delete n.prefixItems;
    n.items = prefix[0];
  }
  for (const value of Object.values(n)) plainTuples(value);
}

/** Hover text shows the description: append each field's default to it (an empty mapping says nothing). */
function addDefaults(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(addDefaults);
  if (node === null || typeof node !== 'object') return;
  const n = node as Json;
  if (typeof n.description === 'string' && 'default' in n && !isEmptyObject(n.default)) {
    n.description = `${n.description} Default: ${JSON.stringify(n.default)}.`;
  }
  for (const value of Object.values(n)) addDefaults(value);
}

/**
 * Drops `required` from every object that a merge can complete (not inside arrays: an array
 * replaces the one below it, so its items must be whole).
 */
function withoutRequired<T>(node: T, inArray: boolean): T {
  if (Array.isArray(node)) return node.map((x) => withoutRequired(x, inArray)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'required' && !inArray) continue;
    if (key === 'default' || key === 'enum' || key === 'const') out[key] = value;
    else if (key === 'properties') out[key] = mapValues(value as Json, (v) => withoutRequired(v, inArray));
    else out[key] = withoutRequired(value, inArray || key === 'items' || key === 'prefixItems');
  }
  return out as T;
}

/** Only the `required` lists of a schema's objects (outside arrays), nested as in the schema. */
function requiredKeys(node: Json): Json {
  const out: Json = { type: 'object' };
  if (Array.isArray(node.required) && node.required.length) out.required = node.required;
  const properties: Json = {};
  for (const [key, value] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
    const inner = requiredKeys(value);
    if (Object.keys(inner).length > 1) properties[key] = inner;
  }
  if (Object.keys(properties).length) out.properties = properties;
  return out;
}

function mapValues(obj: Json, f: (v: unknown) => unknown): Json {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}
