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
console.log(st.objective, opt.objective);
for (let g = 0; g < ps.nGen; g++) {
  const a = st.genPair[g]!, b = opt.genPair[g]!;
  const d = (p: number) => p < 0 ? '-' : `F${ps.pairFac[p]} a=${ps.pairA[p]} c=${ps.pairCost[p]!.toFixed(1)} w=${ps.weight[ps.pairFac[p]!]} D=${ps.deficit[ps.pairFac[p]!]}`;
  console.log(`G${g} r=${ps.rating[g]} deg=${ps.genStart[g+1]!-ps.genStart[g]!}`, a === b ? null : `LS ${d(a)} | OPT ${d(b)}`);
}
