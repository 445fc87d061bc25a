import type { PairSet } from './eligible-pairs.js';

/**
 * A mutable plan over a PairSet with incremental bookkeeping: which pair each generator uses,
 * and each facility's member pairs and covered kW. Every change keeps `objective` exact
 * (up to float rounding) so moves can be evaluated in O(1).
 */
export class PlanState {
  /** Pair id used by each generator, or -1. */
  readonly genPair: Int32Array;
  readonly facCount: Int32Array;
  readonly facCov: Float64Array;
  /** Member pair ids of facility f live in slots[slotStart[f] .. slotStart[f] + facCount[f]). */
  readonly slotStart: Int32Array;
  readonly slots: Int32Array;
  objective = 0;

  constructor(readonly ps: PairSet) {
    this.genPair = new Int32Array(ps.nGen).fill(-1);
    this.facCount = new Int32Array(ps.nFac);
    this.facCov = new Float64Array(ps.nFac);
    this.slotStart = new Int32Array(ps.nFac + 1);
    for (let f = 0; f < ps.nFac; f++) {
      this.slotStart[f + 1] = this.slotStart[f]! + Math.min(ps.k, ps.facStart[f + 1]! - ps.facStart[f]!);
    }
    this.slots = new Int32Array(this.slotStart[ps.nFac]!);
  }

  /** Weighted covered load of facility f if its coverage were `cov`. */
  value(f: number, cov: number): number {
    return this.ps.weight[f]! * Math.min(this.ps.deficit[f]!, cov);
  }

  /** Objective change from adding pair p (its generator must be free, its facility not full). */
  addGain(p: number): number {
    const f = this.ps.pairFac[p]!, cov = this.facCov[f]!;
    return this.value(f, cov + this.ps.pairA[p]!) - this.value(f, cov) - this.ps.pairCost[p]!;
  }

  /** Objective change from removing assigned pair p. */
  removeGain(p: number): number {
    const f = this.ps.pairFac[p]!, cov = this.facCov[f]!;
    return this.value(f, Math.max(0, cov - this.ps.pairA[p]!)) - this.value(f, cov) + this.ps.pairCost[p]!;
  }

  add(p: number): void {
    const ps = this.ps, f = ps.pairFac[p]!, g = ps.pairGen[p]!;
    this.objective += this.addGain(p);
    this.slots[this.slotStart[f]! + this.facCount[f]!] = p;
    this.facCount[f]!++;
    this.facCov[f]! += ps.pairA[p]!;
    this.genPair[g] = p;
  }

  remove(p: number): void {
    const ps = this.ps, f = ps.pairFac[p]!, g = ps.pairGen[p]!;
    this.objective += this.removeGain(p);
    const s = this.slotStart[f]!, n = this.facCount[f]!;
    for (let i = s; i < s + n; i++) {
      if (this.slots[i] === p) { this.slots[i] = this.slots[s + n - 1]!; break; }
    }
    this.facCount[f]!--;
    // Recompute rather than subtract so float drift cannot accumulate over millions of moves.
    let cov = 0;
    for (let i = s; i < s + n - 1; i++) cov += ps.pairA[this.slots[i]!]!;
    this.facCov[f] = cov;
    this.genPair[g] = -1;
  }

  isFull(f: number): boolean {
    return this.facCount[f]! >= this.ps.k;
  }

  /** Pair id of (g, f), or -1: a facility's pairs are sorted by generator (stable counting sort). */
  findPair(g: number, f: number): number {
    let lo = this.ps.facStart[f]!, hi = this.ps.facStart[f + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const gm = this.ps.pairGen[mid]!;
      if (gm === g) return mid;
      if (gm < g) lo = mid + 1; else hi = mid;
    }
    return -1;
  }

  /** Assigned pair ids. */
  pairs(): number[] {
    const out: number[] = [];
    for (const p of this.genPair) if (p >= 0) out.push(p);
    return out;
  }

  /** Recomputes the objective from scratch (for checks and to drop float drift). */
  recompute(): number {
    let obj = 0;
    for (let f = 0; f < this.ps.nFac; f++) if (this.facCount[f]! > 0) obj += this.value(f, this.facCov[f]!);
    for (const p of this.genPair) if (p >= 0) obj -= this.ps.pairCost[p]!;
    this.objective = obj;
    return obj;
  }
}
