// Loading a scenario the user names — a file or a bundled name — into a validated, immutable
// Scenario: read and parse, follow `extends`, merge, validate (schema, then cross-references),
// hash the base, and apply the requested variant. Every user mistake becomes one ScenarioError
// per file with path, line, expected and found (see errors.ts).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Patch } from 'immer';
import { bundledNames, findBundled, SCENARIO_EXTENSIONS } from './bundled.ts';
import { describeValue, formatPath, ScenarioError, type Finding, type PathKey, type Problem } from './errors.ts';
import { scenarioHash } from './hash.ts';
import { deepFreeze, deepMerge, isPlainObject, type PlainObject } from './merge.ts';
import type { Scenario } from './schema.ts';
import { displayPath, locate, readSource, type Source } from './source.ts';
import { validateRaw } from './validate.ts';
import { applyChanges, applyVariant } from './variants.ts';

export { listBundled } from './bundled.ts';
export { ScenarioError, type Problem } from './errors.ts';

export interface LoadedScenario {
  /** The resolved scenario: defaults filled in, the variant (if any) applied. Deeply frozen. */
  scenario: Scenario;
  /** The bundled name, or the file name without its extension. */
  name: string;
  /** Absolute path of the file that was loaded (the child, when it `extends` another). */
  file: string;
  /** sha256 of the canonical JSON of the resolved base scenario (after extends and defaults, before the variant). */
  hash: string;
  /** The applied variant, or null for the base scenario. */
  variant: string | null;
  /** immer patches from the base scenario to `scenario` (empty for the base). JSON-serialisable. */
  patches: Patch[];
  /** The names of the scenario's variants, in file order. */
  variants: string[];
}

export interface LoadOptions {
  /** A variant defined in the scenario's `variants`; null or absent: the base scenario. */
  variant?: string | null;
}

/** A loaded base scenario with the files it came from (child first), for line numbers. */
interface Resolved {
  loaded: LoadedScenario;
  sources: Source[];
  display: string;
}

export function loadScenario(ref: string, options: LoadOptions = {}): LoadedScenario {
  const base = resolveBase(ref);
  const variant = options.variant ?? null;
  return variant === null ? base.loaded : withVariant(base, variant);
}

/** Loads the base and checks that every variant applies cleanly; all problems in one error. */
export function validateScenarioFile(ref: string): LoadedScenario {
  const base = resolveBase(ref);
  const findings: Finding[] = [];
  for (const name of base.loaded.variants) {
    const applied = applyVariant(base.loaded.scenario, name);
    if (!applied.ok) findings.push(...applied.findings);
  }
  if (findings.length) throw toError(base.display, base.sources, findings);
  return base.loaded;
}

/**
 * Sets values by dotted path on an already loaded scenario (command-line overrides, sweep
 * points), validated like a variant; the patches are appended to the variant's.
 */
export function withOverrides(loaded: LoadedScenario, set: Record<string, unknown>): LoadedScenario {
  const applied = applyChanges(loaded.scenario, { set });
  if (!applied.ok) {
    const problems = applied.findings.map((f): Problem => {
      const label = applied.stage === 'changes' ? String(f.path[1]) : formatPath(f.path);
      return { path: label, expected: f.expected, found: f.found };
    });
    throw new ScenarioError(displayPath(loaded.file), problems);
  }
  return { ...loaded, scenario: deepFreeze(applied.scenario), patches: [...loaded.patches, ...applied.patches] };
}

/**
 * Applies one of the scenario's variants on top of an already changed scenario (a posterior
 * draw's parameters): the variant's own settings win over the changes below them.
 */
export function withVariantOn(loaded: LoadedScenario, name: string): LoadedScenario {
  const applied = applyVariant(loaded.scenario, name);
  if (!applied.ok) {
    const problems = applied.findings.map((f): Problem => ({ path: formatPath(f.path), expected: f.expected, found: f.found }));
    throw new ScenarioError(displayPath(loaded.file), problems);
  }
  return { ...loaded, scenario: deepFreeze(applied.scenario), variant: name, patches: [...loaded.patches, ...applied.patches] };
}

/** The scenario with values[j] set at paths[j] (a sweep point, a draw, a particle); see withOverrides. */
export function withValues(loaded: LoadedScenario, paths: readonly string[], values: readonly number[]): LoadedScenario {
  return withOverrides(loaded, Object.fromEntries(paths.map((path, j) => [path, values[j]])));
}

