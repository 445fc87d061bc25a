import type { PairSet } from './eligible-pairs.js';

/** Scratch buffers reused across calls (one facility at a time). */
export class SubproblemScratch {
  items = new Int32Array(64);
  profit = new Float64Array(64);
  prefix = new Float64Array(65);
  best = new Int32Array(64);
  cur = new Int32Array(64);
  ensure(n: number): void {
    if (n <= this.items.length) return;
    this.items = new Int32Array(n); this.profit = new Float64Array(n); this.prefix = new Float64Array(n + 1);
  }
}

/**
 * Exactly solves the Lagrangian subproblem of facility f: choose at most k of its pairs maximising
 * w·min(D, Σ a_p) − Σ (cost_p + λ_g). Depth-first search over pairs by decreasing standalone profit,
 * pruned by "the next m profits" and "the uncovered deficit times w" (both valid since every
 * price cost_p + λ_g is ≥ 0). Writes the chosen pair ids to `chosen` and returns [value, count].
 */
export function solveFacility(ps: PairSet, f: number, lambda: Float64Array, sc: SubproblemScratch, chosen: Int32Array): [number, number] {
  const s = ps.facStart[f]!, e = ps.facStart[f + 1]!;
  const w = ps.weight[f]!, D = ps.deficit[f]!, k = ps.k;
  sc.ensure(e - s);
  let n = 0;
  for (let p = s; p < e; p++) {
    const pr = w * ps.pairA[p]! - ps.pairCost[p]! - lambda[ps.pairGen[p]!]!;
    if (pr > 0) { sc.items[n] = p; sc.profit[n] = pr; n++; }
  }
  if (n === 0) return [0, 0];
  if (k === 1 || n === 1) {
    let bi = 0;
    for (let i = 1; i < n; i++) if (sc.profit[i]! > sc.profit[bi]!) bi = i;
    chosen[0] = sc.items[bi]!;
    return [sc.profit[bi]!, 1];
  }
  sortByProfit(sc, n);
  const { items, profit, prefix } = sc;
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + profit[i]!;
  let bestVal = profit[0]!, bestCount = 1;
  sc.best[0] = items[0]!;
  if (sc.best.length < k) { sc.best = new Int32Array(k); sc.cur = new Int32Array(k); }
  const dfs = (from: number, depth: number, cov: number, val: number): void => {
    const room = k - depth;
    for (let j = from; j < n; j++) {
      const optimistic = Math.min(prefix[Math.min(n, j + room)]! - prefix[j]!, w * (D - cov));
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

/** Insertion sort for short lists (the common case), index sort otherwise; by decreasing profit. */
function sortByProfit(sc: SubproblemScratch, n: number): void {
  const { items, profit } = sc;
  if (n <= 24) {
    for (let i = 1; i < n; i++) {
      const it = items[i]!, pr = profit[i]!;
      let j = i - 1;
      while (j >= 0 && profit[j]! < pr) { items[j + 1] = items[j]!; profit[j + 1] = profit[j]!; j--; }
      items[j + 1] = it; profit[j + 1] = pr;
    }
    return;
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => profit[b]! - profit[a]!);
  const it2 = idx.map((i) => items[i]!), pr2 = idx.map((i) => profit[i]!);
  for (let i = 0; i < n; i++) { items[i] = it2[i]!; profit[i] = pr2[i]!; }
}
