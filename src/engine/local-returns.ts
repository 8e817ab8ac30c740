// The local field of related activity that Marshall's increasing returns read (MODEL.md §9,
// docs/ODD.md §7.19): per region r and segment s, the firms and employment within ring distance ρ
// of s in r, and the diversity of those related firms over the segments of the window.
// O(firms + R·S·(2ρ + 1)); filled by the agglomeration process, read by market, learning,
// spinoffs and entry in the same tick.
import type { World } from './world.ts';
import { log } from './math.ts';

export interface LocalField {
  /** E_rs: employment of the firms of r within ring distance ρ of s (the firm itself included). */
  employment: Float64Array;
  /** n_rs: number of those firms. */
  firms: Float64Array;
  /** H_rs: entropy of those firms over the segments of the window, / ln(window size); 0..1. */
  diversity: Float64Array;
}

export function createLocalField(regions: number, segments: number): LocalField {
  const n = regions * segments;
  return { employment: new Float64Array(n), firms: new Float64Array(n), diversity: new Float64Array(n) };
}

/** The segments within ring distance ρ of any segment: min(2ρ + 1, S). */
export function windowSize(segments: number, rho: number): number {
  return Math.min(2 * rho + 1, segments);
}

/** Fills the field from the firms of the world (ρ: the related ring distance). */
export function measureLocalField(world: World, rho: number): void {
  const field = world.local;
  const { firms } = world;
  const S = world.segments.count;
  const R = world.regions.count;
  const cnt = new Float64Array(R * S);
  const emp = new Float64Array(R * S);
  const { region, segment, employees } = firms;
  const n = firms.count;
  for (let i = 0; i < n; i++) {
    const k = region[i] * S + segment[i];
    cnt[k] += 1;
    emp[k] += employees[i];
  }
  const m = windowSize(S, rho);
  const lnM = m > 1 ? log(m) : 1;
  // The window of s: s − ρ … s + ρ, each segment once (m ≤ S of them).
  const first = -Math.floor((m - 1) / 2);
  for (let r = 0; r < R; r++) {
    const base = r * S;
    for (let s = 0; s < S; s++) {
      let n = 0;
      let e = 0;
      for (let d = 0; d < m; d++) {
        const q = base + ((((s + first + d) % S) + S) % S);
        n += cnt[q];
        e += emp[q];
      }
      let h = 0;
      if (m > 1 && n > 0) {
        for (let d = 0; d < m; d++) {
          const c = cnt[base + ((((s + first + d) % S) + S) % S)];
          if (c > 0) h -= (c / n) * log(c / n);
        }
      }
      field.firms[base + s] = n;
      field.employment[base + s] = e;
      field.diversity[base + s] = h / lnM;
    }
  }
}

export const LOCAL_DEFS = [
  {
    name: 'local_returns', unit: '0..1', additive: false,
    description: 'Employment-weighted mean of φ, the firms’ Marshallian advantage from related local firms (0 with local returns off or no employment).',
  },
] as const;