function withVariant(base: Resolved, name: string): LoadedScenario {
  const applied = applyVariant(base.loaded.scenario, name);
  if (!applied.ok) throw toError(base.display, base.sources, applied.findings);
  return { ...base.loaded, scenario: deepFreeze(applied.scenario), variant: name, patches: applied.patches };
}

function resolveBase(ref: string): Resolved {
  const file = resolveRef(ref, process.cwd());
  if (file === undefined) {
    throw new ScenarioError(ref, [{ path: '', expected: `a scenario file (.yaml, .yml, .json) or a bundled scenario (${bundledList()})`, found: 'no such file' }]);
  }
  const { raw, sources } = loadChain(file, []);
  const display = sources[0].display;
  const validated = validateRaw(raw);
  if (!validated.ok) throw toError(display, sources, validated.findings);
  const scenario = deepFreeze(validated.scenario);
  const ext = path.extname(file);
  const loaded: LoadedScenario = {
    scenario,
    name: path.basename(file, ext),
    file,
    hash: scenarioHash(scenario),
    variant: null,
    patches: [],
    variants: Object.keys(scenario.variants),
  };
  return { loaded, sources, display };
}

/**
 * A reference is a file when it looks like one (has a scenario extension or a directory part),
 * otherwise the name of a bundled scenario — falling back to a file of that name, if one exists.
 * Files resolve relative to `dir` (the working directory, or the extending file's directory).
 */
function resolveRef(ref: string, dir: string): string | undefined {
  const looksLikeFile = (SCENARIO_EXTENSIONS as readonly string[]).includes(path.extname(ref).toLowerCase()) || /[/\\]/.test(ref);
  const asFile = path.resolve(dir, ref);
  const isFile = existsSync(asFile) && statSync(asFile).isFile();
  if (looksLikeFile) return isFile ? asFile : undefined;
  return findBundled(ref) ?? (isFile ? asFile : undefined);
}

/** Reads `file` and its `extends` ancestors; returns the merged raw data and the sources, child first. */
function loadChain(file: string, stack: string[]): { raw: PlainObject; sources: Source[] } {
  const source = readSource(file);
  const raw = source.raw;
  if (!isPlainObject(raw)) {
    const found = raw === null || raw === undefined ? 'an empty file' : describeValue(raw, true);
    throw new ScenarioError(source.display, [{ path: '', expected: 'a mapping of scenario keys (regions, firms, mechanisms, …)', found }]);
  }
  const { extends: parentRef, ...own } = raw;
  if (parentRef === undefined) return { raw: own, sources: [source] };
  const fail = (expected: string, found: string) => toError(source.display, [source], [{ path: ['extends'], expected, found }]);
  if (typeof parentRef !== 'string' || parentRef === '') throw fail('a scenario file or bundled name', describeValue(parentRef, true));
  const parentFile = resolveRef(parentRef, path.dirname(file));
  if (parentFile === undefined) {
    throw fail(`a scenario file relative to this one, or a bundled scenario (${bundledList()})`, `${JSON.stringify(parentRef)}, no such file`);
  }
  const chain = [...stack, file];
  if (chain.includes(parentFile)) {
    const cycle = [...chain.slice(chain.indexOf(parentFile)), parentFile].map(displayPath).join(' → ');
    throw fail('a chain of extends that ends', `a cycle: ${cycle}`);
  }
  const parent = loadChain(parentFile, chain);
  return { raw: deepMerge(parent.raw, own), sources: [source, ...parent.sources] };
}

/** Places findings in the files: labels and the line of the first lookup that finds a node. */
function toError(display: string, sources: Source[], findings: Finding[]): ScenarioError {
  const problems = findings.map((f): Problem => {
    const lookups: PathKey[][] = f.lookup ?? [f.path];
    const at = lookups.map((l) => locate(sources, l)).find((l) => l !== undefined);
    const problem: Problem = { path: f.label ?? formatPath(f.path), expected: f.expected, found: f.found };
    if (at) problem.line = at.line;
    if (at && at.file !== display) problem.file = at.file;
    return problem;
  });
  return new ScenarioError(display, problems);
}

function bundledList(): string {
  const names = bundledNames();
  return names.length ? `one of ${names.join(', ')}` : 'none are installed';
}
