import { readFileSync } from 'node:fs';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { PlanState } from './src/engine/allocation/plan-state.js';
import { greedyFill } from './src/engine/allocation/greedy.js';
import { localSearch } from './src/engine/allocation/local-search.js';
import * as M from './src/engine/allocation/matching.js';
const prob = JSON.parse(readFileSync(`/work/shared/data/energy/seed-110x1500.json`, 'utf8'));
const ps = buildPairs(prob);
const st = new PlanState(ps);
greedyFill(st);
localSearch(st, { deadline: performance.now() + 5000 });
const orig = M.maxWeightMatching;
let n=0;
const { matchingStep } = await import('./src/engine/allocation/matching-lns.js');
// instrument: recompute the matching outside
const flexAll = (k: number) => 0;
console.log(st.objective);
console.log(matchingStep(st, Infinity, (k) => k === 8 ? 1 : 0), st.objective);
