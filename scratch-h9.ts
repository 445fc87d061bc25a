import { readFileSync } from 'node:fs';
import { solveAllocation } from './src/engine/allocation/solve.js';
const prob = JSON.parse(readFileSync(`/work/shared/data/energy/seed-110x1500.json`, 'utf8'));
for (let i = 0; i < 3; i++) {
  const r = solveAllocation(prob, { onProgress: (p) => console.log(' ', p.phase, p.objective.toFixed(3), p.upperBound.toFixed(3), p.elapsed.toFixed(3)) });
  console.log(r.objective, r.upperBound, r.seconds);
}
