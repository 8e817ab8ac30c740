// Deterministic elementary functions. JavaScript engines may round Math.exp, Math.log, Math.pow,
// Math.tanh… differently in the last bit (measured: Node 20's V8 and Chromium 156 disagree on ~10 %
// of exp and pow inputs), which would make a run in the browser drift from the same run in Node.
// These are ports of fdlibm's exp and log (error < 1 ulp) built only from + − × ÷, comparisons and
// bit access, which IEEE 754 makes identical everywhere; pow, tanh and the rest derive from them.
// The engine uses only these (a test greps src/engine for Math.exp & co.); sqrt is exact in IEEE
// 754 and stays Math.sqrt.

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
// Word order of a double in memory: little-endian on every platform JS runs on, but check.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function highWord(x: number): number {
  scratch[0] = x;
  return words[HI];
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const TWO_M1000 = 9.33263618503218878990e-302;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

// Thresholds of fdlibm's tests on the high word of |x|, as doubles: hx > H ⇔ |x| ≥ (H + 1, 0) and
// hx < H ⇔ |x| < (H, 0), so comparing doubles takes the same branches without reading bits.
const EXP_HALF_LN2 = 0.3465735912322998; // high word 0x3fd62e43: |x| > ln2/2 reduces
const EXP_TINY = 3.725290298461914e-9; // 2^-28
// 2^k for k = -1074..1023 (exact: halving and doubling a power of two is exact down to 2^-1074).
const POW2_BIAS = 1074;
const POW2 = new Float64Array(1074 + 1024);
POW2[POW2_BIAS] = 1;
for (let k = 1; k <= 1023; k++) POW2[POW2_BIAS + k] = POW2[POW2_BIAS + k - 1] * 2;
for (let k = -1; k >= -1074; k--) POW2[POW2_BIAS + k] = POW2[POW2_BIAS + k + 1] / 2;

/**
 * e^x (fdlibm e_exp.c). The result y·2^k is formed by multiplying with an exact power of two where
 * fdlibm adds k to the exponent bits: the same double, without a round trip through memory.
 * fdlibm's separate branches for k = 0 and k = ±1 give the same numbers as the general reduction
 * (k·LN2_HI and k·LN2_LO are exact, and for k = 0 hi = x, lo = 0), so there is one path: the body
 * stays small enough for V8 to inline it where it is called per firm.
 */
export function exp(x: number): number {
  // NaN, ±∞, overflow and underflow (they occur only for |x| ≥ 709.78, where fdlibm tests them).
  if (!(x <= O_THRESHOLD && x >= U_THRESHOLD)) return x !== x ? x : x > 0 ? Infinity : 0;
  const a = x < 0 ? -x : x;
  if (a < EXP_TINY) return 1 + x; // |x| < 2^-28
  // x = k·ln2 + r with |r| ≤ ln2/2 (k = 0 when |x| is already that small)
  const k = a < EXP_HALF_LN2 ? 0 : Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
  const hi = x - k * LN2_HI; // exact: k·LN2_HI has few significant bits
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // y ∈ [0.7, 1.42]: y·2^k is exact while it stays normal.
  return k >= -1021 && k <= 1023 ? y * POW2[POW2_BIAS + k] : scaleOutside(y, k);
}

/** y·2^k for k = 1024 (2^1024 is not a double) and k < −1021 (subnormal: fdlibm's two steps). */
function scaleOutside(y: number, k: number): number {
  return k > 1023 ? y * 2 * POW2[POW2_BIAS + 1023] : y * POW2[POW2_BIAS + k + 1000] * TWO_M1000;
}

const TWO54 = 1.8014398509481984e16;

/**
 * Natural logarithm (fdlibm e_log.c). x is read once through memory for its high word; the
 * normalisation of x to [√2/2, √2) multiplies by an exact power of two where fdlibm sets the
 * exponent bits (the same double). fdlibm's separate formulas for k = 0 give the same numbers as
 * the general ones (k·LN2_HI = k·LN2_LO = 0 and 0 − y = −y), so there is one of each, and the rare
 * arguments are handled out of line: the body stays small enough for V8 to inline.
 */
