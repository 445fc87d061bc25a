import { maxWeightMatching } from './src/engine/allocation/matching.js';
let seed = 7;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
function brute(nR: number, nC: number, w: number[][]): number {
  let best = 0;
  const used = new Array(nC).fill(false);
  const rec = (r: number, v: number) => {
    if (r === nR) { best = Math.max(best, v); return; }
    rec(r + 1, v);
    for (let c = 0; c < nC; c++) if (!used[c] && w[r]![c]! > 0) { used[c] = true; rec(r + 1, v + w[r]![c]!); used[c] = false; }
  };
  rec(0, 0); return best;
}
let bad = 0;
for (let t = 0; t < 300; t++) {
  const nR = 1 + rnd(6), nC = 1 + rnd(6);
  const w = Array.from({ length: nR }, () => Array.from({ length: nC }, () => rnd(3) === 0 ? 0 : rnd(100)));
  const rs = [0], cols: number[] = [], vals: number[] = [];
  for (let r = 0; r < nR; r++) { for (let c = 0; c < nC; c++) if (w[r]![c]! > 0) { cols.push(c); vals.push(w[r]![c]!); } rs.push(cols.length); }
  const m = maxWeightMatching(nR, nC, Int32Array.from(rs), Int32Array.from(cols), Float64Array.from(vals), Infinity)!;
  let v = 0; const seen = new Set<number>();
  for (let r = 0; r < nR; r++) if (m[r]! >= 0) { v += w[r]![m[r]!]!; if (seen.has(m[r]!) || !(w[r]![m[r]!]! > 0)) v = -1e9; seen.add(m[r]!); }
  const b = brute(nR, nC, w);
  if (Math.abs(v - b) > 1e-9) { bad++; if (bad < 4) console.log(JSON.stringify(w), v, b, Array.from(m)); }
}
console.log('bad', bad);
