// `--keep firms,events,ties`: the agent-level tables a batch keeps from every run. The worker
// returns them as the single-run CSV text (src/io/firms.ts, events.ts, ties.ts), the store keeps
// that text per run (runs/<i>.<table>.csv), and finalize assembles <table>.parquet (tables.ts).
import { BatchError } from './errors.ts';

export const KEEP_TABLES = ['firms', 'events', 'ties'] as const;
export type KeepTable = (typeof KEEP_TABLES)[number];

/** Parses the option's value: known table names, each once, in KEEP_TABLES order. */
export function parseKeep(text: string): KeepTable[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(KEEP_TABLES as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) {
    const what = unknown.length ? `unknown table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : 'no table named';
    throw new BatchError(`--keep: ${what} (known: ${KEEP_TABLES.join(', ')})`);
  }
  return KEEP_TABLES.filter((t) => names.includes(t));
}
