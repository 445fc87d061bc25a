import type { PlanState } from './plan-state.js';

/**
 * Lazy greedy by marginal value: repeatedly add the pair with the largest gain. The objective is
 * submodular in the set of pairs (capped coverage), so a stale heap key is an upper bound on the
 * current gain and the lazy re-check is exact. Works on top of whatever `state` already holds.
 */
export function greedyFill(state: PlanState): void {
  const ps = state.ps;
  const n = ps.pairGen.length;
  const heap = new Int32Array(n);
  const key = new Float64Array(n);
  let size = 0;
  for (let p = 0; p < n; p++) {
    if (state.genPair[ps.pairGen[p]!]! >= 0 || state.isFull(ps.pairFac[p]!)) continue;
    const gain = state.addGain(p);
    if (gain > 0) { key[p] = gain; heap[size++] = p; }
  }
  const less = (i: number, j: number): boolean => key[heap[i]!]! < key[heap[j]!]!;
  const swap = (i: number, j: number): void => { const t = heap[i]!; heap[i] = heap[j]!; heap[j] = t; };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < size && less(m, l)) m = l;
      if (r < size && less(m, r)) m = r;
      if (m === i) return;
      swap(i, m); i = m;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
  while (size > 0) {
    const p = heap[0]!;
    if (state.genPair[ps.pairGen[p]!]! >= 0 || state.isFull(ps.pairFac[p]!)) {
      heap[0] = heap[--size]!; down(0); continue;
    }
    const gain = state.addGain(p);
    if (gain >= key[p]! - 1e-9 * Math.max(1, Math.abs(key[p]!))) {
      heap[0] = heap[--size]!; down(0);
      if (gain > 0) state.add(p);
    } else if (gain > 0) {
      key[p] = gain; down(0);
    } else {
      heap[0] = heap[--size]!; down(0);
    }
  }
}
