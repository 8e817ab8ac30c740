// The per-run records of a batch/compare/sweep folder: runs/<i>.json (what the run was) and
// runs/<i>.bin (its series as little-endian float64, then one stage byte per row), and the modal
// lifecycle stage over several runs. Pure and browser-safe.
import { STAGES } from '../engine/series.ts';
import { json, type ReportFiles } from './files.ts';
import { addSizes } from './parse-common.ts';

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
 * A stored run: which unit it belongs to, and its record and .bin read on demand — never kept,
 * so that a report holds a few numbers per run whatever the number of runs (100,000 runs of
 * `default` would hold 100 MB of records, 3.8 GB of series).
 */
export interface StoredRun {
  index: number;
  variant: string | null;
  point: number | null;
  /** The record, read anew at each call (only what the report reads). */
  record(): RunJson;
  bin(): Uint8Array | undefined;
  /** Bytes of the .bin from `offset` and its size, when the files can read part of a file; else undefined. */
  range(offset: number, length: number): { bytes: Uint8Array; size: number } | undefined;
}

/** A run of the folder: a few fields, no closures (a report may hold 100,000 of them). */
class FolderRun implements StoredRun {
  constructor(
    readonly index: number,
    readonly variant: string | null,
    readonly point: number | null,
    private readonly folder: { files: ReportFiles; share: (names: string[]) => string[] },
  ) {}

  record(): RunJson {
    const r = json<RunJson>(this.folder.files, `runs/${this.index}.json`);
    const share = this.folder.share;
    // Only what the report reads (a stored record also holds every outcome, per region).
    return {
      index: r.index, variant: r.variant, point: r.point, seed: r.seed, finalStage: r.finalStage, sizes: r.sizes,
      metrics: share(r.metrics), regions: share(r.regions), rows: r.rows, ticksPerYear: r.ticksPerYear,
    };
  }

  bin(): Uint8Array | undefined {
    return this.folder.files.binary(`runs/${this.index}.bin`);
  }

  range(offset: number, length: number): { bytes: Uint8Array; size: number } | undefined {
    return this.folder.files.range?.(`runs/${this.index}.bin`, offset, length);
  }
}

export function storedRuns(files: ReportFiles): StoredRun[] {
  // The runs of a batch share their metric, region and variant names: one copy each, not one per run.
  const shared = new Map<string, string[]>();
  const share = (names: string[]): string[] => {
    const key = names.join('\n');
    const known = shared.get(key);
    if (known) return known;
    shared.set(key, names);
    return names;
  };
  const folder = { files, share };
  const runs: StoredRun[] = [];
  for (const name of files.names()) {
    const m = /^runs\/(\d+)\.json$/.exec(name);
    if (!m) continue;
    const r = json<RunJson>(files, name);
    const variant = r.variant === null ? null : share([r.variant])[0];
    runs.push(new FolderRun(Number(m[1]), variant, r.point, folder));
  }
  return runs.sort((a, b) => a.index - b.index);
}

/** The run's stage column: the end of its .bin (only those bytes where the files allow), or null when the file is not the record's size. */
function stageColumn(run: StoredRun, record: RunJson): Uint8Array | null {
  const at = record.metrics.length * record.rows * 8;
  const part = run.range(at, record.rows);
  if (part) return part.size === at + record.rows && part.bytes.length === record.rows ? part.bytes : null;
  const bin = run.bin();
  if (!bin || bin.length !== at + record.rows) return null;
  return bin.subarray(at, at + record.rows);
}

export function seriesOf(run: StoredRun, record: RunJson = run.record()): Float64Array | null {
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

/**
 * Over the runs: per region (record order, `all` last) the modal stage per tick (ties: the
 * earlier stage), and the firm size histograms summed (`bins` bins). Each run is read once and
 * dropped: the memory is regions × ticks × stages counts, whatever the number of runs.
 */
export function summariseRuns(runs: readonly StoredRun[], regions: readonly string[], nTicks: number, bins: number): { stages: Record<string, string[]>; sizes: number[] } {
  const R1 = regions.length;
  const S = STAGES.length;
  const counts = new Uint32Array(R1 * nTicks * S);
  const sizes = new Array<number>(bins).fill(0);
  let counted = 0;
  for (const run of runs) {
    const record = run.record();
    addSizes(sizes, record.sizes);
    const c = stageColumn(run, record);
    if (c === null) continue;
    counted++;
    for (let t = 0; t < nTicks; t++) {
      for (let r = 0; r < R1; r++) {
        const stage = c[t * R1 + r];
        if (stage < S) counts[(r * nTicks + t) * S + stage]++;
      }
    }
  }
  const stages: Record<string, string[]> = {};
  if (counted === 0) return { stages, sizes };
  regions.forEach((region, r) => {
    const modal: string[] = [];
    for (let t = 0; t < nTicks; t++) {
      const at = (r * nTicks + t) * S;
      let best = 0;
      for (let s = 1; s < S; s++) if (counts[at + s] > counts[at + best]) best = s;
      modal.push(STAGES[best] ?? 'formation');
    }
    stages[region] = modal;
  });
  return { stages, sizes };
}
