import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  belowRateProbability, belowTickProbability, exp, floorLog2, log, pow, rateProbability, tanh, tickProbability,
} from '../../src/engine/math.ts';
import { Stream } from '../../src/engine/rng.ts';

/** Distance in units of the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  const d = i[0] - i[1];
  return Number(d < 0n ? -d : d);
}

describe('deterministic elementary functions', () => {
  const rng = new Stream('math', 'test');
  const xs = Array.from({ length: 20000 }, (_, k) => (k % 2 ? 1 : -1) * rng.uniform() * [1e-9, 0.3, 1, 5, 50, 700][k % 6]);

  it('exp is within 1 ulp of V8 (fdlibm: < 1 ulp of the true value) and exact at its special values', () => {
    let worst = 0;
    for (const x of xs) worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    expect(worst).toBeLessThanOrEqual(1);
    expect([exp(0), exp(-Infinity), exp(Infinity), exp(710), exp(-746)]).toEqual([1, 0, Infinity, Infinity, 0]);
    expect(exp(NaN)).toBeNaN();
    expect(ulps(exp(1), Math.E)).toBeLessThanOrEqual(1);
  });

  it('log is within 1 ulp of V8 over tiny, ordinary and huge arguments, exact at 1, 0 and negatives', () => {
    let worst = 0;
    for (const x of xs) {
      const a = Math.abs(x) * 1e3 + 1e-300;
      worst = Math.max(worst, ulps(log(a), Math.log(a)), ulps(log(1 / a), Math.log(1 / a)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(log(5e-324)).toBeCloseTo(Math.log(5e-324), 10); // subnormal
    expect([log(1), log(0), log(Infinity)]).toEqual([0, -Infinity, Infinity]);
    expect(log(-1)).toBeNaN();
  });

  it('pow and tanh agree with V8 to near machine precision; exact shortcuts', () => {
    for (const x of xs) {
      const a = Math.abs(x) + 1e-3;
      const y = x / 37;
      expect(Math.abs(pow(a, y) / Math.pow(a, y) - 1)).toBeLessThan(1e-13);
      expect(Math.abs(tanh(x) - Math.tanh(x))).toBeLessThan(2e-16 * Math.max(1, Math.abs(Math.tanh(x)) * 4));
    }
    expect([pow(3.7, 1), pow(3.7, 0), pow(3, 2), pow(2.25, 0.5), pow(0, 2), pow(-2, 3)]).toEqual([3.7, 1, 9, 1.5, 0, -8]);
    expect(Math.abs(tanh(1e-5) - 1e-5)).toBeLessThan(1e-15);
    expect([tanh(30), tanh(-30), tanh(0)]).toEqual([1, -1, 0]);
  });

  it('floorLog2 reads the exponent exactly, including at powers of two', () => {
    for (let k = -1074; k <= 1023; k += 7) expect(floorLog2(2 ** k)).toBe(k);
    expect([floorLog2(1), floorLog2(1.999), floorLog2(3), floorLog2(1000)]).toEqual([0, 0, 1, 9]);
  });

  it('tickProbability: an annual probability spread over T ticks compounds back to it; exact for T = 1', () => {
    for (const p of [0, 0.01, 0.3, 0.999]) {
      expect(tickProbability(p, 1)).toBe(p);
      const q = tickProbability(p, 4);
      expect(1 - (1 - q) ** 4).toBeCloseTo(p, 14);
    }
    expect(tickProbability(2.5, 4)).toBe(1); // clipped to a certainty
  });

  it('rateProbability: at least one event of a Poisson process; rates above 1 a year keep their meaning', () => {
    expect(rateProbability(0, 4)).toBe(0);
    expect(rateProbability(-1, 4)).toBe(0);
    expect(rateProbability(4, 4)).toBeCloseTo(1 - Math.exp(-1), 15);
    expect(rateProbability(2, 4)).toBeLessThan(rateProbability(8, 4));
    // T ticks without an event have probability exp(−rate): the year's count is Poisson(rate).
    expect((1 - rateProbability(3, 12)) ** 12).toBeCloseTo(Math.exp(-3), 14);
  });

  it('belowTickProbability and belowRateProbability decide exactly as u < the computed probability', () => {
    // Draws far from q, at q, one ulp either side of q and of the bounds, for tiny to certain p.
    const draw = new Stream('math', 'decisions');
    const ulpStep = (x: number, d: number) => {
      const f = new Float64Array([x]);
      const i = new BigInt64Array(f.buffer);
      i[0] += BigInt(d);
      return f[0];
    };
    let checked = 0;
    let mismatches = 0;
    for (let k = 0; k < 4000; k++) {
      const p = [1e-12, 1e-6, 0.01, 0.2, 0.49, 0.5, 0.9, 1, 3][k % 9] * draw.uniform();
      const T = [1, 2, 4, 12, 52, 0.5][k % 6];
      const qt = tickProbability(p, T);
      const qr = rateProbability(p * 10, T);
      const us = [draw.uniform(), qt, qr, p / T, (p / T) / (1 - p), p * 10 / T, (p * 10 / T) * (1 - p * 5 / T)];
      for (const u0 of us) {
        for (const d of [-2, -1, 0, 1, 2]) {
          const u = u0 > 0 ? ulpStep(u0, d) : u0;
          checked++;
          if (belowTickProbability(u, p, T) !== u < qt) mismatches++;
          if (belowRateProbability(u, p * 10, T) !== u < qr) mismatches++;
        }
      }
    }
    expect(checked).toBe(140000);
    expect(mismatches).toBe(0);
    // Special arguments fall through to the exact computation.
    expect(belowTickProbability(0.3, NaN, 4)).toBe(0.3 < tickProbability(NaN, 4));
    expect([belowTickProbability(0, 0, 4), belowRateProbability(0, 0, 4), belowTickProbability(0.99, 5, 4)]).toEqual([false, false, true]);
  });

  it('the engine calls none of the Math functions whose rounding differs between JS engines', () => {
    const banned = /Math\.(exp|expm1|log|log1p|log2|log10|pow|tanh|sinh|cosh|sin|cos|tan|atan|atan2|asin|acos|hypot|cbrt)\b|[\w)\]]\s*\*\*/;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('math.ts')) {
          readFileSync(path, 'utf8').split('\n').forEach((line, k) => {
            const code = line.replace(/\/\/.*$/, '').replace(/^\s*(\/\*\*?|\*).*$/, '');
            if (banned.test(code)) offenders.push(`${path}:${k + 1}: ${line.trim()}`);
          });
        }
      }
    };
    for (const dir of ['src/engine', 'src/analysis', 'src/workers']) walk(dir);
    expect(offenders).toEqual([]);
  });
});

