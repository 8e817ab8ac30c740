// Text formatting shared by the writers. Every number reaches a file at full precision, in one
// type per column, spelled so that pandas, polars, R and DuckDB read it without options:
//   real-valued columns  `formatNumber`: the shortest decimal that reads back to the same double
//                        (JavaScript's Number-to-String, exactly specified by ECMAScript, so the
//                        same bytes in Node and every browser), always with a `.` or an exponent —
//                        `7.0`, not `7` — so a column is float64 whatever its values happen to be
//                        (polars and DuckDB would otherwise infer int64 for a column of whole
//                        numbers and refuse to stack it with a float64 one); NaN is `NaN`, the
//                        infinities `inf` and `-inf`
//   integer columns      `formatInt` (ticks, seeds, counts of runs, indices): plain digits
// The doubles themselves are the same on every machine: the engine computes exp, log and pow from
// + − × ÷ only (src/engine/math.ts), never with the platform's Math.exp.

/** A real number as text: see the header. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const text = String(x + 0); // + 0: no "-0"
  // Only a whole number below 1e21 prints without a `.` or an exponent (no regex per number: this
  // runs for every cell of every CSV).
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? `${text}.0` : text;
}

/** Plain decimal or exponent notation (`3`, `-0.5`, `.5`, `1e-3`): what users type and files hold. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number written in plain decimal or exponent notation; NaN for anything else (hex, `inf`, ''). */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** An integer as text (plain digits); a non-integer here is a bug in the caller. */
export function formatInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`formatInt: ${n} is not an integer`);
  return String(n + 0);
}

/** A number for JSON outputs: itself (JSON numbers are full precision), null for NaN and ±∞. */
export function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x + 0 : null;
}

/** A CSV field (RFC 4180): quoted only when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document from a header and rows of already formatted fields; ends with a newline. */
export function csvText(header: readonly string[], rows: readonly string[]): string {
  return [header.map(csvField).join(','), ...rows].join('\n') + '\n';
}
