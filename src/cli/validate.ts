// `clusterlab validate`: check each scenario (and each of its variants); report every one, then
// exit 1 if any was invalid, so a script sees all problems in one pass.
import { ScenarioError } from '../scenarios/errors.ts';
import { validateScenarioFile } from '../scenarios/load.ts';
import { userErrorMessage } from './errors.ts';
import type { CliIo } from './io.ts';

export type ValidationReport =
  | { ref: string; ok: true; file: string; name: string; hash: string; variants: string[] }
  | { ref: string; ok: false; error: string; problems: ScenarioError['problems'] };

export function validateOne(ref: string): ValidationReport {
  try {
    const loaded = validateScenarioFile(ref);
    return { ref, ok: true, file: loaded.file, name: loaded.name, hash: loaded.hash, variants: loaded.variants };
  } catch (err) {
    const message = userErrorMessage(err);
    if (message === null) throw err; // a bug, not a bad file
    return { ref, ok: false, error: message, problems: err instanceof ScenarioError ? err.problems : [] };
  }
}

/**
 * What `run`, `batch` and the other commands print when the scenario's base loads but some of its
 * variants do not (they are checked only when chosen): the problems, as a warning; null when
 * every variant validates.
 */
export function variantWarning(ref: string): string | null {
  try {
    validateScenarioFile(ref);
    return null;
  } catch (err) {
    const message = userErrorMessage(err);
    if (message === null) throw err;
    return `warning: some variants do not validate (each would be refused if chosen):\n${message.trimEnd()}\n`;
  }
}

export function validateCommand(refs: string[], options: { json?: boolean }, io: CliIo): number {
  const reports = refs.map(validateOne);
  if (options.json) {
    io.stdout(JSON.stringify(reports, null, 2) + '\n');
  } else {
    for (const r of reports) {
      if (r.ok) {
        const variants = r.variants.length ? ` (variants: ${r.variants.join(', ')})` : '';
        io.stdout(`ok ${r.ref}${variants}\n`);
      } else {
        io.stderr(r.error.endsWith('\n') ? r.error : r.error + '\n');
      }
    }
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}