// The bits of the engine's exp, log, tanh and pow as they were before they were made faster
// (fdlibm's arithmetic, 2026-12-07): a change of implementation must keep every one of them, or
// every output of every run changes. The arguments cover each branch and the special values.
const BITS = {
  exp: [
    [-745.2, "0000000000000000"],
    [-745.1, "0000000000000001"],
    [-709.8, "0003ee733bec11c5"],
    [-100.5, "36e01a0e5643644f"],
    [-22.3, "3dec66cfa0d23f36"],
    [-1.0397, "3fd6a0bd33b5d62a"],
    [-0.5, "3fe368b2fc6f960a"],
    [-0.3466, "3fe6a0773cd678a4"],
    [-1e-05, "3fefffeb07515653"],
    [-3e-09, "3feffffffe63aee2"],
    [0, "3ff0000000000000"],
    [3e-09, "3ff0000000ce288f"],
    [1e-05, "3ff0000a7c5e340e"],
    [0.1, "3ff1aec7b35a00d4"],
    [0.3466, "3ff6a0c5906bc779"],
    [0.34657359, "3ff6a09e66640654"],
    [0.5, "3ffa61298e1e069c"],
    [1, "4005bf0a8b14576a"],
    [1.0397205, "4006a09dffaded1e"],
    [1.04, "4006a23c87af69e8"],
    [2.5, "40285d6fd931e0bb"],
    [10, "40d5829dcf950560"],
    [22.5, "41f604b68cf05f66"],
    [100.25, "48f8c39b9134bac4"],
    [700, "7f0d945df4f8ec8e"],
    [709.78, "7fefe9ce5c4c52b4"],
  ] as [number, string][],
  log: [
    [5e-324, "c0874385446d71c3"],
    [1e-310, "c0864e69394d9508"],
    [2.2250738585072014e-308, "c086232bdd7abcd2"],
    [1e-100, "c06cc845b54b54f2"],
    [1e-09, "c034b927f32bffb8"],
    [0.001, "c01ba18a998fffa0"],
    [0.2, "bff9c041f7ed8d33"],
    [0.7071, "bfd62e6b3842a25e"],
    [0.70711, "bfd62e2fe73833b5"],
    [0.999999, "beb0c6f82d74d230"],
    [0.9999999999999998, "bcb0000000000001"],
    [1, "0000000000000000"],
    [1.0000000000000002, "3cafffffffffffff"],
    [1.000001, "3eb0c6f713f33a1d"],
    [1.41421, "3fd62e386e3de810"],
    [1.4143, "3fd62f4358c03e8a"],
    [2, "3fe62e42fefa39ef"],
    [3, "3ff193ea7aad030a"],
    [10, "40026bb1bbb55516"],
    [1000000000, "4034b927f32bffb8"],
    [1e+300, "4085963447f87fb5"],
    [1.7976931348623157e+308, "40862e42fefa39ef"],
  ] as [number, string][],
  tanh: [
    [-22.3, "bff0000000000000"],
    [-1.0397, "bfe8e37d0361bb01"],
    [-0.5, "bfdd9353d7568af3"],
    [-0.3466, "bfd555b7cb87b1cb"],
    [-1e-05, "bee4f8b588e06854"],
    [-3e-09, "be29c511dc3a41df"],
    [0, "0000000000000000"],
    [3e-09, "3e29c511dc3a41df"],
    [1e-05, "3ee4f8b588e06854"],
    [0.1, "3fb983d7795f413c"],
    [0.3466, "3fd555b7cb87b1cb"],
    [0.34657359, "3fd555555510ed0b"],
    [0.5, "3fdd9353d7568af3"],
    [1, "3fe85efab514f394"],
    [1.0397205, "3fe8e38dff71cae2"],
    [1.04, "3fe8e47583bcb9ca"],
    [2.5, "3fef9258260a71c3"],
    [10, "3feffffffdc96f35"],
    [22.5, "3ff0000000000000"],
  ] as [number, string][],
  pow: [
    [1e-100, 0.5, "358dee7a4ad4b81f"],
    [1e-09, 1, "3e112e0be826d695"],
    [0.001, 2, "3eb0c6f7a0b5ed8d"],
    [0.2, 0.25, "3fe56652116c816c"],
    [0.7071, 1.7, "3fe1c0b8f360f5da"],
    [0.70711, -0.3, "3ff1c0ca547351cc"],
    [0.999999, 3, "3feffff9b5638d48"],
    [0.9999999999999998, 64, "3fefffffffffff80"],
    [1, 0.5, "3ff0000000000000"],
    [1.0000000000000002, 1, "3ff0000000000001"],
    [1.000001, 2, "3ff0000218df05ae"],
    [1.41421, 0.25, "3ff172b78424c576"],
    [1.4143, 1.7, "3ffcd7cf99e2522d"],
    [2, -0.3, "3fe9fdf8bcce533e"],
    [3, 3, "403b000000000000"],
    [10, 64, "4d384f03e93ff9f6"],
    [1000000000, 0.5, "40dee1b1b3d78c7a"],
  ] as [number, number, string][],
};

describe('the same bits as before the speedups', () => {
  const bits = (x: number) => {
    const f = new Float64Array([x]);
    return new BigUint64Array(f.buffer)[0].toString(16).padStart(16, '0');
  };
  it('exp, log, tanh and pow', () => {
    for (const [x, b] of BITS.exp) expect(bits(exp(x)), `exp(${x})`).toBe(b);
    for (const [x, b] of BITS.log) expect(bits(log(x)), `log(${x})`).toBe(b);
    for (const [x, b] of BITS.tanh) expect(bits(tanh(x)), `tanh(${x})`).toBe(b);
    for (const [x, y, b] of BITS.pow) expect(bits(pow(x, y)), `pow(${x}, ${y})`).toBe(b);
  });
});
