import type { PlanState } from './plan-state.js';

interface Move {
  gain: number;
  /** New pair for the moving generator (-1: it becomes unassigned). */
  p: number;
  /** Pair ejected from the target facility, or -1. */
  q: number;
  /** New pair for the ejected generator, or -1 (it stays unassigned). */
  q2: number;
}

export interface LocalSearchOptions {
  /** performance.now() value after which to stop. */
  readonly deadline: number;
  readonly shouldStop?: () => boolean;
  /** Given the clock each time the search reads it (every 32 moves tried), e.g. for progress reports. */
  readonly onClock?: (now: number) => void;
  /** Generator visiting order (a permutation); defaults to 0..n-1. */
  readonly order?: Int32Array;
}

/**
 * First-improvement local search over generator moves: move a generator to a facility with room,
 * swap it in for a member of a full facility, and re-seat the ejected generator (left free, moved
 * into the slot the mover vacated, or into its best facility with room): ejection chains of depth 2.
 * Returns false when it stopped on the deadline or on request rather than at a local optimum.
 */
export function localSearch(state: PlanState, opts: LocalSearchOptions): boolean {
  const ps = state.ps;
  const order = opts.order ?? Int32Array.from({ length: ps.nGen }, (_, i) => i);
  const move: Move = { gain: 0, p: -1, q: -1, q2: -1 };
  let improved = true;
  let visited = 0;
  // Per pass, each generator's best insertion into a facility with room: an O(1) estimate for
  // re-seating an ejected generator (checked exactly when the move is applied).
  const bestIns = new Float64Array(ps.nGen);
  const bestInsPair = new Int32Array(ps.nGen);
  while (improved) {
    improved = false;
    refreshInsertions(state, bestIns, bestInsPair);
    for (const g of order) {
      if ((++visited & 31) === 0) {
        const now = performance.now();
        opts.onClock?.(now);
        if (now > opts.deadline || opts.shouldStop?.()) return false;
      }
      const eps = 1e-9 * Math.max(1, Math.abs(state.objective));
      bestMove(state, g, bestIns, bestInsPair, move);
      if (move.gain > eps && applyMove(state, g, move, eps)) improved = true;
    }
  }
  return true;
}

function bestMove(state: PlanState, g: number, bestIns: Float64Array, bestInsPair: Int32Array, m: Move): void {
  const ps = state.ps;
  const p0 = state.genPair[g]!;
  const f0 = p0 >= 0 ? ps.pairFac[p0]! : -1;
  const rem = p0 >= 0 ? state.removeGain(p0) : 0;
  const cov0 = f0 >= 0 ? state.facCov[f0]! - ps.pairA[p0]! : 0;
  m.gain = p0 >= 0 ? rem : 0; m.p = -1; m.q = -1; m.q2 = -1;
  for (let i = ps.genStart[g]!; i < ps.genStart[g + 1]!; i++) {
    const p = ps.genPairs[i]!;
    const f = ps.pairFac[p]!;
    if (f === f0) continue;
    const cov = state.facCov[f]!, a = ps.pairA[p]!, cost = ps.pairCost[p]!;
    const vNow = state.value(f, cov);
    if (!state.isFull(f)) {
      const gain = state.value(f, cov + a) - vNow - cost + rem;
      if (gain > m.gain) { m.gain = gain; m.p = p; m.q = -1; m.q2 = -1; }
    }
    // Replacing a member pays off on full facilities and also on saturated ones (coverage ≥ D).
    const s = state.slotStart[f]!;
    for (let j = s; j < s + state.facCount[f]!; j++) {
      const q = state.slots[j]!, g2 = ps.pairGen[q]!;
      const base = state.value(f, cov - ps.pairA[q]! + a) - vNow - cost + ps.pairCost[q]! + rem;
      if (base > m.gain) { m.gain = base; m.p = p; m.q = q; m.q2 = -1; }
      if (f0 >= 0) {
        const q2 = state.findPair(g2, f0);
        if (q2 >= 0) {
          const gain = base + state.value(f0, cov0 + ps.pairA[q2]!) - state.value(f0, cov0) - ps.pairCost[q2]!;
          if (gain > m.gain) { m.gain = gain; m.p = p; m.q = q; m.q2 = q2; }
        }
      }
      const r = bestInsPair[g2]!;
      if (r >= 0 && bestIns[g2]! > 0) {
        const f3 = ps.pairFac[r]!;
        if (f3 !== f && f3 !== f0 && !state.isFull(f3) && base + bestIns[g2]! > m.gain) {
          m.gain = base + bestIns[g2]!; m.p = p; m.q = q; m.q2 = r;
        }
      }
    }
  }
}

function refreshInsertions(state: PlanState, bestIns: Float64Array, bestInsPair: Int32Array): void {
  const ps = state.ps;
  for (let g = 0; g < ps.nGen; g++) {
    let best = 0, bestP = -1;
    for (let i = ps.genStart[g]!; i < ps.genStart[g + 1]!; i++) {
      const r = ps.genPairs[i]!;
      if (state.isFull(ps.pairFac[r]!)) continue;
      const gain = state.addGain(r);
      if (gain > best) { best = gain; bestP = r; }
    }
    bestIns[g] = best; bestInsPair[g] = bestP;
  }
}

/** Applies the move; undoes it if, against the estimate, it did not improve the plan. */
function applyMove(state: PlanState, g: number, m: Move, eps: number): boolean {
  const before = state.objective;
  const p0 = state.genPair[g]!;
  if (p0 >= 0) state.remove(p0);
  if (m.q >= 0) state.remove(m.q);
  if (m.p >= 0) state.add(m.p);
  if (m.q2 >= 0) state.add(m.q2);
  if (state.objective > before + eps / 2) return true;
  if (m.q2 >= 0) state.remove(m.q2);
  if (m.p >= 0) state.remove(m.p);
  if (m.q >= 0) state.add(m.q);
  if (p0 >= 0) state.add(p0);
  return false;
}
