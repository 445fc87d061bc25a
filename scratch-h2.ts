import { readFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { PlanState } from './src/engine/allocation/plan-state.js';
import { greedyFill } from './src/engine/allocation/greedy.js';
import { localSearch } from './src/engine/allocation/local-search.js';
for (const [f, opt] of [['small-20x150', 69451.6936], ['seed-110x1500', 721838.8771]] as const) {
  const prob = JSON.parse(readFileSync(`/work/shared/data/energy/${f}.json`, 'utf8'));
  const ps = buildPairs(prob);
  let t = performance.now();
  const st = new PlanState(ps);
  greedyFill(st);
  console.log(f, 'greedy', st.objective, ((opt - st.objective) / opt * 100).toFixed(3) + '%', (performance.now() - t).toFixed(1));
  localSearch(st, { deadline: performance.now() + 5000 });
  console.log(f, 'LS', st.objective, st.recompute(), ((opt - st.objective) / opt * 100).toFixed(4) + '%', (performance.now() - t).toFixed(1));
}
