// Targets files on disk (Node only; the browser reads targets inside scenarios): a file of
// `targets: [...]` and optional `priors: [...]`, validated against the scenario, and the targets
// files bundled with clusterlab (targets/ at the package root), named like bundled scenarios.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { packagePath } from '../package-root.ts';
import { z } from 'zod';
import { priorProblems, priorSchema, type Prior } from '../calibrate/priors.ts';
import { describeValue, formatPath, ScenarioError, type Finding } from './errors.ts';
import { translateIssues } from './issues.ts';
import { isPlainObject } from './merge.ts';
import { locate, readSource } from './source.ts';
import { checkTargets, targetSchema, type Target, type TargetContext } from './targets.ts';

/** A targets file: what was observed, and (for `calibrate`) the priors of the parameters to fit. */
export interface TargetFile {
  /** The file as shown to the user. */
  display: string;
  targets: Target[];
  /** Empty when the file has none (`calibrate --prior` may give them). */
  priors: Prior[];
  /** The line of each prior, for errors found later (against the scenario). */
  priorLines: (number | undefined)[];
}

/** The schema of a targets file (types and domains; loadTargetFile checks the rest against the scenario). */
export const targetsFileSchema = z
  .object({
    targets: z.array(targetSchema).min(1).describe('What was observed: value targets (a metric) and shape targets (a stage), at least one.'),
    priors: z.array(priorSchema).default([])
      .describe('For `clusterlab calibrate`: the parameters to fit, each a scenario path with a range (`--prior` adds or replaces).'),
  })
  .strict();

/**
 * Reads a targets file (`targets: [...]`, optionally `priors: [...]`), validated against the
 * scenario; errors name file, path and line.
 */
export function loadTargetFile(absPath: string, ctx: TargetContext): TargetFile {
  const source = readSource(absPath, `a readable targets file (or the name of a bundled one: ${bundledTargetNames().join(', ') || 'none'})`);
  const fail = (findings: Finding[]) => {
    throw new ScenarioError(source.display, findings.map((f) => {
      const where = locate([source], f.path);
      return { path: formatPath(f.path), expected: f.expected, found: f.found, ...(where ? { line: where.line } : {}) };
    }));
  };
  if (!isPlainObject(source.raw)) fail([{ path: [], expected: 'a mapping with a list `targets`', found: describeValue(source.raw, true) }]);
  const parsed = targetsFileSchema.safeParse(source.raw, { reportInput: true });
  if (!parsed.success) fail(translateIssues(parsed.error.issues, targetsFileSchema));
  const { targets, priors } = parsed.data!;
  const findings = checkTargets(targets, ctx, ['targets']);
  for (const [i, key, expected, found] of priorProblems(priors)) findings.push({ path: ['priors', i, key], expected, found });
  if (findings.length) fail(findings);
  return { display: source.display, targets, priors, priorLines: priors.map((_, i) => locate([source], ['priors', i])?.line) };
}

/** The targets of a targets file (see loadTargetFile). */
export function loadTargets(absPath: string, ctx: TargetContext): Target[] {
  return loadTargetFile(absPath, ctx).targets;
}

/** The targets files shipped with clusterlab (targets/ at the package root). */
export function bundledTargetsDir(): string {
  return packagePath('targets/');
}

/** `--targets REF`: a file (relative to the working directory), or the name of a bundled targets file. */
export function resolveTargets(ref: string): string {
  const asFile = resolve(ref);
  if (existsSync(asFile) || /[/\\]|\.ya?ml$|\.json$/.test(ref)) return asFile;
  const bundled = resolve(bundledTargetsDir(), `${ref}.yaml`);
  return existsSync(bundled) ? bundled : asFile;
}

export function bundledTargetNames(): string[] {
  const dir = bundledTargetsDir();
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort() : [];
}
