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
