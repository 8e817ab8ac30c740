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
// A row group's column chunks may also be encoded apart, on a worker thread (`encodeColumns`),
// with their file offsets counted from the chunk's first byte; `appendEncoded` moves them to
// where they land in the file, so the file is byte for byte the one written on one thread.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { STAGES } from '../engine/series.ts';
import { packageVersion } from '../cli/version.ts';
import { temporaryName } from '../io/temporary.ts';

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

/** A column's values over several runs, as ParquetTable hands them to the writer. */
export function groupColumn(c: ColumnSpec, chunks: ArrayLike<Cell>[], rows: number): ArrayLike<unknown> {
  return joined(c, chunks.map((chunk) => (!c.nullable && (c.type === 'DOUBLE' || c.type === 'INT32' || c.type === 'INT64') ? Float64Array.from(chunk as ArrayLike<number>) : Array.from(chunk))), rows);
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
    this.tmp = temporaryName(file);
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
    this.writer = newWriter(bytes, columns);
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

  /**
   * Appends a row group of `rows` rows encoded apart: its column chunks in column order, as
   * consecutive slices (`encodeColumns`, each over the same rows). Nothing may be buffered.
   */
  appendEncoded(slices: readonly EncodedColumns[], rows: number): void {
    if (this.rows !== 0 || this.pending[0]?.length) throw new Error('appendEncoded: rows are buffered');
    const writer = this.writer as unknown as WriterState;
    const start = this.bytes.offset;
    const columns: ColumnChunk[] = [];
    for (const slice of slices) {
      relocate(slice, BigInt(this.bytes.offset));
      this.bytes.appendBytes(slice.bytes);
      columns.push(...slice.chunks);
      writer.pendingIndexes.push(...slice.indexes);
    }
    if (columns.length !== this.columns.length) throw new Error(`appendEncoded: ${columns.length} column chunks for ${this.columns.length} columns`);
    let total_byte_size = 0n;
    for (const c of columns) total_byte_size += c.meta_data?.total_uncompressed_size ?? 0n;
    writer.num_rows += BigInt(rows);
    writer.row_groups.push({ columns, total_byte_size, num_rows: BigInt(rows), total_compressed_size: BigInt(this.bytes.offset - start) });
    (this.bytes as unknown as { flush: () => void }).flush();
  }

  close(): string {
    this.flushGroup();
    this.writer.finish();
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
    return this.file;
  }
}

/** A writer of `columns` into `bytes` (writes the leading magic number). */
function newWriter(bytes: ByteWriter, columns: readonly ColumnSpec[]): ParquetWriter {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)];
  // created_by names the engine's version only, so the bytes do not depend on the machine.
  return new ParquetWriter({ writer: bytes, schema, codec: 'SNAPPY', createdBy: `clusterlab ${packageVersion()}` });
}

/** What ParquetWriter keeps between row groups (hyparquet-writer's fields, not in its types). */
interface WriterState {
  row_groups: { columns: ColumnChunk[]; total_byte_size: bigint; num_rows: bigint; total_compressed_size: bigint }[];
  num_rows: bigint;
  pendingIndexes: PageIndexes[];
}

/** A column chunk's metadata as the writer builds it (the fields moved by `relocate`). */
interface ColumnChunk {
  file_offset: bigint;
  meta_data?: { data_page_offset: bigint; dictionary_page_offset?: bigint; total_uncompressed_size: bigint };
}

/** A column chunk's page indexes, written at the end of the file (offsets of its pages). */
interface PageIndexes {
  chunk: ColumnChunk;
  offsetIndex?: { page_locations: { offset: bigint }[] };
}

/** Column chunks of one row group encoded apart: their bytes, offsets counted from bytes[0]. */
export interface EncodedColumns {
  bytes: Uint8Array;
  chunks: ColumnChunk[];
  indexes: PageIndexes[];
}

/**
 * Encodes columns [from, to) of a row group (`data[k]` the values of column from + k, as the
 * table would buffer them: see `groupColumn`) the way ParquetTable writes them.
 */
export function encodeColumns(columns: readonly ColumnSpec[], from: number, to: number, data: readonly ArrayLike<unknown>[], rows: number): EncodedColumns {
  const bytes = new ByteWriter();
  const writer = newWriter(bytes, columns);
  const magic = bytes.offset;
  writer.write({ columnData: columns.slice(from, to).map((c, k) => ({ name: c.name, data: data[k] as never })), rowGroupSize: rows });
  const state = writer as unknown as WriterState;
  const encoded: EncodedColumns = {
    bytes: new Uint8Array(bytes.buffer, magic, bytes.offset - magic).slice(),
    chunks: state.row_groups[0]?.columns ?? [],
    indexes: state.pendingIndexes,
  };
  relocate(encoded, -BigInt(magic));
  return encoded;
}

/** Adds `delta` to every file offset of the encoded chunks (each chunk once, whatever cloning did to identities). */
function relocate(encoded: EncodedColumns, delta: bigint): void {
  encoded.indexes.forEach((index, k) => {
    index.chunk = encoded.chunks[k];
    for (const page of index.offsetIndex?.page_locations ?? []) page.offset += delta;
  });
  for (const chunk of encoded.chunks) {
    chunk.file_offset += delta;
    if (chunk.meta_data) {
      chunk.meta_data.data_page_offset += delta;
      if (chunk.meta_data.dictionary_page_offset !== undefined) chunk.meta_data.dictionary_page_offset += delta;
    }
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
