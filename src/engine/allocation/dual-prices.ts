import type { PairSet } from './eligible-pairs.js';
import { SubproblemScratch, greedyFacility, solveFacility, type PairSubset } from './facility-subproblem.js';

/** Active-pair count of a facility above which `estimate` solves it greedily. */
const GREEDY_ABOVE = 12;

/**
 * The Lagrangian dual function of DESIGN §6's model with the "each generator at most once" rows
 * relaxed: L(λ) = Σ_g λ_g + Σ_f φ_f(λ), φ_f(λ) = max over sets S of at most k pairs of facility f of
 * w_f·min(D_f, Σ_S a_p) − Σ_S (cost_p + λ_g), each φ_f solved exactly.
 *
 * Near good prices only a few per cent of the pairs can be profitable, so evaluations run over the
 * active pairs: those whose gross value w_f·a_p − cost_p exceeds a threshold τ_g ≤ λ_g of their
 * generator. A pair left out then has profit w_f·a_p − cost_p − λ_g ≤ τ_g − λ_g ≤ 0, and a pair with
 * no positive profit never improves a facility's set (coverage is capped and every price is ≥ 0), so
 * the value is the same as over all pairs. The thresholds are reset, with some room below the
 * prices, whenever a price falls below its threshold.
 */
export class LagrangianDual {
  readonly lambda: Float64Array;
  /** Facilities whose optimal set uses each generator, at the last evaluation. */
  readonly useCount: Int32Array;
  /** Share of λ_g left below it in τ_g at a rebuild (room for prices to fall before the next one). */
  shrink = 0.2;
  /** Standalone value w_f·a_p − cost_p of each pair: an upper bound on its profit at any prices ≥ 0. */
  private readonly gross: Float64Array;
  private readonly facilities: Int32Array;
  private readonly tau: Float64Array;
  private readonly active: { start: Int32Array; ids: Int32Array; valid: boolean };
  private readonly sc = new SubproblemScratch();
  private readonly chosen: Int32Array;

  constructor(readonly ps: PairSet, lambda?: Float64Array) {
    const nPairs = ps.pairGen.length;
    this.lambda = lambda ? Float64Array.from(lambda) : new Float64Array(ps.nGen);
    this.useCount = new Int32Array(ps.nGen);
    this.chosen = new Int32Array(Math.max(1, ps.k));
    this.gross = new Float64Array(nPairs);
    for (let p = 0; p < nPairs; p++) this.gross[p] = ps.weight[ps.pairFac[p]!]! * ps.pairA[p]! - ps.pairCost[p]!;
    const fs: number[] = [];
    for (let f = 0; f < ps.nFac; f++) if (ps.facStart[f + 1]! > ps.facStart[f]!) fs.push(f);
    this.facilities = Int32Array.from(fs);
    this.tau = new Float64Array(ps.nGen);
    this.active = { start: new Int32Array(ps.nFac + 1), ids: new Int32Array(nPairs), valid: false };
  }

  /**
   * L(λ) at the current prices (which must be ≥ 0), with `useCount` set from each facility's
   * optimal set. `allPairs` skips the active-pair shortcut (for the value a bound is reported from).
   */
  evaluate(allPairs = false): number {
    return this.run(allPairs ? 'all pairs' : 'exact');
  }

  /**
   * Like `evaluate`, but facilities with more than `GREEDY_ABOVE` active pairs take a greedy set:
   * the value is then at most L(λ), so it only steers the prices and never serves as a bound.
   */
  estimate(): number {
    return this.run('estimate');
  }

  /** Every pair in some facility's optimal set at the current prices (exact sets). */
  chosenPairs(): number[] {
    const out: number[] = [];
    this.run('exact', out);
    return out;
  }

  private run(mode: 'all pairs' | 'exact' | 'estimate', collect?: number[]): number {
    const { ps, lambda, useCount, chosen } = this;
    const subset = mode === 'all pairs' ? undefined : this.subset();
    useCount.fill(0);
    let L = 0;
    for (let g = 0; g < ps.nGen; g++) L += lambda[g]!;
    for (const f of this.facilities) {
      const [v, n] = subset && mode === 'estimate' && subset.start[f + 1]! - subset.start[f]! > GREEDY_ABOVE
        ? greedyFacility(ps, f, lambda, chosen, subset)
        : solveFacility(ps, f, lambda, this.sc, chosen, subset);
      L += v;
      for (let i = 0; i < n; i++) useCount[ps.pairGen[chosen[i]!]!]!++;
      if (collect) for (let i = 0; i < n; i++) collect.push(chosen[i]!);
    }
    return L;
  }

  /** The active pairs, rebuilt first if some price fell below its threshold. */
  private subset(): PairSubset {
    const { lambda, tau } = this;
    let ok = this.active.valid;
    for (let g = 0; ok && g < lambda.length; g++) if (lambda[g]! < tau[g]!) ok = false;
    if (!ok) this.rebuild();
    return this.active;
  }

  private rebuild(): void {
    const { ps, lambda, tau, gross } = this;
    const { start, ids } = this.active;
    for (let g = 0; g < ps.nGen; g++) tau[g] = lambda[g]! * (1 - this.shrink);
    let n = 0;
    for (let f = 0; f < ps.nFac; f++) {
      start[f] = n;
      for (let p = ps.facStart[f]!; p < ps.facStart[f + 1]!; p++) if (gross[p]! > tau[ps.pairGen[p]!]!) ids[n++] = p;
    }
    start[ps.nFac] = n;
    this.active.valid = true;
  }
}
