import { makeInstance } from './bench/allocation-instances.js';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { lagrangianBound } from './src/engine/allocation/lagrangian-bound.js';
import { PlanState } from './src/engine/allocation/plan-state.js';
import { greedyFill } from './src/engine/allocation/greedy.js';
import { localSearch } from './src/engine/allocation/local-search.js';
const p = makeInstance({ name: 'large', generators: 400, facilities: 6000, seed: 3 });
const ps = buildPairs(p);
const st = new PlanState(ps); greedyFill(st); localSearch(st, { deadline: performance.now() + 5000 });
const marg = new Float64Array(ps.nGen); st.genPair.forEach((q, g) => { if (q >= 0) marg[g] = Math.max(0, -st.removeGain(q)); });
const lb = st.objective;
for (const [name, init] of [['marg', marg], ['zero', undefined]] as const) {
  const t = performance.now(); let n = 0; const hist: string[] = [];
  const b = lagrangianBound(ps, { deadline: performance.now() + 8000, lowerBound: lb, initialLambda: init, onBound: (x) => { n++; hist.push(`${((x - lb) / lb * 100).toFixed(2)}@${((performance.now() - t) / 1000).toFixed(1)}`); } });
  console.log(name, ((b - lb) / lb * 100).toFixed(3) + '%', n, hist.filter((_, i) => i % 5 === 0).join(' '));
}
