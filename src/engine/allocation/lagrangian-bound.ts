import { LagrangianDual } from './dual-prices.js';
import type { PairSet } from './eligible-pairs.js';

/** Least step scale of a price, as a share of the mean price. */
const PRICE_FLOOR = 0.05;
/** Iterations between exact evaluations while steps follow estimates. */
const EXACT_EVERY = 25;
/**
 * Exact evaluations faster than this (ms) are used for every step: their subgradients steer better,
 * and with the per-coverage pruning of the facility search they cost ~50 ms at national scale.
 */
const EXACT_BELOW_MS = 200;

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
  /** Given the clock once per iteration, e.g. for progress reports. */
  readonly onClock?: (now: number) => void;
  /** Receives the prices of the best bound found (to guide a plan from them). */
  readonly bestLambda?: Float64Array;
}

/**
 * Upper bound from Lagrangian relaxation of the "each generator at most once" rows, by projected
 * subgradient with Polyak steps. For any prices λ ≥ 0, L(λ) = Σ_g λ_g + Σ_f max_{S_f} [w_f·min(D_f, Σ a)
 * − Σ (cost + λ_g)] bounds the optimum from above, because every plan is feasible for each facility's
 * subproblem and pays λ_g ≤ λ_g·1 for its generators. The facility subproblems are solved exactly
 * (integer, not fractional), so the bound is at least as tight as the LP relaxation's.
 *
 * Speed is what tightens it at scale: evaluations run only over the pairs that can be profitable
 * (exact, see LagrangianDual), and most steps follow a cheaper estimate (greedy sets on crowded
 * facilities). An estimate is at most L(λ), so it only steers the prices: the value returned is
 * always an exact L(λ), the least of those computed every few steps and at the lowest estimate.
 */
export function lagrangianBound(ps: PairSet, opts: BoundOptions): number {
  const dual = new LagrangianDual(ps, opts.initialLambda);
  const scale = new Float64Array(ps.nGen);
  const { lambda, useCount } = dual;
  const lowLambda = Float64Array.from(lambda);
  const lb = opts.lowerBound;
  const target = opts.targetGap ?? 1e-7;
  // When exact evaluations are slow, steps follow estimates of L (exact on small facilities, greedy
  // on crowded ones: at most L); `best` is the least exact L(λ) seen, checked every few iterations
  // and at the lowest estimate.
  let best = Infinity, lowEstimate = Infinity, theta = 2, sinceLow = 0;
  let checkMs = 0;
  const check = (): number => {
    const t = performance.now();
    const L = dual.evaluate();
    checkMs = performance.now() - t;
    if (L < best) { best = L; opts.bestLambda?.set(lambda); opts.onBound?.(best); }
    return L;
  };
  for (let it = 0; it < (opts.maxIterations ?? 1_000_000); it++) {
    // Leave time for the exact evaluation after the loop.
    const now = performance.now();
    opts.onClock?.(now);
    if (now + 1.5 * checkMs > opts.deadline || opts.shouldStop?.()) break;
    const L = it % EXACT_EVERY === 0 || checkMs < EXACT_BELOW_MS ? check() : dual.estimate();
    if (L < lowEstimate - 1e-12 * Math.abs(L)) {
      lowEstimate = L; sinceLow = 0; lowLambda.set(lambda);
    } else if (++sinceLow >= 20) { theta /= 2; sinceLow = 0; }
    if (best - lb <= target * Math.max(1, Math.abs(lb)) || theta < 1e-5) break;
    // Projected subgradient s_g = 1 − uses (a price at 0 with s_g > 0 cannot go lower), scaled per price:
    // prices span orders of magnitude (a 2 MW unit near a regional hospital against a 100 kW one near a
    // clinic), and a common absolute step whips the small ones while the large ones crawl. Steps in
    // proportion to each price (floored at a share of the mean, so a zero price can rise) converge
    // several times faster on the national instance.
    let mean = 0;
    for (let g = 0; g < ps.nGen; g++) mean += lambda[g]!;
    const floor = Math.max(1e-9, (PRICE_FLOOR * mean) / Math.max(1, ps.nGen));
    for (let g = 0; g < ps.nGen; g++) scale[g] = Math.max(lambda[g]!, floor) ** 2;
    let norm = 0;
    for (let g = 0; g < ps.nGen; g++) {
      const sg = 1 - useCount[g]!;
      if (!(lambda[g] === 0 && sg > 0)) norm += scale[g]! * sg * sg;
    }
    if (norm === 0) { check(); break; } // no move left (L is the optimum if the sets were exact)
    const step = (theta * Math.max(L - lb, 1e-9 * Math.max(1, Math.abs(L)))) / norm;
    for (let g = 0; g < ps.nGen; g++) lambda[g] = Math.max(0, lambda[g]! - step * scale[g]! * (1 - useCount[g]!));
  }
  if (lowEstimate < Infinity) { lambda.set(lowLambda); check(); }
  return best;
}
