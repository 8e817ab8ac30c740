// sensitivity.csv: Morris elementary effects. For each trajectory step j (parameter i moved by
// s_j in unit space) and outcome y, EE = (y(after) − y(before)) / s_j, i.e. the change of y per
// full range of the parameter. Per (parameter, outcome): μ = mean EE (Morris 1991), μ* = mean
// |EE| (Campolongo et al. 2007: importance, immune to effects of opposite sign cancelling), σ =
// sd of EE with n − 1 (nonlinearity or interactions; 0 with fewer than two effects).
import type { MorrisDesign } from './design.ts';
import { mean, sd } from './stats.ts';

export interface MorrisRow {
  parameter: string;
  outcome: string;
  mu: number;
  mu_star: number;
  sigma: number;
  /** Number of elementary effects used (one per trajectory, minus the unusable ones). */
  trajectories: number;
}

/**
 * Morris indices from a Morris design and the outcomes at its points (`outcomesPerPoint[point]
 * [outcome]`, typically averaged over seeds). Rows in the order parameter (design order) →
 * outcome (`outcomeNames` order). An effect is skipped when its step is 0 (an integer
 * parameter whose both ends round to the same value) or when it is not finite (NaN outcomes);
 * `trajectories` counts the effects kept, and with none the statistics are NaN.
 */
export function morrisIndices(design: MorrisDesign, outcomesPerPoint: readonly (readonly number[])[], outcomeNames: readonly string[]): MorrisRow[] {
  const { params, trajectories } = design;
  if (outcomesPerPoint.length !== design.points.length) {
    throw new RangeError(`morrisIndices: ${outcomesPerPoint.length} outcome rows for ${design.points.length} design points`);
  }
  outcomesPerPoint.forEach((row, i) => {
    if (row.length !== outcomeNames.length) {
      throw new RangeError(`morrisIndices: point ${i} has ${row.length} outcomes, expected ${outcomeNames.length}`);
    }
  });
  const K = params.length;
  const O = outcomeNames.length;
  // effects[i][o]: the elementary effects of parameter i on outcome o, in trajectory order.
  const effects: number[][][] = params.map(() => outcomeNames.map(() => []));
  for (const t of trajectories) {
    for (let j = 0; j < t.order.length; j++) {
      const i = t.order[j];
      const step = t.steps[j];
      if (step === 0) continue;
      const before = outcomesPerPoint[t.start + j];
      const after = outcomesPerPoint[t.start + j + 1];
      for (let o = 0; o < O; o++) {
        const ee = (after[o] - before[o]) / step;
        if (Number.isFinite(ee)) effects[i][o].push(ee);
      }
    }
  }
  const rows: MorrisRow[] = [];
  for (let i = 0; i < K; i++) {
    for (let o = 0; o < O; o++) {
      const ee = effects[i][o];
      const n = ee.length;
      rows.push({
        parameter: params[i].path,
        outcome: outcomeNames[o],
        mu: mean(ee),
        mu_star: mean(ee.map(Math.abs)),
        sigma: n === 0 ? NaN : sd(ee),
        trajectories: n,
      });
    }
  }
  return rows;
}
