import type { PairSet } from './eligible-pairs.js';

/** Distinct coverage values tracked per call (real fleets have a handful of ratings; beyond, no pruning). */
const TRACKED_CLASSES = 32;

/** Scratch buffers reused across calls (one facility at a time). */
export class SubproblemScratch {
  /** Candidate pairs and their profits; sorted by decreasing profit before the search. */
  items = new Int32Array(64);
  profit = new Float64Array(64);
  prefix = new Float64Array(65);
  best = new Int32Array(64);
  cur = new Int32Array(64);
  /** Per coverage value: the value, and how many of its most profitable pairs are kept (slots of k). */
  classA = new Float64Array(TRACKED_CLASSES);
  classCount = new Int32Array(TRACKED_CLASSES);
  slotItem = new Int32Array(TRACKED_CLASSES);
  slotProfit = new Float64Array(TRACKED_CLASSES);
  ensure(n: number, k: number): void {
    if (n > this.items.length) {
      this.items = new Int32Array(n); this.profit = new Float64Array(n); this.prefix = new Float64Array(n + 1);
    }
    if (k > this.best.length) { this.best = new Int32Array(k); this.cur = new Int32Array(k); }
    if (TRACKED_CLASSES * k > this.slotItem.length) {
      this.slotItem = new Int32Array(TRACKED_CLASSES * k); this.slotProfit = new Float64Array(TRACKED_CLASSES * k);
    }
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
 * w·min(D, Σ a_p) − Σ (cost_p + λ_g). Only pairs with positive standalone profit can help (coverage
 * is capped and every price cost_p + λ_g is ≥ 0), and pairs with the same coverage a differ only in
 * price, so an optimal set never needs more than the k most profitable of each a (swapping in a
 * cheaper unused one never loses): one pass keeps those, and a depth-first search over them by
 * decreasing profit, pruned by "the next m profits" and "the uncovered deficit times w", finds the
 * best set. Writes the chosen pair ids to `chosen` and returns [value, count]. With `subset`, only
 * those pairs of f are considered (exact when the others cannot be profitable).
 */
export function solveFacility(
  ps: PairSet, f: number, lambda: Float64Array, sc: SubproblemScratch, chosen: Int32Array, subset?: PairSubset,
): [number, number] {
  const ids = subset?.ids;
  const s = subset ? subset.start[f]! : ps.facStart[f]!, e = subset ? subset.start[f + 1]! : ps.facStart[f + 1]!;
  const w = ps.weight[f]!, k = ps.k;
  sc.ensure(e - s, k);
  const n = candidates(ps, s, e, ids, w, lambda, k, sc);
  if (n === 0) return [0, 0];
  const { items, profit, prefix } = sc;
  if (k === 1 || n === 1) {
    let bi = 0;
    for (let i = 1; i < n; i++) if (profit[i]! > profit[bi]!) bi = i;
    chosen[0] = items[bi]!;
    return [profit[bi]!, 1];
  }
  sortByProfit(sc, n);
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + profit[i]!;
  search.bestVal = profit[0]!; search.bestCount = 1; sc.best[0] = items[0]!;
  dfs(ps, sc, n, w, ps.deficit[f]!, k, lambda, 0, 0, 0, 0);
  for (let i = 0; i < search.bestCount; i++) chosen[i] = sc.best[i]!;
  return [search.bestVal, search.bestCount];
}

/** The best value and size found by the running search (module state: one search at a time). */
const search = { bestVal: 0, bestCount: 0 };

/**
 * Puts the facility's useful pairs into sc.items/profit: those with positive profit, at most k per
 * coverage value while there are few distinct values (all of them otherwise). Returns their count.
 */
function candidates(ps: PairSet, s: number, e: number, ids: Int32Array | undefined, w: number, lambda: Float64Array, k: number, sc: SubproblemScratch): number {
  const { classA, classCount, slotItem, slotProfit } = sc;
  let classes = 0;
  for (let i = s; i < e; i++) {
    const p = ids ? ids[i]! : i;
    const a = ps.pairA[p]!;
    const pr = w * a - ps.pairCost[p]! - lambda[ps.pairGen[p]!]!;
    if (pr <= 0) continue;
    let c = 0;
    while (c < classes && classA[c] !== a) c++;
    if (c === classes) {
      if (classes === TRACKED_CLASSES) return allProfitable(ps, s, e, ids, w, lambda, sc);
      classA[c] = a; classCount[c] = 0; classes++;
    }
    // Insert into the class's k slots, kept in decreasing profit.
    const base = c * k;
    let m = classCount[c]!;
    if (m === k) {
      if (pr <= slotProfit[base + k - 1]!) continue;
      m--;
    } else {
      classCount[c] = m + 1;
    }
    while (m > 0 && slotProfit[base + m - 1]! < pr) { slotItem[base + m] = slotItem[base + m - 1]!; slotProfit[base + m] = slotProfit[base + m - 1]!; m--; }
    slotItem[base + m] = p; slotProfit[base + m] = pr;
  }
  let n = 0;
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < classCount[c]!; j++) { sc.items[n] = slotItem[c * k + j]!; sc.profit[n] = slotProfit[c * k + j]!; n++; }
  }
  return n;
}

function allProfitable(ps: PairSet, s: number, e: number, ids: Int32Array | undefined, w: number, lambda: Float64Array, sc: SubproblemScratch): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const p = ids ? ids[i]! : i;
    const pr = w * ps.pairA[p]! - ps.pairCost[p]! - lambda[ps.pairGen[p]!]!;
    if (pr > 0) { sc.items[n] = p; sc.profit[n] = pr; n++; }
  }
  return n;
}

/** Sorts the first n candidates by decreasing profit (insertion sort while n is small, as it nearly always is). */
function sortByProfit(sc: SubproblemScratch, n: number): void {
  const { items, profit } = sc;
  if (n > 64) {
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => profit[y]! - profit[x]!);
    const it = order.map((i) => items[i]!), pr = order.map((i) => profit[i]!);
    items.set(it); profit.set(pr);
    return;
  }
  for (let i = 1; i < n; i++) {
    const it = items[i]!, pr = profit[i]!;
    let j = i;
    while (j > 0 && profit[j - 1]! < pr) { items[j] = items[j - 1]!; profit[j] = profit[j - 1]!; j--; }
    items[j] = it; profit[j] = pr;
  }
}

function dfs(ps: PairSet, sc: SubproblemScratch, n: number, w: number, D: number, k: number, lambda: Float64Array, from: number, depth: number, cov: number, val: number): void {
  const { items, prefix, cur, best } = sc;
  const room = k - depth;
  for (let j = from; j < n; j++) {
    const optimistic = Math.min(prefix[Math.min(n, j + room)]! - prefix[j]!, w * (D - cov));
    if (val + optimistic <= search.bestVal) return;
    const p = items[j]!;
    const nc = cov + ps.pairA[p]!;
    const nv = val + w * (Math.min(D, nc) - Math.min(D, cov)) - (ps.pairCost[p]! + lambda[ps.pairGen[p]!]!);
    cur[depth] = p;
    if (nv > search.bestVal) {
      search.bestVal = nv; search.bestCount = depth + 1;
      for (let i = 0; i <= depth; i++) best[i] = cur[i]!;
    }
    if (room > 1 && nc < D) dfs(ps, sc, n, w, D, k, lambda, j + 1, depth + 1, nc, nv);
  }
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
