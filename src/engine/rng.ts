// Seeded random streams: one per process and run, derived from (seed, stream name), so that a
// change in how many numbers one process draws never shifts the draws of another (common
// random numbers for paired comparisons). No Math.random anywhere in the engine.
import seedrandom from 'seedrandom';
import { exp, log } from './math.ts';

/** A named stream with the draws the processes need. */
export class Stream {
  /**
   * The generator's state: xor4096's 128 words X, then its index i (at 128) and Weyl counter w
   * (at 129). Kept in an Int32Array because numbers outside the small-integer range would be
   * boxed on every store; the draws are the same as seedrandom's generator, word for word.
   */
  private readonly state = new Int32Array(130);
  private spare = NaN;
  /** normals(): s of each accepted pair, reused. */
  private radii = new Float64Array(0);

  constructor(readonly seed: string, readonly name: string) {
    // xor4096 (Brent's xorgens): long period; seedrandom seeds it from the string, then this
    // class steps the same state without seedrandom's per-draw closure and array of numbers.
    const seeded = seedrandom.xor4096(`${seed}/${name}`, { state: true }).state() as { i: number; w: number; X: number[] };
    this.state.set(seeded.X);
    this.state[128] = seeded.i;
    this.state[129] = seeded.w;
  }

  /** The next 32-bit word of xor4096 (seedrandom's `int32()`). */
  private next32(): number {
    const x = this.state;
    const w = (x[129] = (x[129] + 0x61c88647) | 0);
    let i = x[128];
    let v = x[(i + 34) & 127];
    i = (i + 1) & 127;
    let t = x[i];
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v ^= t;
    x[i] = v;
    x[128] = i;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  /** Uniform on [0, 1), with 32-bit resolution (seedrandom's `prng()`). */
  private next(): number {
    return (this.next32() >>> 0) / 0x100000000;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform on [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in {lo, …, hi} (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal, Marsaglia's polar method (the second value is kept for the next call). */
  normal(): number {
    if (this.spare === this.spare) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /**
   * n standard normals into out[0..n-1]: the same numbers as n calls of normal(), in two passes
   * so that V8 inlines each (the draws, then the logs): no call and no number box per draw.
   */
  normals(out: Float64Array, n: number): void {
    let i = 0;
    if (n > 0 && this.spare === this.spare) {
      out[i++] = this.spare;
      this.spare = NaN;
    }
    const pairs = (n - i + 1) >> 1;
    if (this.radii.length < pairs) this.radii = new Float64Array(Math.max(pairs, 2 * this.radii.length));
    const radii = this.radii;
    // Pass 1: the accepted (u, v) of each pair into out, its s = u² + v² into radii (normal()'s
    // rejection loop written out: both must draw alike, test/engine/rng.test.ts pins it).
    const first = i;
    for (let k = 0; k < pairs; k++) {
      let u: number, v: number, s: number;
      do {
        u = 2 * this.next() - 1;
        v = 2 * this.next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      out[first + 2 * k] = u;
      if (first + 2 * k + 1 < n) out[first + 2 * k + 1] = v;
      else this.spare = v; // scaled below
      radii[k] = s;
    }
    // Pass 2: both values of a pair times √(−2 ln s / s).
    for (let k = 0; k < pairs; k++) {
      const s = radii[k];
      const f = Math.sqrt((-2 * log(s)) / s);
      const j = first + 2 * k;
      out[j] *= f;
      if (j + 1 < n) out[j + 1] *= f;
      else this.spare *= f;
    }
  }

  /** Standard Gumbel, for logit choice by the max of utilities plus noise. */
  gumbel(): number {
    return -log(-log(1 - this.next()));
  }

  /** Poisson(lambda): Knuth's product method below 30, Hörmann's PTRS above. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const limit = exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return poissonPtrs(lambda, this);
  }

  /** Index drawn with probability proportional to weights[0..n-1] (weights ≥ 0, sum > 0). */
  categorical(weights: ArrayLike<number>, n = weights.length, total = sumOf(weights, n)): number {
    let x = this.next() * total;
    for (let i = 0; i < n; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    // Rounding can leave x ≥ 0 after the last weight: return the last positive one.
    for (let i = n - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return n - 1;
  }
}

function sumOf(w: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i];
  return s;
}

/** log Γ(x) for x ≥ 0.5 (Lanczos, g = 7), accurate to ~1e-15 relative; Poisson needs x = k + 1 ≥ 1. */
export function logGamma(x: number): number {
  if (!(x >= 0.5)) throw new RangeError(`logGamma is defined here for x ≥ 0.5, got ${x}`);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * log(2 * Math.PI) + (x + 0.5) * log(t) - t + log(a);
}

function poissonPtrs(lambda: number, rng: Stream): number {
  const slam = Math.sqrt(lambda);
  const loglam = log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) {
      return k;
    }
  }
}

/** The names of the streams: one per process that draws, plus initialisation. */
export const STREAM_NAMES = [
  'init', 'policy', 'agglomeration', 'market', 'learning', 'innovation', 'growth', 'spinoffs', 'entry', 'exit',
  'networking', 'supply', 'migration', 'relocation', 'observe', 'upgrading',
] as const;
export type StreamName = (typeof STREAM_NAMES)[number];
export type Streams = Record<StreamName, Stream>;

export function createStreams(seed: number | string): Streams {
  const s = String(seed);
  const out = {} as Streams;
  for (const name of STREAM_NAMES) out[name] = new Stream(s, name);
  return out;
}
