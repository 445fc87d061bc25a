import type { PairSet } from './eligible-pairs.js';

/** Distinct coverage values tracked per call (real fleets have a handful of ratings; beyond, no pruning). */
const TRACKED_CLASSES = 32;

/** Scratch buffers reused across calls (one facility at a time). */
export class SubproblemScratch {
  items = new Int32Array(64);
  profit = new Float64Array(64);
  hItems = new Int32Array(64);
  hProfit = new Float64Array(64);
  prefix = new Float64Array(65);
  best = new Int32Array(64);
  cur = new Int32Array(64);
  /** Distinct coverage values seen by one call, and how many pairs of each were kept. */
  classA = new Float64Array(TRACKED_CLASSES);
  classCount = new Int32Array(TRACKED_CLASSES);
  ensure(n: number): void {
    if (n <= this.items.length) return;
    this.items = new Int32Array(n); this.profit = new Float64Array(n); this.prefix = new Float64Array(n + 1);
    this.hItems = new Int32Array(n); this.hProfit = new Float64Array(n);
  }
}

/**
 * A subset of each facility's pairs in the layout of `PairSet.facStart`: the pairs of facility f are
 * ids[start[f] .. start[f+1]). Solving over it is exact when every pair left out has
 * w_f·a_p − cost_p ≤ λ_g: such a pair has no positive profit, and the search never uses those.
 */
