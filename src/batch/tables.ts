// The Parquet tables of a finished batch (parquet.ts is the writer): series.parquet from every
// stored run's series, and with `--keep` the agent-level tables from the CSV text each run stored
// (store.ts). Runs are read one at a time in job-index order.
import { join } from 'node:path';
import { inOrder } from './in-order.ts';
import { drawOf } from './draw.ts';
import type { BatchManifest } from './plan.ts';
import { encodeColumns, groupColumn, ParquetTable, ROW_GROUP_ROWS, stageNames, variedCell, variedType, type Cell, type ColumnSpec, type EncodedColumns } from './parquet.ts';
import { readKept, readRun, readRunSeries, type RunRecord } from './store.ts';
import type { KeepTable } from './keep.ts';

export const SERIES_PARQUET = 'series.parquet';

/** The unit columns of every table: variant (or point) and draw, then seed. */
function unitColumns(manifest: BatchManifest): ColumnSpec[] {
  const sweep = manifest.command === 'sweep';
  return [
    sweep ? { name: 'point', type: 'INT32' } : { name: 'variant', type: 'STRING' },
    ...(manifest.posterior ? [{ name: 'draw', type: 'INT32' } as ColumnSpec] : []),
    { name: 'seed', type: 'INT64' },
  ];
}

function unitCells(manifest: BatchManifest, index: number, seed: number): Cell[] {
  const unit = Math.floor(index / manifest.seeds.count);
  if (manifest.command === 'sweep') return [unit, seed];
  const variant = manifest.variants[unit % Math.max(1, manifest.variants.length)]?.name ?? '';
  return manifest.posterior ? [variant, drawOf(manifest, index), seed] : [variant, seed];
}

/** The parameter columns: batch and compare, what the units vary; sweep, the swept parameters. */
function paramColumns(manifest: BatchManifest): { specs: ColumnSpec[]; values: (unit: number) => Cell[] } {
  if (manifest.sweep) {
    const sweep = manifest.sweep;
    return { specs: sweep.params.map((p) => ({ name: p.path, type: 'DOUBLE' })), values: (u) => sweep.points[u] };
  }
  const varied = manifest.varied ?? { paths: [], values: [] };
  const types = varied.paths.map((_, k) => variedType(varied.values.map((v) => v[k])));
  return {
    specs: varied.paths.map((path, k) => ({ name: path, type: types[k], nullable: true })),
    values: (u) => (varied.values[u] ?? []).map((v, k) => variedCell(v, types[k])),
  };
}

/** The columns of series.parquet. */
export function seriesColumns(manifest: BatchManifest): ColumnSpec[] {
  return [
    ...unitColumns(manifest),
    { name: 'tick', type: 'INT32' },
    { name: 'year', type: 'DOUBLE' },
    { name: 'region', type: 'STRING' },
    { name: 'stage', type: 'STRING' },
    ...manifest.metrics.map((name): ColumnSpec => ({ name, type: 'DOUBLE' })),
    ...paramColumns(manifest).specs,
  ];
}

/** Where a run's column values go: column k (in seriesColumns order) gets `values`. */
type ColumnSink = (k: number, values: ArrayLike<Cell>) => void;

/** Hands a stored run's rows to `sink`, for the columns [from, to) only (the others are not built). */
function seriesRun(sink: ColumnSink, dir: string, manifest: BatchManifest, index: number, r: RunRecord, from: number, to: number): void {
  const params = paramColumns(manifest);
  const M = manifest.metrics.length;
  const data = readRunSeries(dir, index, r);
  const R = r.regions.length;
  const rows = r.rows;
  const constant = [...unitCells(manifest, index, r.seed)];
  const unitParams = params.values(Math.floor(index / manifest.seeds.count));
  let k = 0;
  const put = (make: () => ArrayLike<Cell>) => {
    if (k >= from && k < to) sink(k, make());
    k++;
  };
  for (const v of constant) put(() => new Array<Cell>(rows).fill(v));
  put(() => Array.from({ length: rows }, (_, row) => Math.floor(row / R)));
  put(() => Array.from({ length: rows }, (_, row) => Math.floor(row / R) / r.ticksPerYear));
  put(() => Array.from({ length: rows }, (_, row) => r.regions[row % R]));
  put(() => stageNames(data.stage));
  // Metrics in the manifest's order, whatever order the run stored them in.
  for (let m = 0; m < M; m++) {
    const at = r.metrics.indexOf(manifest.metrics[m]);
    put(() => (at < 0 ? new Array<number>(rows).fill(NaN) : data.series.subarray(at * rows, (at + 1) * rows) as unknown as ArrayLike<number>));
  }
  for (const v of unitParams) put(() => new Array<Cell>(rows).fill(v));
}

