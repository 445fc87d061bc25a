import type { PairSet } from './eligible-pairs.js';
import { SubproblemScratch, solveFacility } from './facility-subproblem.js';

export interface BoundOptions {
  readonly deadline: number;
  /** Objective of the best known plan (Polyak step target and stopping test). */
  readonly lowerBound: number;
  /** Starting prices per generator, e.g. each generator's marginal value in the best plan. */
  readonly initialLambda?: Float64Array;
  readonly maxIterations?: number;
  /** Stop once (bound − lowerBound) / |lowerBound| is at most this. */
  readonly targetGap?: number;
  readonly shouldStop?: () => boolean;
  readonly onBound?: (bound: number) => void;
}

/**
 * Upper bound from Lagrangian relaxation of the "each generator at most once" rows, by projected
 * subgradient with Polyak steps. For any prices λ ≥ 0, L(λ) = Σ_g λ_g + Σ_f max_{S_f} [w_f·min(D_f, Σ a)
 * − Σ (cost + λ_g)] bounds the optimum from above, because every plan is feasible for each facility's
 * subproblem and pays λ_g ≤ λ_g·1 for its generators. The facility subproblems are solved exactly
 * (integer, not fractional), so the bound is at least as tight as the LP relaxation's.
 */
export function lagrangianBound(ps: PairSet, opts: BoundOptions): number {
  const lambda = opts.initialLambda ? Float64Array.from(opts.initialLambda) : new Float64Array(ps.nGen);
  const used = new Int32Array(ps.nGen);
  const chosen = new Int32Array(Math.max(1, ps.k));
  const sc = new SubproblemScratch();
  const facilities: number[] = [];
  for (let f = 0; f < ps.nFac; f++) if (ps.facStart[f + 1]! > ps.facStart[f]!) facilities.push(f);
  const lb = opts.lowerBound;
  const target = opts.targetGap ?? 1e-7;
  let best = Infinity, theta = 2, sinceBest = 0;
  for (let it = 0; it < (opts.maxIterations ?? 100_000); it++) {
    if (performance.now() > opts.deadline || opts.shouldStop?.()) break;
    used.fill(0);
    let L = 0;
    for (let g = 0; g < ps.nGen; g++) L += lambda[g]!;
    for (const f of facilities) {
      const [v, n] = solveFacility(ps, f, lambda, sc, chosen);
      L += v;
      for (let i = 0; i < n; i++) used[ps.pairGen[chosen[i]!]!]!++;
    }
    if (L < best - 1e-12 * Math.abs(L)) {
      best = L; sinceBest = 0; opts.onBound?.(best);
    } else if (++sinceBest >= 20) { theta /= 2; sinceBest = 0; }
    if (best - lb <= target * Math.max(1, Math.abs(lb)) || theta < 1e-5) break;
    // Projected subgradient: s_g = 1 − uses; a price at 0 with s_g > 0 cannot go lower.
    let norm = 0;
    for (let g = 0; g < ps.nGen; g++) {
      const sg = 1 - used[g]!;
      if (!(lambda[g] === 0 && sg > 0)) norm += sg * sg;
    }
    if (norm === 0) break; // the relaxed solution is feasible: L is the optimum
    const step = (theta * Math.max(L - lb, 1e-9 * Math.max(1, Math.abs(L)))) / norm;
    for (let g = 0; g < ps.nGen; g++) lambda[g] = Math.max(0, lambda[g]! - step * (1 - used[g]!));
  }
  return best;
}
