// The random streams: moments and frequencies of every kind of draw, with tolerances of about
// 4–5 standard errors (fixed seeds, so each check is deterministic yet able to fail).
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createStreams, logGamma, Stream } from '../../src/engine/rng.ts';
import { chiSquareTest, ksCritical01, ksTest, mean, variance } from '../support/stats.ts';

const N = 200_000;
const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('Stream', () => {
  it("steps seedrandom's xor4096 word for word (seeded by seedrandom, stepped by Stream)", () => {
    let compared = 0;
    for (const seed of ['1', '42', 'abc']) {
      for (const name of ['growth', 'exit', 'x'.repeat(300), 'init']) {
        const reference = seedrandom.xor4096(`${seed}/${name}`);
        const stream = new Stream(seed, name);
        for (let k = 0; k < 100_000; k++) {
          if (stream.uniform() !== reference()) throw new Error(`stream ${seed}/${name} differs at draw ${k}`);
          compared++;
        }
      }
    }
    expect(compared).toBe(1_200_000);
  });

  it('is deterministic by (seed, name)', () => {
    const a = new Stream('5', 'growth');
    const b = new Stream('5', 'growth');
    const c = new Stream('5', 'exit');
    const xa = draws(100, () => a.uniform());
    expect(draws(100, () => b.uniform())).toEqual(xa);
    expect(draws(100, () => c.uniform())).not.toEqual(xa);
  });

  it('uniform: on [0, 1), mean ½ and variance 1/12, Uniform by KS', () => {
    const s = new Stream('1', 'u');
    const x = draws(N, () => s.uniform());
    expect(x.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(mean(x) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance(x) - 1 / 12)).toBeLessThan(0.001);
    expect(ksTest(x.slice(0, 20000), (v) => v).d).toBeLessThan(ksCritical01(20000));
  });

  it('range and int: bounds and inclusive integer ends with equal frequencies', () => {
    const s = new Stream('2', 'u');
    const r = draws(10000, () => s.range(-2, 3));
    expect(r.every((v) => v >= -2 && v < 3)).toBe(true);
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 40000; k++) counts[s.int(1, 4) - 1]++;
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(chiSquareTest(counts, [0.25, 0.25, 0.25, 0.25]).p).toBeGreaterThan(0.001);
    expect(s.int(7, 7)).toBe(7);
  });

  it('bernoulli: frequency p', () => {
    const s = new Stream('3', 'u');
    const hits = draws(N, () => (s.bernoulli(0.3) ? 1 : 0));
    expect(Math.abs(mean(hits) - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / N));
    expect(s.bernoulli(0)).toBe(false);
    expect(s.bernoulli(1)).toBe(true);
  });

  it('normal: mean 0, variance 1, symmetric tails', () => {
    const s = new Stream('4', 'n');
    const z = draws(N, () => s.normal());
    expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(variance(z) - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    const beyond2 = z.filter((v) => Math.abs(v) > 1.959964).length / N;
    expect(Math.abs(beyond2 - 0.05)).toBeLessThan(4 * Math.sqrt(0.0475 / N));
    // Both values of each polar pair are used (draws are not all from the same half of pairs).
    const mean4 = mean(z.map((v) => v ** 4));
    expect(Math.abs(mean4 - 3)).toBeLessThan(0.06);
  });

  it('normals(out, n) gives the bits of n calls of normal(), whatever the spare and n', () => {
    const bulk = new Stream('5', 'n');
    const single = new Stream('5', 'n');
    // Odd and even counts, 0 and 1, single draws in between (so bulk calls start with and
    // without a spare), and a count larger than any before (the pair buffer grows).
    const counts = [0, 1, 2, 3, 7, 8, 1, 0, 5, 64, 2, 999, 1000, 13];
    const out = new Float64Array(1000);
    let compared = 0;
    for (const [k, n] of counts.entries()) {
      bulk.normals(out, n);
      for (let i = 0; i < n; i++) expect(Object.is(out[i], single.normal())).toBe(true);
      compared += n;
      if (k % 3 === 1) expect(Object.is(bulk.normal(), single.normal())).toBe(true);
    }
    expect(compared).toBe(counts.reduce((a, b) => a + b, 0));
    // Afterwards both streams are in the same state.
    for (let i = 0; i < 5; i++) expect(Object.is(bulk.normal(), single.normal())).toBe(true);
    expect(bulk.uniform()).toBe(single.uniform());
  });

  for (const lambda of [2, 50]) {
    it(`poisson(${lambda}): mean and variance λ, non-negative integers`, () => {
      const s = new Stream('6', `p${lambda}`);
      const n = 100_000;
      const k = draws(n, () => s.poisson(lambda));
      expect(k.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      expect(Math.abs(mean(k) - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
      // Var of the sample variance ≈ (μ4 − σ⁴)/n with μ4 = λ(1 + 3λ).
      expect(Math.abs(variance(k) - lambda)).toBeLessThan(4 * Math.sqrt((lambda * (1 + 3 * lambda) - lambda * lambda) / n));
    });
  }

  it('poisson(50): frequencies match the Poisson pmf (chi-square over binned counts)', () => {
    const s = new Stream('7', 'p');
    const n = 50_000;
    const lambda = 50;
    const pmf = (k: number) => Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1));
    const edges = [0, 40, 44, 47, 50, 53, 56, 60, Infinity]; // bins [edge_i, edge_{i+1})
    const probs = edges.slice(0, -1).map((lo, b) => {
      let p = 0;
      for (let k = lo; k < Math.min(edges[b + 1], 200); k++) p += pmf(k);
      return p;
    });
    const observed = probs.map(() => 0);
    for (let i = 0; i < n; i++) {
      const k = s.poisson(lambda);
      observed[edges.findIndex((e, b) => k >= e && k < edges[b + 1])]++;
    }
    expect(chiSquareTest(observed, probs).p).toBeGreaterThan(0.001);
  });

  it('poisson of λ ≤ 0 is 0', () => {
    const s = new Stream('8', 'p');
    expect(s.poisson(0)).toBe(0);
    expect(s.poisson(-1)).toBe(0);
  });

  it('categorical: frequencies proportional to the weights; zero weights never drawn', () => {
    const s = new Stream('9', 'c');
    const w = [1, 0, 3, 6];
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 100_000; k++) counts[s.categorical(w)]++;
    expect(counts[1]).toBe(0);
    const nonzero = [counts[0], counts[2], counts[3]];
    expect(chiSquareTest(nonzero, [0.1, 0.3, 0.6]).p).toBeGreaterThan(0.001);
    // A prefix of the weights (n) and a given total.
    for (let k = 0; k < 1000; k++) expect(s.categorical(w, 3, 4)).not.toBe(3);
  });

  it('gumbel: mean γ (Euler–Mascheroni), variance π²/6', () => {
    const s = new Stream('10', 'g');
    const g = draws(N, () => s.gumbel());
    expect(Math.abs(mean(g) - 0.5772156649)).toBeLessThan(4 * Math.sqrt(Math.PI ** 2 / 6 / N));
    expect(Math.abs(variance(g) - Math.PI ** 2 / 6)).toBeLessThan(0.05);
  });

  it('logGamma matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });

  it('createStreams makes one stream per name from the seed', () => {
    const s = createStreams(12);
    expect(s.entry.name).toBe('entry');
    expect(s.entry.seed).toBe('12');
  });
});
