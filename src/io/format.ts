// Text formatting shared by the writers. Every number that reaches a file goes through
// `formatNumber`, so that outputs are the same bytes on every machine: 6 significant digits hide
// the last-bit differences that transcendental functions (Math.exp, Math.log) may show between
// platforms, and JavaScript's number-to-string conversion is itself exactly specified.

/**
 * A number as text: integers exactly, other values rounded to 6 significant digits and printed
 * in the shortest form that reads back to that rounded value (`0.1`, not `0.100000`).
 * NaN and infinities are spelled as R and pandas read them.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  // Below 1e21, String() of an integer has no exponent; `+ 0` turns -0 into 0.
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x + 0);
  return String(roundNumber(x));
}

/** The value `formatNumber` prints, as a number (for JSON outputs). NaN/±Infinity become null. */
export function roundNumber(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (Number.isInteger(x)) return x + 0;
  return Number(x.toPrecision(6)) + 0;
}

/** A CSV field (RFC 4180): quoted only when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document from a header and rows of already formatted fields; ends with a newline. */
export function csvText(header: readonly string[], rows: readonly string[]): string {
  return [header.map(csvField).join(','), ...rows].join('\n') + '\n';
}
