// The per-run records of a batch/compare/sweep folder: runs/<i>.json (what the run was) and
// runs/<i>.bin (its series as little-endian float64, then one stage byte per row), and the modal
// lifecycle stage over several runs. Pure and browser-safe.
import { STAGES } from '../engine/series.ts';
import { json, type ReportFiles } from './files.ts';

export interface RunJson {
  index: number;
  variant: string | null;
  point: number | null;
  seed: number;
  finalStage: string;
  sizes?: number[];
  metrics: string[];
  regions: string[];
  rows: number;
  ticksPerYear: number;
}

/**
 * A stored run: its record, and its .bin read on demand — never kept, so that a report of
 * 10,000 runs holds their records and stage columns, not their series (1.9 GB for `default`).
 */
export interface StoredRun { record: RunJson; bin(): Uint8Array | undefined }

export function storedRuns(files: ReportFiles): StoredRun[] {
  const runs: StoredRun[] = [];
  // The runs of a batch share their metric and region names: one array each, not one per run.
  const shared = new Map<string, string[]>();
  const share = (names: string[]): string[] => {
    const key = names.join('\n');
    const known = shared.get(key);
    if (known) return known;
    shared.set(key, names);
    return names;
  };
  for (const name of files.names()) {
    const m = /^runs\/(\d+)\.json$/.exec(name);
    if (!m) continue;
    const r = json<RunJson>(files, name);
    // Only what the report reads (a stored record also holds every outcome, per region).
    const record: RunJson = {
      index: r.index, variant: r.variant, point: r.point, seed: r.seed, finalStage: r.finalStage, sizes: r.sizes,
      metrics: share(r.metrics), regions: share(r.regions), rows: r.rows, ticksPerYear: r.ticksPerYear,
    };
    const bin = `runs/${m[1]}.bin`;
    runs.push({ record, bin: () => files.binary(bin) });
  }
  return runs.sort((a, b) => a.record.index - b.record.index);
}

/** A copy of the run's stage column (not a view, which would keep the whole file's bytes). */
function stageColumn(run: StoredRun): Uint8Array | null {
  const { record } = run;
  const bin = run.bin();
  if (!bin) return null;
  const at = record.metrics.length * record.rows * 8;
  if (bin.length !== at + record.rows) return null;
  return bin.slice(at, at + record.rows);
}

export function seriesOf(run: StoredRun): Float64Array | null {
  const { record } = run;
  const bin = run.bin();
  if (!bin) return null;
  const n = record.metrics.length * record.rows;
  if (bin.length !== n * 8 + record.rows) return null;
  // A copy: the bytes may not be 8-aligned; the files are little-endian.
  const view = new DataView(bin.buffer, bin.byteOffset, n * 8);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** Stage name → most frequent per position over the given stage columns (ties: earlier stage). */
function modalStages(columns: readonly Uint8Array[], length: number): string[] {
  const out: string[] = [];
  const counts = new Array<number>(STAGES.length).fill(0);
  for (let i = 0; i < length; i++) {
    counts.fill(0);
    for (const c of columns) counts[c[i]]++;
    let best = 0;
    for (let s = 1; s < counts.length; s++) if (counts[s] > counts[best]) best = s;
    out.push(STAGES[best] ?? 'formation');
  }
  return out;
}

/** Per region (record order, `all` last) the modal stage per tick over the runs. */
export function stagesOf(runs: readonly StoredRun[], regions: readonly string[], nTicks: number): Record<string, string[]> {
  const columns = runs.map(stageColumn).filter((c): c is Uint8Array => c !== null);
  const out: Record<string, string[]> = {};
  if (columns.length === 0) return out;
  const R1 = regions.length;
  regions.forEach((region, r) => {
    const perRegion = columns.map((c) => {
      const col = new Uint8Array(nTicks);
      for (let t = 0; t < nTicks; t++) col[t] = c[t * R1 + r];
      return col;
    });
    out[region] = modalStages(perRegion, nTicks);
  });
  return out;
}
