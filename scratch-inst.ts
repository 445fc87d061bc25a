import { makeInstance } from './bench/allocation-instances.js';
import { buildPairs } from './src/engine/allocation/eligible-pairs.js';
import { solveAllocation } from './src/engine/allocation/solve.js';
const specs = [
  { name: 'dense', generators: 100, facilities: 1500, dense: true, seed: 2 },
  { name: 'large', generators: 400, facilities: 6000, seed: 3 },
  { name: 'national', generators: 2000, facilities: 30000, seed: 4, params: { maxDistanceKm: 250 } },
];
for (const s of specs.slice(Number(process.argv[2] ?? 0), Number(process.argv[3] ?? 3))) {
  const p = makeInstance(s);
  let t = performance.now();
  const ps = buildPairs(p);
  console.log(s.name, 'eligible', ps.eligibleCount, 'kept', ps.pairGen.length, (performance.now() - t).toFixed(0), 'ms');
  if (process.argv[4] === 'solve') {
    const r = solveAllocation(p, { timeLimitSeconds: Number(process.argv[5] ?? 30), onProgress: (q) => console.log(' ', q.phase, q.objective.toFixed(1), q.upperBound.toFixed(1), q.elapsed.toFixed(2)) });
    console.log(r.objective, r.upperBound, ((r.upperBound - r.objective) / r.upperBound * 100).toFixed(3) + '%', r.seconds.toFixed(2), 'rss', (process.memoryUsage().rss / 2 ** 20).toFixed(0));
  }
}
