import { readFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { PlanState } from './src/engine/allocation/plan-state.js';
import { greedyFill } from './src/engine/allocation/greedy.js';
import { localSearch } from './src/engine/allocation/local-search.js';
import { matchingStep } from './src/engine/allocation/matching-lns.js';
import { seededRandom, randomInt } from './src/engine/allocation/random.js';
const R = seededRandom(1); const rnd = (n: number) => randomInt(R, n);
for (const [f, opt] of [['small-20x150', 69451.6936], ['seed-110x1500', 721838.8771]] as const) {
  const prob = JSON.parse(readFileSync(`/work/shared/data/energy/${f}.json`, 'utf8'));
  const ps = buildPairs(prob);
  let t = performance.now();
  const st = new PlanState(ps);
  greedyFill(st);
  localSearch(st, { deadline: performance.now() + 5000 });
  console.log(f, 'LS', st.objective, ((opt - st.objective) / opt * 100).toFixed(4) + '%', (performance.now() - t).toFixed(1));
  for (let it = 0; it < 8; it++) {
    const imp = matchingStep(st, performance.now() + 5000, rnd);
    if (imp) localSearch(st, { deadline: performance.now() + 5000 });
    console.log(it, imp, st.objective, st.recompute(), ((opt - st.objective) / opt * 100).toFixed(4) + '%', (performance.now() - t).toFixed(1));
  }
}
