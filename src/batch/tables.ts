// The Parquet tables of a finished batch (parquet.ts is the writer): series.parquet from every
// stored run's series, and with `--keep` the agent-level tables from the CSV text each run stored
// (store.ts). Runs are read one at a time in job-index order.
import { join } from 'node:path';
import { drawOf } from './posterior.ts';
import type { BatchManifest } from './plan.ts';
import { ParquetTable, stageNames, variedCell, variedType, type Cell, type ColumnSpec } from './parquet.ts';
import { readKept, readRunSeries, type RunRecord } from './store.ts';
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

export function writeSeriesParquet(dir: string, manifest: BatchManifest, completed: number[], recordOf: (i: number) => RunRecord): string {
  const units = unitColumns(manifest);
  const params = paramColumns(manifest);
  const columns: ColumnSpec[] = [
    ...units,
    { name: 'tick', type: 'INT32' },
    { name: 'year', type: 'DOUBLE' },
    { name: 'region', type: 'STRING' },
    { name: 'stage', type: 'STRING' },
    ...manifest.metrics.map((name): ColumnSpec => ({ name, type: 'DOUBLE' })),
    ...params.specs,
  ];
  const table = new ParquetTable(join(dir, SERIES_PARQUET), columns);
  const M = manifest.metrics.length;
  for (const index of completed) {
    const r = recordOf(index);
    const data = readRunSeries(dir, index, r);
    const R = r.regions.length;
    const rows = r.rows;
    const constant = [...unitCells(manifest, index, r.seed)];
    const unitParams = params.values(Math.floor(index / manifest.seeds.count));
    let k = 0;
    for (const v of constant) table.column(k++, new Array<Cell>(rows).fill(v));
    const tick = new Array<number>(rows);
    const year = new Array<number>(rows);
    const region = new Array<string>(rows);
    for (let row = 0; row < rows; row++) {
      const t = Math.floor(row / R);
      tick[row] = t;
      year[row] = t / r.ticksPerYear;
      region[row] = r.regions[row % R];
    }
    table.column(k++, tick);
    table.column(k++, year);
    table.column(k++, region);
    table.column(k++, stageNames(data.stage));
    // Metrics in the manifest's order, whatever order the run stored them in.
    for (let m = 0; m < M; m++) {
      const at = r.metrics.indexOf(manifest.metrics[m]);
      table.column(k++, at < 0 ? new Array<number>(rows).fill(NaN) : data.series.subarray(at * rows, (at + 1) * rows) as unknown as ArrayLike<number>);
    }
    for (const v of unitParams) table.column(k++, new Array<Cell>(rows).fill(v));
    table.endRun();
  }
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
