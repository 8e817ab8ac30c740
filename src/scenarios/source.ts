// Reading one scenario file into plain data, keeping the parsed YAML document so that a problem
// found later (by zod, by the cross-reference checks, in a variant) can be traced back to the
// line of the offending node — also through `extends`, where a value may come from a parent.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Pair, type YAMLMap } from 'yaml';
import { formatPath, ScenarioError, type PathKey } from './errors.ts';
import { isPlainObject } from './merge.ts';
import { LIMITS } from './limits.ts';

export interface Source {
  /** Absolute path of the file. */
  absPath: string;
  /** The path as shown in messages. */
  display: string;
  /** The parsed content, before any merging or validation. */
  raw: unknown;
  /** The YAML document (JSON files are read a second time as YAML, which is a superset, for lines). */
  doc: Document | null;
  lines: LineCounter | null;
}

/** Relative to the working directory when the file is inside it (as the user typed it), else absolute. */
export function displayPath(absPath: string): string {
  const rel = path.relative(process.cwd(), absPath);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absPath;
}

/** Reads and parses a file; unreadable files and syntax errors become a ScenarioError. */
export function readSource(absPath: string, what = 'a readable scenario file'): Source {
  const display = displayPath(absPath);
  let text: string;
  try {
    // Refused before it is read: a larger file is no scenario a person writes (limits.ts).
    const { size } = statSync(absPath);
    if (size > LIMITS.fileBytes) {
      throw new ScenarioError(display, [{ path: '', expected: `a scenario file of at most ${LIMITS.fileBytes.toLocaleString('en')} bytes (generate many firms with firms.generate)`, found: `${size.toLocaleString('en')} bytes` }]);
    }
    text = readFileSync(absPath, 'utf8');
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ScenarioError(display, [{ path: '', expected: what, found: code === 'ENOENT' ? 'no such file' : `error ${code}` }]);
  }
  const source = path.extname(absPath).toLowerCase() === '.json' ? parseJson(absPath, display, text) : parseYaml(absPath, display, text);
  checkTree(source.raw, display);
  return source;
}

/** Nesting deeper than this is refused (a scenario needs fewer than ten levels). */
const MAX_DEPTH = 64;

/**
 * The parsed value must be a finite tree: a YAML alias may point back into its own anchor
 * (`a: &x [*x]`), which parses to a cycle that every later step would follow for ever.
 */
function checkTree(raw: unknown, display: string): void {
  const stack: { value: unknown; path: PathKey[]; ancestors: Set<unknown> }[] = [{ value: raw, path: [], ancestors: new Set() }];
  while (stack.length) {
    const { value, path: at, ancestors } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (ancestors.has(value)) {
      throw new ScenarioError(display, [{ path: formatPath(at), expected: 'values that do not contain themselves', found: 'a YAML alias that refers to its own anchor' }]);
    }
    if (at.length > MAX_DEPTH) {
      throw new ScenarioError(display, [{ path: formatPath(at.slice(0, MAX_DEPTH)), expected: `at most ${MAX_DEPTH} levels of nesting`, found: 'deeper nesting' }]);
    }
    const inner = new Set(ancestors).add(value);
    const entries: [PathKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...at, key], ancestors: inner });
  }
}


function parseYaml(absPath: string, display: string, text: string): Source {
  const lines = new LineCounter();
  // `merge: true` lets people share blocks with anchors and `<<: *base`, as YAML users expect.
  // uniqueKeys: false — yaml's own check compares each key with all before it (quadratic: a 1 MiB
  // mapping took minutes); duplicateKey() below does the same check with a set per mapping.
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      display,
      doc.errors.map((e) => ({
        path: '',
        line: lines.linePos(e.pos[0]).line,
        expected: 'valid YAML',
        found: e.message.split('\n')[0],
      })),
    );
  }
  const duplicate = duplicateKey(doc);
  if (duplicate) {
    throw new ScenarioError(display, [{ path: '', line: lines.linePos(duplicate.offset).line, expected: 'each key once in a mapping', found: `${JSON.stringify(duplicate.key)} again` }]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    throw new ScenarioError(display, [{ path: '', expected: 'valid YAML', found: (err as Error).message }]);
  }
  return { absPath, display, raw, doc, lines };
}

