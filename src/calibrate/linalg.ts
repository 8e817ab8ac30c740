// The little linear algebra the samplers need, on plain row-major arrays (k ≤ a few dozen):
// weighted mean and covariance, Cholesky factors, Gaussian log densities, a symmetric inverse.
import { log } from '../engine/math.ts';

export type Matrix = number[][];

/** Weighted mean and covariance (weights normalised here; the covariance divides by 1 − Σw²). */
export function weightedMoments(points: readonly (readonly number[])[], weights: readonly number[]): { mean: number[]; cov: Matrix } {
  const k = points[0].length;
  let total = 0;
  for (const w of weights) total += w;
  const mean = new Array<number>(k).fill(0);
  points.forEach((p, i) => { for (let a = 0; a < k; a++) mean[a] += (weights[i] / total) * p[a]; });
  const cov: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let sq = 0;
  points.forEach((p, i) => {
    const w = weights[i] / total;
    sq += w * w;
    for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) cov[a][b] += w * (p[a] - mean[a]) * (p[b] - mean[b]);
  });
  const unbias = sq < 1 ? 1 / (1 - sq) : 1;
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) cov[b][a] = cov[a][b] = cov[a][b] * unbias;
  return { mean, cov };
}

/** Lower-triangular L with L·Lᵀ = A; null when A is not (numerically) positive definite. */
export function cholesky(A: Matrix): Matrix | null {
  const k = A.length;
  const L: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let m = 0; m < j; m++) s -= L[i][m] * L[j][m];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  return L;
}

/** L·z: a draw of N(0, L·Lᵀ) from standard normals z. */
export function lowerTimes(L: Matrix, z: readonly number[]): number[] {
  return L.map((row, i) => { let s = 0; for (let j = 0; j <= i; j++) s += row[j] * z[j]; return s; });
}

/** log N(x; μ, L·Lᵀ). */
export function gaussianLogDensity(x: readonly number[], mu: readonly number[], L: Matrix): number {
  const k = x.length;
  const y = new Array<number>(k);
  let q = 0;
  let logDet = 0;
  for (let i = 0; i < k; i++) {
    let s = x[i] - mu[i];
    for (let j = 0; j < i; j++) s -= L[i][j] * y[j];
    y[i] = s / L[i][i];
    q += y[i] * y[i];
    logDet += log(L[i][i]);
  }
  return -0.5 * q - logDet - 0.5 * k * log(2 * Math.PI);
}

/** The inverse of a symmetric positive definite matrix; null when it is singular. */
export function inverseSpd(A: Matrix): Matrix | null {
  const L = cholesky(A);
  if (!L) return null;
  const k = A.length;
  const inv: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    // Solve L y = e_c, then Lᵀ x = y.
    const y = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) {
      let s = i === c ? 1 : 0;
      for (let j = 0; j < i; j++) s -= L[i][j] * y[j];
      y[i] = s / L[i][i];
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = y[i];
      for (let j = i + 1; j < k; j++) s -= L[j][i] * inv[j][c];
      inv[i][c] = s / L[i][i];
    }
  }
  return inv;
}

export function multiply(A: Matrix, B: Matrix): Matrix {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, m) => s + a * B[m][j], 0)));
}

export function transpose(A: Matrix): Matrix {
  return A[0].map((_, j) => A.map((row) => row[j]));
}
