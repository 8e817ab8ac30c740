// Every mistake a user can make in a scenario file ends here, as one ScenarioError per file that
// names the file, the path in it, what was expected and what was found (ARCHITECTURE.md,
// "Scenarios — contract"). The CLI prints `.message` and exits with code 1; anything else that
// throws is a bug in clusterlab, not in the user's file.

/** One key of a path into a scenario: an object key or an array index. */
export type PathKey = string | number;

/** One problem as the user sees it. */
export interface Problem {
  /** Where in the scenario, e.g. `mechanisms.spinoffs.rate` or `regions[2].wage`; '' for the whole file. */
  path: string;
  expected: string;
  found: string;
  /** 1-based line of the offending node, when the file format lets us know it. */
  line?: number;
  /** The file `line` refers to, when it is not the error's own file (a parent named by `extends`). */
  file?: string;
}

/**
 * A problem before it is placed in a file: validators are pure and work on plain objects, so
 * they report paths as arrays; the loader turns those into labels and line numbers.
 */
export interface Finding {
  path: PathKey[];
  expected: string;
  found: string;
  /** Shown instead of `formatPath(path)` (variants: `variants.v → regions[0].wage`). */
  label?: string;
  /** Nodes to look up, in order, for a line number; default: `[path]`. */
  lookup?: PathKey[][];
}

/** Problems listed in one message before the rest are summarised as "… and N more". */
const MAX_LISTED = 25;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  /** The file the user named (as shown to the user: relative to the working directory if inside it). */
  readonly file: string;
  /** All problems found in the file, in the order of their lines. */
  readonly problems: Problem[];
  /** The first problem's path, expected and found, for callers that only show one. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;

  constructor(file: string, problems: Problem[]) {
    if (problems.length === 0) throw new Error('ScenarioError needs at least one problem');
    const sorted = sortProblems(problems);
    super(formatProblems(file, sorted));
    this.file = file;
    this.problems = sorted;
    this.path = sorted[0].path;
    this.expected = sorted[0].expected;
    this.found = sorted[0].found;
  }
}

/** One line per problem, each starting with the file name like a compiler's, so editors can jump. */
export function formatProblems(file: string, problems: Problem[]): string {
  const lines = problems.slice(0, MAX_LISTED).map((p) => formatProblem(file, p));
  if (problems.length > MAX_LISTED) lines.push(`${file}: … and ${problems.length - MAX_LISTED} more problems`);
  return lines.join('\n');
}

export function formatProblem(file: string, p: Problem): string {
  const where = p.line === undefined ? '' : p.file && p.file !== file ? ` (${p.file} line ${p.line})` : ` (line ${p.line})`;
  const path = p.path === '' ? '' : `: ${p.path}`;
  return `${file}${path}${where}: expected ${p.expected}, found ${p.found}`;
}

/** Stable sort by line, problems without a line last, so the message reads top to bottom. */
function sortProblems(problems: Problem[]): Problem[] {
  const key = (p: Problem) => (p.line === undefined ? Infinity : p.line) + (p.file ? 1e9 : 0);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((x, y) => key(x.p) - key(y.p) || x.i - y.i)
    .map(({ p }) => p);
}

/** `['regions', 2, 'wage']` → `regions[2].wage`; odd keys (spaces, quotes) are bracketed and quoted. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[^\s"'[\]]+$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** How a found value reads in a message: short, and never `[object Object]`. */
export function describeValue(value: unknown, withType = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') {
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return withType ? `string ${shown}` : shown;
  }
  if (typeof value === 'boolean') return withType ? `boolean ${value}` : String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const json = safeJson(value);
    return json !== undefined && json.length <= 50 ? json : 'a mapping';
  }
  return String(value);
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