export interface PairSubset {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/**
 * Exactly solves the Lagrangian subproblem of facility f: choose at most k of its pairs maximising
 * w·min(D, Σ a_p) − Σ (cost_p + λ_g). Depth-first search over pairs by decreasing standalone profit,
 * pruned by "the next m profits" and "the uncovered deficit times w" (both valid since every
 * price cost_p + λ_g is ≥ 0). Writes the chosen pair ids to `chosen` and returns [value, count].
 * With `subset`, only those pairs of f are considered (exact when the others cannot be profitable).
 */
export function solveFacility(
  ps: PairSet, f: number, lambda: Float64Array, sc: SubproblemScratch, chosen: Int32Array, subset?: PairSubset,
): [number, number] {
  const ids = subset?.ids;
  const s = subset ? subset.start[f]! : ps.facStart[f]!, e = subset ? subset.start[f + 1]! : ps.facStart[f + 1]!;
  const w = ps.weight[f]!, D = ps.deficit[f]!, k = ps.k;
  sc.ensure(e - s);
  let n = 0;
  for (let i = s; i < e; i++) {
    const p = ids ? ids[i]! : i;
    const pr = w * ps.pairA[p]! - ps.pairCost[p]! - lambda[ps.pairGen[p]!]!;
    if (pr > 0) { sc.hItems[n] = p; sc.hProfit[n] = pr; n++; }
  }
  if (n === 0) return [0, 0];
  if (k === 1 || n === 1) {
    let bi = 0;
    for (let i = 1; i < n; i++) if (sc.hProfit[i]! > sc.hProfit[bi]!) bi = i;
    chosen[0] = sc.hItems[bi]!;
    return [sc.hProfit[bi]!, 1];
  }
  // Items are put in decreasing-profit order lazily (heap pops): the pruned search usually needs
  // only the first few, and facilities in dense instances have thousands of candidates. Pairs with
  // the same coverage a differ only in price, so an optimal set never needs more than the k
  // most profitable of each a (swapping in a cheaper unused one never loses): the rest are dropped
  // as they are popped, which keeps the search small when many units share a rating.
  const { items, profit, prefix, classA, classCount } = sc;
  heapify(sc, n);
  let heapSize = n, sorted = 0, classes = 0;
  const ensure = (upTo: number): number => {
    while (sorted < upTo && heapSize > 0) {
      const p = sc.hItems[0]!, pr = sc.hProfit[0]!;
      popTop(sc, heapSize--);
      const a = ps.pairA[p]!;
      let c = 0;
      while (c < classes && classA[c] !== a) c++;
      if (c === classes && classes < TRACKED_CLASSES) { classA[c] = a; classCount[c] = 0; classes++; }
      if (c < classes) {
        if (classCount[c]! >= k) continue;
        classCount[c]!++;
      }
      items[sorted] = p; profit[sorted] = pr;
      prefix[sorted + 1] = prefix[sorted]! + pr;
      sorted++;
    }
    return sorted;
  };
  prefix[0] = 0;
  ensure(1);
  let bestVal = profit[0]!, bestCount = 1;
  sc.best[0] = items[0]!;
  if (sc.best.length < k) { sc.best = new Int32Array(k); sc.cur = new Int32Array(k); }
  const dfs = (from: number, depth: number, cov: number, val: number): void => {
    const room = k - depth;
    for (let j = from; j < ensure(j + 1); j++) {
      const optimistic = Math.min(prefix[ensure(j + room)]! - prefix[j]!, w * (D - cov));
      if (val + optimistic <= bestVal) return;
      const p = items[j]!;
      const nc = cov + ps.pairA[p]!;
      const nv = val + w * (Math.min(D, nc) - Math.min(D, cov)) - (ps.pairCost[p]! + lambda[ps.pairGen[p]!]!);
      sc.cur[depth] = p;
      if (nv > bestVal) { bestVal = nv; bestCount = depth + 1; for (let i = 0; i <= depth; i++) sc.best[i] = sc.cur[i]!; }
      if (room > 1 && nc < D) dfs(j + 1, depth + 1, nc, nv);
    }
  };
  dfs(0, 0, 0, 0);
  for (let i = 0; i < bestCount; i++) chosen[i] = sc.best[i]!;
  return [bestVal, bestCount];
}

/**
 * A quick feasible set for facility f's subproblem (greedy by marginal profit, at most k rounds), so
 * its value is at most the exact φ_f: a cheap estimate for steering prices, never for a bound.
 */
export function greedyFacility(ps: PairSet, f: number, lambda: Float64Array, chosen: Int32Array, subset: PairSubset): [number, number] {
  const { ids } = subset;
  const s = subset.start[f]!, e = subset.start[f + 1]!;
  const w = ps.weight[f]!, D = ps.deficit[f]!;
  let cov = 0, val = 0, n = 0;
  while (n < ps.k && cov < D) {
    let best = 0, bp = -1;
    for (let i = s; i < e; i++) {
      const p = ids[i]!;
      const gain = w * Math.min(ps.pairA[p]!, D - cov) - ps.pairCost[p]! - lambda[ps.pairGen[p]!]!;
      if (gain > best) {
        let taken = false;
        for (let j = 0; j < n; j++) if (chosen[j] === p) taken = true;
        if (!taken) { best = gain; bp = p; }
      }
    }
    if (bp < 0) break;
    chosen[n++] = bp; cov += ps.pairA[bp]!; val += best;
  }
  return [val, n];
}

/** Builds a max-heap by profit in the scratch heap arrays [0, n). */
function heapify(sc: SubproblemScratch, n: number): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(sc, i, n);
}

/** Removes the heap's top (the caller has read it) from a heap of `size` items. */
function popTop(sc: SubproblemScratch, size: number): void {
  sc.hItems[0] = sc.hItems[size - 1]!; sc.hProfit[0] = sc.hProfit[size - 1]!;
  siftDown(sc, 0, size - 1);
}

function siftDown(sc: SubproblemScratch, i: number, n: number): void {
  const { hItems, hProfit } = sc;
  const it = hItems[i]!, pr = hProfit[i]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && hProfit[c + 1]! > hProfit[c]!) c++;
    if (hProfit[c]! <= pr) break;
    hItems[i] = hItems[c]!; hProfit[i] = hProfit[c]!; i = c;
  }
  hItems[i] = it; hProfit[i] = pr;
}
