// Where the live map puts things (pure, no DOM): regions from their coordinates, or — when the
// scenario gives distances instead, or all regions sit at one point — a stable layout computed from
// the distances (classical multidimensional scaling, deterministic), or a circle; each firm at a
// fixed place in its region's disc, in its segment's wedge, from a hash of its id, so a firm keeps
// its place from tick to tick and the same run gives the same picture.

export interface Point {
  x: number;
  y: number;
}

/**
 * Region centres in km-like units: (x, y) when `useCoordinates` and they differ, else from the
 * distance matrix (R×R, row-major) by classical MDS, else on a circle.
 */
export function regionPositions(x: ArrayLike<number>, y: ArrayLike<number>, distance: ArrayLike<number>, R: number, useCoordinates: boolean): Point[] {
  const spread = (ps: Point[]) => ps.some((p) => p.x !== ps[0].x || p.y !== ps[0].y);
  if (useCoordinates) {
    const ps = Array.from({ length: R }, (_, r) => ({ x: x[r], y: y[r] }));
    if (R === 1 || spread(ps)) return ps;
  }
  const mds = mdsPositions(distance, R);
  if (R > 1 && spread(mds)) return mds;
  return Array.from({ length: R }, (_, r) => ({ x: Math.cos((2 * Math.PI * r) / R), y: Math.sin((2 * Math.PI * r) / R) }));
}

/**
 * Classical MDS in 2-D: the top two eigenvectors of B = −½·J·D²·J (J centres), by power iteration
 * from fixed starting vectors (no randomness), scaled by √eigenvalue. Exact for planar distances
 * up to rotation and reflection.
 */
export function mdsPositions(distance: ArrayLike<number>, R: number): Point[] {
  const B = new Float64Array(R * R);
  const rowMean = new Float64Array(R);
  let all = 0;
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      const d2 = distance[a * R + b] ** 2;
      rowMean[a] += d2 / R;
      all += d2 / (R * R);
    }
  }
  for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) B[a * R + b] = -0.5 * (distance[a * R + b] ** 2 - rowMean[a] - rowMean[b] + all);
  const units: Float64Array[] = []; // the eigenvectors found so far, of norm 1
  const axes: Float64Array[] = []; // the same scaled by √eigenvalue: the coordinates
  for (let k = 0; k < 2; k++) {
    // A fixed, irregular start (a regular one can fall into B's null space after deflation).
    let v = Float64Array.from({ length: R }, (_, i) => Math.sin(1 + 1.7 * (i + 1) * (k + 1)));
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      for (const u of units) {
        const dot = u.reduce((sum, ui, i) => sum + ui * v[i], 0);
        v = v.map((vi, i) => vi - dot * u[i]);
      }
      const w = new Float64Array(R);
      for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) w[a] += B[a * R + b] * v[b];
      const norm = Math.hypot(...w);
      if (!(norm > 1e-12)) {
        lambda = 0;
        break;
      }
      lambda = norm;
      v = w.map((wi) => wi / norm);
    }
    units.push(v);
    axes.push(v.map((vi) => vi * Math.sqrt(lambda)));
  }
  return Array.from({ length: R }, (_, r) => ({ x: axes[0][r], y: axes[1][r] }));
}

/** Maps points into a width × height box with a margin, one scale for both axes (y up), centred. */
export function fitToBox(points: readonly Point[], width: number, height: number, margin: number): Point[] {
  if (points.length === 0) return [];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = width - 2 * margin;
  const h = height - 2 * margin;
  const scale = Math.min(x1 > x0 ? w / (x1 - x0) : Infinity, y1 > y0 ? h / (y1 - y0) : Infinity);
  const s = Number.isFinite(scale) ? scale : 0;
  return points.map((p) => ({
    x: width / 2 + (p.x - (x0 + x1) / 2) * s,
    y: height / 2 - (p.y - (y0 + y1) / 2) * s,
  }));
}

/** A firm's place in its region's disc of radius 1: its segment's wedge, spread by a hash of its id. */
export function firmOffset(id: number, segment: number, segments: number): Point {
  const u = hash01(id, 0x9e3779b9);
  const v = hash01(id, 0x85ebca6b);
  const angle = (2 * Math.PI * (segment + 0.1 + 0.8 * u)) / Math.max(1, segments);
  const radius = Math.sqrt(0.04 + 0.96 * v); // uniform over the disc, off the centre (organisations sit there)
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/** A hash of an integer to [0, 1) (murmur3's finaliser). */
export function hash01(n: number, salt: number): number {
  let h = Math.imul(n ^ salt, 0xcc9e2d51);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x100000000;
}

/** The radius of each region's disc: ∝ √firms, at most half the gap to the nearest other region. */
export function regionRadii(centres: readonly Point[], firms: readonly number[], maxRadius: number): number[] {
  const most = Math.max(1, ...firms);
  return centres.map((c, r) => {
    let gap = maxRadius * 2;
    centres.forEach((o, k) => { if (k !== r) gap = Math.min(gap, Math.hypot(o.x - c.x, o.y - c.y)); });
    return Math.max(6, Math.min(gap / 2, maxRadius) * Math.sqrt(Math.max(firms[r], 1) / most));
  });
}