export function log(x: number): number {
  scratch[0] = x;
  let hx = words[HI];
  let k = 0;
  if (hx < 0x00100000 || hx >= 0x7ff00000) {
    if (!(x > 0 && x < Infinity)) return +logNotFinitePositive(x);
    k = -54; // subnormal: scale up
    x *= TWO54;
    scratch[0] = x;
    hx = words[HI];
  }
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const j = e + (((hx + 0x95f64) & 0x100000) >> 20); // exponent of x, or of x/2 when x/2 is nearer 1
  x *= POW2[POW2_BIAS - j]; // now in [√2/2, √2)
  const dk = k + j;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) return +logNearOne(f, dk); // |f| < 2^-20
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  // fdlibm's Lg2, Lg4, Lg6 and Lg1, Lg3, Lg5, Lg7, written out: module constants cost the
  // function bytecode (a checked load each), and this body must stay small enough to inline.
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1));
  const t2 = z * (6.666666666666735130e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** log of ±0 (−∞), negatives and NaN (NaN), +∞ (+∞). */
function logNotFinitePositive(x: number): number {
  if (x === 0) return -Infinity;
  return x === Infinity ? x : NaN;
}

/** log(2^k·(1 + f)) for |f| < 2^-20 (fdlibm's short series). */
function logNearOne(f: number, k: number): number {
  if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
  const r = f * f * (0.5 - 0.33333333333333333 * f);
  return k === 0 ? f - r : k * LN2_HI - (r - k * LN2_LO - f);
}

/**
 * x^y: integer exponents up to 64 by repeated squaring (only correctly rounded products), √ for
 * y = 0.5, otherwise exp(y·log x) for x > 0 — within a few ulp, and the same in every JS engine.
 */
export function pow(x: number, y: number): number {
  // The common elasticities first, in a body small enough to inline where it is called per firm.
  if (y === 1) return x;
  if (y === 0.5 && x >= 0) return Math.sqrt(x);
  return +powOther(x, y);
}

function powOther(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isInteger(y) && Math.abs(y) <= 64) {
    let base = x;
    let n = Math.abs(y);
    let result = 1;
    while (n > 0) {
      if (n & 1) result *= base;
      base *= base;
      n >>= 1;
    }
    return y > 0 ? result : 1 / result;
  }
  if (x > 0) return exp(y * log(x));
  if (x === 0) return y > 0 ? 0 : Infinity;
  return NaN; // negative base, non-integer exponent
}

/** Hyperbolic tangent: a short series near 0 (no cancellation), (1 − e^{−2|x|})/(1 + e^{−2|x|}) beyond. */
export function tanh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a > 22) return x > 0 ? 1 : -1;
  if (a < 1e-3) {
    const x2 = x * x;
    return x * (1 - x2 * (1 / 3 - x2 * (2 / 15)));
  }
  const t = exp(-2 * a);
  const r = (1 - t) / (1 + t);
  return x > 0 ? r : -r;
}

/** ⌊log2 x⌋ for finite x > 0, read exactly from the exponent bits (−Infinity for 0). */
export function floorLog2(x: number): number {
  if (!(x > 0)) return -Infinity;
  const e = (highWord(x) >>> 20) & 0x7ff;
  if (e === 0) return floorLog2(x * TWO54) - 54; // subnormal
  return e - 1023;
}

/**
 * The per-tick probability of an event with annual probability p (clipped to [0, 1]):
 * 1 − (1 − p)^(1/T), and exactly p when a tick is a year (1 − (1 − p) can differ from p in the
 * last bit).
 */
export function tickProbability(annual: number, ticksPerYear: number): number {
  const p = Math.min(1, annual);
  return ticksPerYear === 1 ? p : 1 - pow(1 - p, 1 / ticksPerYear);
}

/**
 * The per-tick probability of at least one event of a Poisson process with `rate` events per
 * year: 1 − exp(−rate/T). Unlike tickProbability, rates above 1 a year keep their meaning.
 */
export function rateProbability(rate: number, ticksPerYear: number): number {
  return rate > 0 ? 1 - exp(-rate / ticksPerYear) : 0;
}

// A draw u decides an event by u < q. Most draws are far from q, and q is bracketed by cheap
// bounds, so pow and exp are needed only for draws near q. The computed q is within ~1e-15 of the
// true one (absolute: every q here is ≤ 1), so outside the bounds ± DECISION_MARGIN the decision
// is the one the exact q gives; inside, q is computed exactly as before. Same decisions, bit for bit.
const DECISION_MARGIN = 1e-12;

/**
 * u < tickProbability(annual, T), decided without pow when u is clearly below p/T or above
 * p/(T(1 − p)): for p ∈ [0, ½) and T ≥ 1, p/T ≤ 1 − (1 − p)^(1/T) ≤ −ln(1 − p)/T ≤ p/(T(1 − p)).
 */
export function belowTickProbability(u: number, annual: number, ticksPerYear: number): boolean {
  if (ticksPerYear >= 1 && annual < 0.5) {
    const lower = annual / ticksPerYear;
    if (u < lower - DECISION_MARGIN) return true;
    if (u >= lower / (1 - annual) + DECISION_MARGIN) return false;
  }
  return u < tickProbability(annual, ticksPerYear);
}

/** u < rateProbability(rate, T), decided without exp when u is clearly outside x − x²/2 ≤ 1 − e^−x ≤ x, x = rate/T. */
export function belowRateProbability(u: number, rate: number, ticksPerYear: number): boolean {
  if (rate > 0) {
    const x = rate / ticksPerYear;
    if (u >= x + DECISION_MARGIN) return false;
    if (u < x - 0.5 * x * x - DECISION_MARGIN) return true;
  }
  return u < rateProbability(rate, ticksPerYear);
}