function parseJson(absPath: string, display: string, text: string): Source {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // V8 reports "… at position N" (sometimes "(line L column C)"); turn it into a line when it does.
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new ScenarioError(display, [{ path: '', line, expected: 'valid JSON', found: message }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return doc.errors.length === 0 ? { absPath, display, raw, doc, lines } : { absPath, display, raw, doc: null, lines: null };
}

/**
 * The line (and file) of the node at `path` in the merged scenario, or of its deepest existing
 * ancestor when the node itself is missing (a required key that is absent).
 * `sources` is the extends chain, child first: the value at a path comes from the first source
 * that has it, unless it is a mapping, which merges with the same mapping in the next sources.
 */
export function locate(sources: readonly Source[], keys: readonly PathKey[]): { line: number; file: string } | undefined {
  type Cursor = { source: Source; raw: unknown; node: unknown; keyNode: unknown };
  let cursors: Cursor[] = sources.map((s) => ({ source: s, raw: s.raw, node: s.doc?.contents ?? null, keyNode: null }));
  let best: Cursor | undefined;
  for (const key of keys) {
    const next: Cursor[] = [];
    for (const c of cursors) {
      const raw = rawChild(c.raw, key);
      if (raw === undefined) continue;
      const step = c.source.doc ? nodeChild(c.source.doc, c.node, key) : undefined;
      next.push({ source: c.source, raw, node: step?.node ?? null, keyNode: step?.keyNode ?? null });
      // Only mappings merge with the parents' mappings; anything else hides what parents say.
      if (!isPlainObject(raw)) break;
    }
    const owners = next.filter((c, i) => i === 0 || isPlainObject(c.raw));
    if (owners.length === 0) break;
    cursors = owners;
    best = owners[0];
  }
  const node = (best?.keyNode ?? best?.node ?? null) as { range?: [number, number, number] } | null;
  const offset = node?.range?.[0];
  if (!best || offset === undefined || !best.source.lines) return undefined;
  return { line: best.source.lines.linePos(offset).line, file: best.source.display };
}

function rawChild(value: unknown, key: PathKey): unknown {
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, String(key))) return value[String(key)];
  return undefined;
}

/** One step down a YAML node tree, following aliases and `<<` merge keys. */
/** The first key that a mapping of the document repeats (merge keys `<<` aside), with its offset. */
function duplicateKey(doc: Document): { key: string; offset: number } | null {
  let found: { key: string; offset: number } | null = null;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (typeof value === 'symbol' || value === '<<') continue;
        const key = String(value);
        if (seen.has(key)) {
          found = { key, offset: pair.key.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * A mapping's pairs by key (the first of each), built once per mapping: locating every finding of a
 * file with many keys would otherwise scan the mapping once per finding.
 */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items as Pair[]) {
      if (!isScalar(pair.key)) continue;
      const k = String(pair.key.value);
      if (!index.has(k)) index.set(k, pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function nodeChild(doc: Document, node: unknown, key: PathKey): { node: unknown; keyNode: unknown } | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isSeq(target)) {
    const item = typeof key === 'number' ? target.items[key] : undefined;
    return item === undefined ? undefined : { node: item, keyNode: null };
  }
  if (!isMap(target)) return undefined;
  const pair = keyIndex(target).get(String(key));
  if (pair) return { node: pair.value, keyNode: pair.key };
  for (const pair of target.items) {
    // With `merge: true`, yaml represents the `<<` key by a symbol.
    const k = isScalar(pair.key) ? pair.key.value : undefined;
    if (k === '<<' || (typeof k === 'symbol' && k.description === '<<')) {
      const found = nodeChild(doc, pair.value, key);
      if (found) return found;
    }
  }
  return undefined;
}
