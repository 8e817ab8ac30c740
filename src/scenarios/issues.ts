// Turns zod's issues into findings a modeller can act on: "expected a number ≥ 0, found -0.5"
// rather than "Too small: expected number to be >=0". Where the issue alone says too little, the
// schema is walked to the offending path to describe what would have been accepted (bounds,
// enum options, the keys allowed next to a typo).
import type { z } from 'zod';
import { describeValue, type Finding, type PathKey } from './errors.ts';

type Issue = z.core.$ZodIssue;

/** The parts of zod 4's schema definitions we read; `_zod.def` is zod's documented internal shape. */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
}
type Schema = { _zod: { def: Def } } | z.ZodType;

const defOf = (schema: Schema): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Wrappers that do not change what a value must look like. */
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nonoptional', 'readonly', 'catch']);

function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** The schema that validates the value at `path`, or undefined if the path leads nowhere. */
export function schemaAt(root: Schema, path: readonly PathKey[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const [i, key] of path.entries()) {
    if (!s) return undefined;
    let def = defOf(unwrap(s));
    if (def.type === 'nullable' && def.innerType) def = defOf(unwrap(def.innerType));
    if (def.type === 'object') s = def.shape?.[String(key)];
    else if (def.type === 'array') s = typeof key === 'number' ? def.element : undefined;
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'union') {
      const rest = path.slice(i);
      const option = def.options?.find((o) => schemaAt(o, rest) !== undefined);
      return option ? schemaAt(option, rest) : undefined;
    } else return undefined;
  }
  return s;
}

/** The keys an object schema at `path` accepts, or undefined when it is not an object. */
export function allowedKeys(root: Schema, path: readonly PathKey[]): string[] | undefined {
  const s = schemaAt(root, path);
  if (!s) return undefined;
  const def = defOf(unwrap(s));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** What a schema accepts, in words: "a number from 0 to 1", "one of "logit", "proportional"". */
export function describeSchema(schema: Schema): string {
  const def = defOf(unwrap(schema));
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'nullable':
      return def.innerType ? `${describeSchema(def.innerType)} or null` : 'null';
    case 'number':
      return describeNumber(checks);
    case 'string':
      return checks.some((c) => c.check === 'min_length' && (c.minimum ?? 0) >= 1) ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'union':
      return (def.options ?? []).map(describeSchema).join(' or ');
    default:
      return 'a valid value';
  }
}

function describeNumber(checks: CheckDef[]): string {
  const int = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  const noun = int ? 'an integer' : 'a number';
  const lo = checks.find((c) => c.check === 'greater_than');
  const hi = checks.find((c) => c.check === 'less_than');
  if (lo && hi && lo.inclusive && hi.inclusive) return `${noun} from ${lo.value} to ${hi.value}`;
  const bounds = [
    lo ? `${lo.inclusive ? '≥' : '>'} ${lo.value}` : '',
    hi ? `${hi.inclusive ? '≤' : '<'} ${hi.value}` : '',
  ].filter(Boolean);
  return bounds.length ? `${noun} ${bounds.join(' and ')}` : noun;
}

/** All of zod's issues for one parse, as findings. */
export function translateIssues(issues: readonly Issue[], root: Schema): Finding[] {
  return issues.flatMap((issue) => translateIssue(issue, root, []));
}

/** Unknown keys of one mapping named one by one; the rest are counted. */
const MAX_KEYS_NAMED = 50;

function translateIssue(issue: Issue, root: Schema, prefix: PathKey[]): Finding[] {
  const path = [...prefix, ...issue.path.filter((k): k is PathKey => typeof k !== 'symbol')];
  const schema = schemaAt(root, path);
  const input = (issue as { input?: unknown }).input;
  const expectedBySchema = () => (schema ? describeSchema(schema) : 'a valid value');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(root, path) ?? [];
      const expected = allowed.length ? `one of ${allowed.join(', ')}` : 'a known key';
      // Each key is named (with a suggestion) up to a bound; a file with thousands of unknown
      // keys gets one line for the rest, so the message and the work stay small.
      const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((key) => ({
        path: [...path, key], expected, found: `unknown key ${JSON.stringify(key)}${suggest(key, allowed)}`,
      }));
      const rest = issue.keys.length - named.length;
      return rest > 0 ? [...named, { path, expected: allowed.length ? `no keys but ${allowed.join(', ')}` : 'known keys only', found: `${rest} more unknown keys` }] : named;
    }
    case 'invalid_type':
      return [{ path, expected: expectedBySchema(), found: describeValue(input, true) }];
    case 'too_small':
    case 'too_big':
      return [{ path, expected: describeBound(issue, expectedBySchema), found: describeValue(input) }];
    case 'invalid_value':
      return [{ path, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, found: describeValue(input) }];
    case 'invalid_union': {
      // A branch whose type matched (its issues are deeper than the union itself) says more
      // than "expected a number or a list": report that branch's own problems.
      const matched = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type' || i.path.length > 0));
      if (matched) return matched.flatMap((i) => translateIssue(i, root, path));
      return [{ path, expected: expectedBySchema(), found: describeValue(input, true) }];
    }
    case 'custom':
      return [{ path, expected: issue.message.replace(/^expected /, ''), found: describeValue(input) }];
    default:
      return [{ path, expected: schema ? describeSchema(schema) : issue.message, found: describeValue(input) }];
  }
}

function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, bySchema: () => string): string {
  const small = issue.code === 'too_small';
  const n = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const bound = `${small ? 'at least' : 'at most'} ${n}`;
  if (issue.origin === 'array') return `a list with ${bound} item${n === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return small && n === 1 ? 'a non-empty string' : `a string of ${bound} characters`;
  return bySchema();
}

/** ` (did you mean "spinoffs"?)` when an allowed key is a likely intended spelling. */
export function suggest(key: string, allowed: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const tolerance = Math.max(1, Math.floor(key.length / 3));
  return best !== undefined && bestDistance <= tolerance ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
