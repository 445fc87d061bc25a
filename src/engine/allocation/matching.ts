/** Indexed binary min-heap over node ids with decrease-key, for Dijkstra. */
class IndexedHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  size = 0;
  constructor(n: number, private readonly key: Float64Array) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }
  push(node: number): void {
    let i = this.pos[node]!;
    if (i < 0) { i = this.size++; this.heap[i] = node; this.pos[node] = i; }
    this.up(i);
  }
  pop(): number {
    const top = this.heap[0]!;
    this.pos[top] = -2;
    const last = this.heap[--this.size]!;
    if (this.size > 0) { this.heap[0] = last; this.pos[last] = 0; this.down(0); }
    return top;
  }
  /** Forget every node (pos -2 marks "already popped" until reset). */
  reset(touched: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) this.pos[touched[i]!] = -1;
    this.size = 0;
  }
  private up(i: number): void {
    const h = this.heap, k = this.key, node = h[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (k[h[parent]!]! <= k[node]!) break;
      h[i] = h[parent]!; this.pos[h[i]!] = i; i = parent;
    }
    h[i] = node; this.pos[node] = i;
  }
  private down(i: number): void {
    const h = this.heap, k = this.key, node = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && k[h[c + 1]!]! < k[h[c]!]!) c++;
      if (k[h[c]!]! >= k[node]!) break;
      h[i] = h[c]!; this.pos[h[i]!] = i; i = c;
    }
    h[i] = node; this.pos[node] = i;
  }
  popped(node: number): boolean { return this.pos[node] === -2; }
}

/**
 * Maximum-weight bipartite matching (rows may stay unmatched) on a sparse graph, by successive
 * shortest augmenting paths with Johnson potentials. Row r's edges are edgeCol/edgeVal[rowStart[r]..].
 * Returns the matched column per row (-1 = unmatched), or null if the deadline passed first.
 * `onClock` is given the clock each time the deadline is checked (every 16 rows), e.g. for progress reports.
 */
export function maxWeightMatching(
  nRows: number, nCols: number, rowStart: Int32Array, edgeCol: Int32Array, edgeVal: Float64Array, deadline: number,
  onClock?: (now: number) => void,
): Int32Array | null {
  // Nodes: rows [0, nRows), columns [nRows, nRows + nCols), then one private "unmatched" column per row.
  const nNodes = 2 * nRows + nCols;
  const pot = new Float64Array(nNodes);
  const dist = new Float64Array(nNodes).fill(Infinity);
  const prevRow = new Int32Array(nNodes).fill(-1);
  const colMatch = new Int32Array(nNodes).fill(-1);
  const rowMatch = new Int32Array(nRows).fill(-1);
  const heap = new IndexedHeap(nNodes, dist);
  const touched = new Int32Array(nNodes);
  for (let r = 0; r < nRows; r++) {
    let best = 0;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) best = Math.max(best, edgeVal[e]!);
    pot[r] = best; // reduced cost of every forward edge, -val + pot[r] - 0, is then >= 0
  }
  for (let s = 0; s < nRows; s++) {
    if ((s & 15) === 0) {
      const now = performance.now();
      onClock?.(now);
      if (now > deadline) return null;
    }
    let nTouched = 0;
    const relax = (from: number, node: number, d: number): void => {
      if (d < dist[node]! && !heap.popped(node)) {
        if (dist[node] === Infinity) touched[nTouched++] = node;
        dist[node] = d; prevRow[node] = from; heap.push(node);
      }
    };
    dist[s] = 0; touched[nTouched++] = s;
    let row = s, dRow = 0, sink = -1;
    for (;;) {
      // Expand row: forward edges to every column except the one it is matched to.
      for (let e = rowStart[row]!; e < rowStart[row + 1]!; e++) {
        const c = nRows + edgeCol[e]!;
        if (c !== rowMatch[row]) relax(row, c, dRow + (-edgeVal[e]! + pot[row]! - pot[c]!));
      }
      const dummy = nRows + nCols + row;
      if (dummy !== rowMatch[row]) relax(row, dummy, dRow + pot[row]! - pot[dummy]!);
      if (heap.size === 0) break;
      const c = heap.pop();
      const r2 = colMatch[c]!;
      if (r2 < 0) { sink = c; break; }
      // Backward along the matched edge c -> r2, reduced cost 0 by the potential invariant.
      row = r2; dRow = dist[c]!;
      if (dRow < dist[r2]!) { if (dist[r2] === Infinity) touched[nTouched++] = r2; dist[r2] = dRow; }
    }
    const delta = sink >= 0 ? dist[sink]! : 0;
    for (let i = 0; i < nTouched; i++) {
      const node = touched[i]!;
      if (dist[node]! < delta) pot[node]! += dist[node]! - delta;
    }
    // Augment: flip matched/unmatched edges along the path back to s.
    for (let c = sink; c >= 0;) {
      const r = prevRow[c]!;
      const old = rowMatch[r]!;
      rowMatch[r] = c; colMatch[c] = r;
      c = r === s ? -1 : old;
    }
    for (let i = 0; i < nTouched; i++) { const node = touched[i]!; dist[node] = Infinity; prevRow[node] = -1; }
    heap.reset(touched, nTouched);
  }
  const out = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const c = rowMatch[r]! - nRows;
    out[r] = c >= 0 && c < nCols ? c : -1;
  }
  return out;
}
