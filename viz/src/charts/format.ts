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

/** Significant digits at most in a tick label (a tick that needs more is rounded to this). */
const TICK_DIGITS = 6;

/**
 * The labels of one axis's ticks. Each tick in the fewest significant digits that give its value
 * exactly (to 1e-9 of the tick spacing, which absorbs floating-point noise such as
 * 0.30000000000000004): a 0.25 step reads 0, 0.25, 0.5, 0.75 and a log axis 1024, 4096. When the
 * largest tick (10,000 or more) is shorter in k or M, every tick from 1,000 on is written so
 * (0, 2.5k, 5k … 12.5k; 1, 10, 100, 1k … 1M); otherwise none is (16384, 65536 stay whole).
 */
export function formatTicks(splits: readonly (number | null)[]): string[] {
  let spacing = Infinity;
  let previous: number | null = null;
  let top = 0;
  for (const v of splits) {
    if (v === null || !Number.isFinite(v)) continue;
    if (previous !== null && v !== previous) spacing = Math.min(spacing, Math.abs(v - previous));
    previous = v;
    top = Math.max(top, Math.abs(v));
  }
  // One tick alone: exact to its own size.
  const tolerance = 1e-9 * (Number.isFinite(spacing) ? spacing : top || 1);
  const shorter = (v: number) => compactForm(v, tolerance).length <= exactly(v, 1, '', tolerance).length;
  const compact = top >= 1e4 && shorter(splits.find((v) => v !== null && Math.abs(v) === top)!);
  return splits.map((v) => {
    if (v === null || !Number.isFinite(v)) return '';
    return compact && Math.abs(v) >= 1e3 ? compactForm(v, tolerance) : exactly(v, 1, '', tolerance);
  });
}

/** v in thousands (k) or, from a million, millions (M). */
function compactForm(v: number, tolerance: number): string {
  return Math.abs(v) >= 1e6 ? exactly(v, 1e6, 'M', tolerance) : exactly(v, 1e3, 'k', tolerance);
}

/** v / unit in the fewest significant digits within `tolerance` of v (at most TICK_DIGITS), then the suffix. */
function exactly(v: number, unit: number, suffix: string, tolerance: number): string {
  if (Math.abs(v) <= tolerance) return '0';
  const x = v / unit;
  for (let p = 1; p < TICK_DIGITS; p++) {
    const rounded = Number(x.toPrecision(p));
    if (Math.abs(rounded * unit - v) <= tolerance) return `${rounded + 0}${suffix}`;
  }
  return `${Number(x.toPrecision(TICK_DIGITS)) + 0}${suffix}`;
}