/** The completed runs split into series.parquet's row groups (whole runs, ROW_GROUP_ROWS rows or just over). */
export function seriesGroups(completed: readonly number[], recordOf: (i: number) => RunRecord, groupRows = ROW_GROUP_ROWS): { indices: number[]; rows: number }[] {
  const groups: { indices: number[]; rows: number }[] = [];
  let group = { indices: [] as number[], rows: 0 };
  for (const index of completed) {
    group.indices.push(index);
    group.rows += recordOf(index).rows;
    if (group.rows >= groupRows) {
      groups.push(group);
      group = { indices: [], rows: 0 };
    }
  }
  if (group.indices.length) groups.push(group);
  return groups;
}

/** One piece of series.parquet to encode: columns [from, to) of the row group of runs `indices`. */
export interface SeriesSlice {
  dir: string;
  manifest: BatchManifest;
  indices: number[];
  from: number;
  to: number;
}

/** Encodes a slice of a row group from the stored runs (on whatever thread can read the store). */
export function encodeSeriesSlice(slice: SeriesSlice): EncodedColumns {
  const { dir, manifest, indices, from, to } = slice;
  const columns = seriesColumns(manifest);
  const chunks: ArrayLike<Cell>[][] = columns.slice(from, to).map(() => []);
  let rows = 0;
  for (const index of indices) {
    const r = readRun(dir, index);
    rows += r.rows;
    seriesRun((k, values) => chunks[k - from].push(values), dir, manifest, index, r, from, to);
  }
  const data = chunks.map((c, k) => groupColumn(columns[from + k], c, rows));
  return encodeColumns(columns, from, to, data, rows);
}

/** Encodes slices, maybe elsewhere (a worker thread); results in any order, each when ready. */
export type SeriesEncoder = (slice: SeriesSlice) => Promise<EncodedColumns>;

/**
 * Writes series.parquet on this thread, or with `encoders` (one per worker) the row groups'
 * column slices encoded on those workers — `encoders.length` slices per group, so that even a
 * batch of one or two groups keeps every worker busy — while this thread only appends bytes, in
 * order. Same bytes either way. At most 2 slices per encoder are encoded ahead of the writer.
 */
export async function writeSeriesParquet(
  dir: string, manifest: BatchManifest, completed: number[], recordOf: (i: number) => RunRecord, encoders: readonly SeriesEncoder[] = [],
  groupRows = ROW_GROUP_ROWS,
): Promise<string> {
  const columns = seriesColumns(manifest);
  const table = new ParquetTable(join(dir, SERIES_PARQUET), columns);
  const groups = seriesGroups(completed, recordOf, groupRows);
  const parts = Math.max(1, Math.min(encoders.length, columns.length));
  const slices: SeriesSlice[] = [];
  for (const { indices } of groups) {
    for (let p = 0; p < parts; p++) {
      slices.push({ dir, manifest, indices, from: Math.floor((p * columns.length) / parts), to: Math.floor(((p + 1) * columns.length) / parts) });
    }
  }
  let group: EncodedColumns[] = [];
  await inOrder(slices, encoders, encodeSeriesSlice, parts * 2, (k, encoded) => {
    group.push(encoded);
    if (group.length === parts) {
      table.appendEncoded(group, groups[Math.floor(k / parts)].rows);
      group = [];
    }
  });
  return table.close();
}

