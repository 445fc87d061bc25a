import highsLoader from 'highs';
import { readFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { PlanState } from './src/engine/allocation/plan-state.js';
import { greedyFill } from './src/engine/allocation/greedy.js';
import { localSearch } from './src/engine/allocation/local-search.js';
import { runHighs } from './src/engine/allocation/highs-model.js';
const highs = await highsLoader();
const prob = JSON.parse(readFileSync(`/work/shared/data/energy/seed-110x1500.json`, 'utf8'));
const ps = buildPairs(prob);
const st = new PlanState(ps);
greedyFill(st);
localSearch(st, { deadline: performance.now() + 5000 });
const r = runHighs(highs, ps, { timeLimitSeconds: 60 });
const opt = new PlanState(ps); for (const p of r.pairs) opt.add(p);
const hist = (s: PlanState) => { const h = [0,0,0,0]; for (let f = 0; f < ps.nFac; f++) h[s.facCount[f]!]!++; return h; };
console.log(hist(st), hist(opt));
for (let f = 0; f < ps.nFac; f++) if (st.facCount[f]! > 1 || opt.facCount[f]! > 1) {
  const m = (s: PlanState) => Array.from(s.slots.slice(s.slotStart[f], s.slotStart[f]! + s.facCount[f]!)).map(p => `G${ps.pairGen[p]}(${ps.pairA[p]})`).join(',');
  console.log(`F${f} D=${ps.deficit[f]} LS ${m(st)} OPT ${m(opt)}`);
}
import { matchingStep } from './src/engine/allocation/matching-lns.js';
import { maxWeightMatching } from './src/engine/allocation/matching.js';
// build a pure single-facility matching: all gens rows, all facilities columns, values standalone
const rs=[0], cols:number[]=[], vals:number[]=[];
for (let g=0; g<ps.nGen; g++){ for(let i=ps.genStart[g]!;i<ps.genStart[g+1]!;i++){const p=ps.genPairs[i]!;const f=ps.pairFac[p]!;const v=ps.weight[f]!*Math.min(ps.deficit[f]!,ps.pairA[p]!)-ps.pairCost[p]!; if(v>0){cols.push(f);vals.push(v);}} rs.push(cols.length);}
const m = maxWeightMatching(ps.nGen, ps.nFac, Int32Array.from(rs), Int32Array.from(cols), Float64Array.from(vals), Infinity)!;
let tot=0; for(let g=0;g<ps.nGen;g++) if(m[g]!>=0){ for(let e=rs[g]!;e<rs[g+1]!;e++) if(cols[e]===m[g]) tot+=vals[e]!; }
let cur=0; for (let g=0; g<ps.nGen; g++){const p=st.genPair[g]!; if(p>=0){const f=ps.pairFac[p]!; cur+= ps.weight[f]!*Math.min(ps.deficit[f]!,ps.pairA[p]!)-ps.pairCost[p]!;}}
let o=0; for (let g=0; g<ps.nGen; g++){const p=opt.genPair[g]!; if(p>=0){const f=ps.pairFac[p]!; o+= ps.weight[f]!*Math.min(ps.deficit[f]!,ps.pairA[p]!)-ps.pairCost[p]!;}}
console.log('matching', tot, 'LS standalone', cur, 'opt standalone', o);
