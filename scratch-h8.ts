import highsLoader from 'highs';
import { readFileSync } from 'node:fs';
import { solveAllocation } from './src/engine/allocation/solve.js';
const highs = await highsLoader();
for (const [f, opt] of [['small-20x150', 69451.6936], ['seed-110x1500', 721838.8771]] as const) {
  const prob = JSON.parse(readFileSync(`/work/shared/data/energy/${f}.json`, 'utf8'));
  const r = solveAllocation(prob, { highs, onProgress: (p) => console.log(' ', p.phase, p.objective.toFixed(3), p.upperBound.toFixed(3), p.elapsed.toFixed(3)) });
  console.log(f, r.objective, r.upperBound, ((r.upperBound - r.objective) / r.objective * 100).toFixed(4) + '%', r.seconds.toFixed(3), r.assignments.length);
}
