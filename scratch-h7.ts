import { readFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { lagrangianBound } from './src/engine/allocation/lagrangian-bound.js';
import { PlanState } from './src/engine/allocation/plan-state.js';
import { greedyFill } from './src/engine/allocation/greedy.js';
import { localSearch } from './src/engine/allocation/local-search.js';
for (const [f, opt] of [['small-20x150', 69451.6936], ['seed-110x1500', 721838.8771]] as const) {
  const prob = JSON.parse(readFileSync(`/work/shared/data/energy/${f}.json`, 'utf8'));
  const ps = buildPairs(prob);
  const st = new PlanState(ps); greedyFill(st); localSearch(st, { deadline: Infinity });
  const marg = new Float64Array(ps.nGen); st.genPair.forEach((p, g) => { if (p >= 0) marg[g] = Math.max(0, -st.removeGain(p)); });
  for (const [name, init] of [['zero', undefined], ['marg', marg], ['half', marg.map(x => x / 2)]] as const) {
    const t = performance.now();
    const b = lagrangianBound(ps, { deadline: performance.now() + 550, lowerBound: opt, initialLambda: init });
    console.log(f, name, ((b - opt) / opt * 100).toFixed(4) + '%', (performance.now() - t).toFixed(0));
  }
}
