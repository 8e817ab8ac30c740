// How numbers are shown in the report's tables (the compare table is checked against compare.csv
// with this same function by the browser tests):
//   null, NaN, ±Infinity → "n/a"; integers below 1e9 exactly ("21", "-3"); anything else
//   String(Number(x.toPrecision(4))): 4 significant digits in JavaScript's shortest form ("1959",
//   "0.3333", "-79.35", "12350000000") — the numbers of the terminal table of `clusterlab compare`.
export function formatValue(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x + 0);
  return String(Number(x.toPrecision(4)) + 0);
}

/** A signed difference: "+21.67", "-79.35", "0". */
export function formatSigned(x: number | null | undefined): string {
  const text = formatValue(x);
  return x !== null && x !== undefined && Number.isFinite(x) && x > 0 ? `+${text}` : text;
}

/** Axis ticks: compact (12k, 1.5M) for large values, otherwise up to 3 significant digits. */
export function formatTick(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '';
  const a = Math.abs(x);
  if (a >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((x / 1e3).toPrecision(3))}k`;
  if (a === 0) return '0';
  return String(Number(x.toPrecision(3)));
}
