import highsLoader from 'highs';
import { maxWeightMatching } from './src/engine/allocation/matching.js';
const highs = await highsLoader();
let seed = 7;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
for (let t = 0; t < 20; t++) {
  const nR = 5 + rnd(40), nC = 5 + rnd(60);
  const rs = [0], cols: number[] = [], vals: number[] = [];
  for (let r = 0; r < nR; r++) { for (let c = 0; c < nC; c++) if (rnd(4) === 0) { cols.push(c); vals.push(1 + rnd(1000)); } rs.push(cols.length); }
  const m = maxWeightMatching(nR, nC, Int32Array.from(rs), Int32Array.from(cols), Float64Array.from(vals), Infinity)!;
  let v = 0;
  for (let r = 0; r < nR; r++) for (let e = rs[r]!; e < rs[r + 1]!; e++) if (cols[e] === m[r]) v += vals[e]!;
  let lp = 'Maximize\n obj: ' + vals.map((x, e) => `${x} x${e}`).join(' + ') + '\nSubject To\n';
  for (let r = 0; r < nR; r++) if (rs[r+1]! > rs[r]!) lp += ` r${r}: ` + Array.from({ length: rs[r + 1]! - rs[r]! }, (_, i) => `x${rs[r]! + i}`).join(' + ') + ' <= 1\n';
  for (let c = 0; c < nC; c++) { const es = cols.map((cc, e) => cc === c ? `x${e}` : '').filter(Boolean); if (es.length) lp += ` c${c}: ` + es.join(' + ') + ' <= 1\n'; }
  lp += 'Bounds\n' + vals.map((_, e) => ` 0 <= x${e} <= 1`).join('\n') + '\nEnd\n';
  const res = highs.solve(lp, {});
  console.log(nR, nC, v, res.ObjectiveValue, Math.abs(v - res.ObjectiveValue) < 1e-6 ? 'ok' : 'BAD');
}