/** Column types of the kept tables, in the single-run CSVs' column order. */
const KEPT_COLUMNS: Record<KeepTable, ColumnSpec[]> = {
  firms: [
    { name: 'id', type: 'INT32' }, { name: 'parent', type: 'INT32', nullable: true }, { name: 'kind', type: 'STRING' },
    { name: 'role', type: 'STRING' }, { name: 'region', type: 'STRING' }, { name: 'segment', type: 'INT32' },
    { name: 'birth', type: 'INT32' }, { name: 'death', type: 'INT32', nullable: true },
    { name: 'employees', type: 'DOUBLE' }, { name: 'capability', type: 'DOUBLE' },
  ],
  events: [
    { name: 'tick', type: 'INT32' }, { name: 'event', type: 'STRING' }, { name: 'firm', type: 'INT32', nullable: true },
    { name: 'parent', type: 'INT32', nullable: true }, { name: 'region', type: 'STRING' }, { name: 'segment', type: 'INT32', nullable: true },
    { name: 'capability', type: 'DOUBLE', nullable: true }, { name: 'employees', type: 'DOUBLE', nullable: true },
    { name: 'lever', type: 'STRING', nullable: true },
  ],
  ties: [
    { name: 'tick', type: 'INT32' }, { name: 'kind', type: 'STRING' }, { name: 'a', type: 'INT32' }, { name: 'b', type: 'STRING' },
    { name: 'region_a', type: 'STRING' }, { name: 'region_b', type: 'STRING' }, { name: 'trust', type: 'DOUBLE', nullable: true },
    { name: 'age_years', type: 'DOUBLE' },
  ],
};

export function keptColumns(table: KeepTable): ColumnSpec[] {
  return KEPT_COLUMNS[table];
}

/** A number as the CSV writers spell it (format.ts), including the non-finite spellings. */
function parseNumber(text: string): number {
  switch (text) {
    case 'NaN': case 'nan': case 'NA': return NaN;
    case 'Inf': case 'inf': case 'Infinity': return Infinity;
    case '-Inf': case '-inf': case '-Infinity': return -Infinity;
    default: return Number(text);
  }
}

/** The fields of a CSV line (RFC 4180 quoting; the writers never put line breaks in fields). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        text += line.slice(i, q);
        if (line[q + 1] === '"') { text += '"'; i = q + 2; } else { i = q + 1; break; }
      }
      out.push(text);
    } else {
      const c = line.indexOf(',', i);
      out.push(line.slice(i, c < 0 ? line.length : c));
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) return out;
    i++; // the comma
    if (i === line.length) { out.push(''); return out; }
  }
}

function cellOf(text: string, spec: ColumnSpec): Cell {
  if (text === '' && spec.nullable) return null;
  if (spec.type === 'STRING') return text;
  // An empty field in a required number column can only be a non-finite value spelled empty.
  return text === '' ? NaN : parseNumber(text);
}

/** Writes <table>.parquet from the CSV text every completed run kept. */
export function writeKeptParquet(dir: string, manifest: BatchManifest, table: KeepTable, completed: number[], recordOf: (i: number) => RunRecord): string {
  const units = unitColumns(manifest);
  const own = KEPT_COLUMNS[table];
  const out = new ParquetTable(join(dir, `${table}.parquet`), [...units, ...own]);
  for (const index of completed) {
    const r = recordOf(index);
    const unit = unitCells(manifest, index, r.seed);
    const lines = readKept(dir, index, table).split('\n');
    // The first line is the header; the text ends with a newline.
    for (let l = 1; l < lines.length; l++) {
      if (lines[l] === '') continue;
      const fields = csvFields(lines[l]);
      out.row([...unit, ...own.map((spec, k) => cellOf(fields[k] ?? '', spec))]);
    }
    out.endRun();
  }
  return out.close();
}
