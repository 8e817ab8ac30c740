// Parquet tables of a batch, written at finalize from the stored runs (store.ts) in job-index order:
//   series.parquet  one row per (run, tick, region): the unit (variant, or point for sweeps; draw
//                   with a posterior), seed, tick, year, region, stage, one float64 column per
//                   metric, then the unit's varied parameters (batch, compare: manifest.varied;
//                   sweep: the swept parameters of the point)
//   firms.parquet, events.parquet, ties.parquet  with `--keep`: the single-run CSV tables
//                   (src/io/firms.ts, events.ts, ties.ts) of every run, after the unit and seed
// Written with hyparquet-writer (pure JavaScript, no native code), snappy-compressed, row group by
// row group: whole runs are buffered until a group holds at least ROW_GROUP_ROWS rows, so memory
// does not grow with the number of runs. The file is a function of the stored runs only, so a
// resumed, merged or differently-parallelised batch gives the same bytes.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { STAGES } from '../engine/series.ts';
import { packageVersion } from '../cli/version.ts';

/** A Parquet schema element, as the writer takes it (hyparquet's type, not imported directly). */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/** Rows a row group reaches before it is written (whole runs: a group may hold a little more). */
export const ROW_GROUP_ROWS = 65_536;

export type ColumnType = 'DOUBLE' | 'INT32' | 'INT64' | 'STRING' | 'BOOLEAN';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** May hold nulls (written as OPTIONAL); required columns are stored without definition levels. */
  nullable?: boolean;
}

export type Cell = number | string | boolean | null;

function schemaElement(c: ColumnSpec): SchemaElement {
  const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (c.type) {
    case 'STRING':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    default:
      return { name: c.name, type: c.type, repetition_type };
  }
}

/** A column's buffered chunks as one array of the type the writer encodes (typed for required numbers). */
function joined(c: ColumnSpec, chunks: ArrayLike<Cell>[], rows: number): ArrayLike<unknown> {
  if (c.nullable || c.type === 'STRING' || c.type === 'BOOLEAN') {
    const out: Cell[] = new Array(rows);
    let at = 0;
    for (const chunk of chunks) for (let i = 0; i < chunk.length; i++) out[at++] = chunk[i];
    return c.nullable && c.type === 'INT64' ? out.map((v) => (v === null ? null : BigInt(v as number))) : out;
  }
  const out = c.type === 'DOUBLE' ? new Float64Array(rows) : c.type === 'INT32' ? new Int32Array(rows) : new Float64Array(rows);
  let at = 0;
  for (const chunk of chunks) {
    if (ArrayBuffer.isView(chunk) && out instanceof Float64Array && chunk instanceof Float64Array) out.set(chunk, at);
    else for (let i = 0; i < chunk.length; i++) out[at + i] = chunk[i] as number;
    at += chunk.length;
  }
  return c.type === 'INT64' ? BigInt64Array.from(out, (v) => BigInt(v)) : out;
}

/**
 * A Parquet file written through a temporary name, row group by row group. Rows are appended
 * column-wise with `push`; `endRun` marks a point where a row group may end.
 */
export class ParquetTable {
  private readonly tmp: string;
  private readonly fd: number;
  private readonly writer: ParquetWriter;
  private readonly bytes: ByteWriter;
  /** Per column, the chunks appended since the last row group (copies: numbers unboxed where typed). */
  private chunks: ArrayLike<Cell>[][];
  /** Rows appended one at a time (`row`), per column, not yet moved into chunks. */
  private pending: Cell[][];
  private rows = 0;

  constructor(readonly file: string, readonly columns: readonly ColumnSpec[], private readonly groupRows = ROW_GROUP_ROWS) {
    this.tmp = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w');
    this.bytes = new ByteWriter();
    // Bytes go to the file after each row group, so the buffer holds one group at most.
    const fd = this.fd;
    const bytes = this.bytes;
    (bytes as unknown as { flush: () => void }).flush = () => {
      writeSync(fd, new Uint8Array(bytes.buffer, 0, bytes.index));
      bytes.index = 0;
    };
    (bytes as unknown as { finish: () => void }).finish = () => {
      writeSync(fd, new Uint8Array(bytes.buffer, 0, bytes.index));
      bytes.index = 0;
    };
    const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)];
    // created_by names the engine's version only, so the bytes do not depend on the machine.
    this.writer = new ParquetWriter({ writer: bytes, schema, codec: 'SNAPPY', createdBy: `clusterlab ${packageVersion()}` });
    this.chunks = columns.map(() => []);
    this.pending = columns.map(() => []);
  }

  /** Appends one row (values in column order). */
  row(values: readonly Cell[]): void {
    for (let k = 0; k < values.length; k++) this.pending[k].push(values[k]);
    this.rows++;
  }

  /** Appends a column's values for the rows of the current run (call for every column, same length). */
  column(k: number, values: ArrayLike<Cell>): void {
    const c = this.columns[k];
    const numeric = !c.nullable && (c.type === 'DOUBLE' || c.type === 'INT32' || c.type === 'INT64');
    // A copy: the caller may reuse or drop its array; numbers are kept unboxed.
    this.chunks[k].push(numeric ? Float64Array.from(values as ArrayLike<number>) : Array.from(values));
    if (k === 0) this.rows += values.length;
  }

  /** The end of a run: writes a row group once enough rows are buffered. */
  endRun(): void {
    this.movePending();
    if (this.rows >= this.groupRows) this.flushGroup();
  }

  private movePending(): void {
    if (this.pending[0]?.length) {
      this.pending.forEach((p, k) => this.chunks[k].push(p));
      this.pending = this.columns.map(() => []);
    }
  }

  private flushGroup(): void {
    this.movePending();
    if (this.rows === 0) return;
    const columnData = this.columns.map((c, k) => ({ name: c.name, data: joined(c, this.chunks[k], this.rows) as never }));
    this.chunks = this.columns.map(() => []);
    this.writer.write({ columnData, rowGroupSize: this.rows });
    this.rows = 0;
  }

  close(): string {
    this.flushGroup();
    this.writer.finish();
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
    return this.file;
  }
}

/** The stage names of a run's stage column (indices into STAGES). */
export function stageNames(stage: Uint8Array): string[] {
  return Array.from(stage, (s) => STAGES[s]);
}

/** The Parquet type of a varied parameter's column: numbers as DOUBLE, flags as BOOLEAN, else text. */
export function variedType(values: readonly Cell[]): ColumnType {
  const present = values.filter((v) => v !== null);
  if (present.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'STRING';
}

/** A varied value in a column of `type` (text columns take numbers and flags as text). */
export function variedCell(v: Cell, type: ColumnType): Cell {
  if (v === null || type !== 'STRING') return v;
  return String(v);
}
