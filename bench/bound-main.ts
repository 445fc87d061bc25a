import { readFileSync } from 'node:fs';
import type { AllocationProblem } from '../src/engine/allocation/allocation.types.js';
import { solveAllocation } from '../src/engine/allocation/solve.js';
import { makeInstance } from './allocation-instances.js';

// `npx tsx bench/bound-main.ts [seed|dense|large|national]`: our solver alone on the bench's classes
// (same instances and time limits as solver.bench.ts), with the proven gap and peak memory.
const SEED_FILE = new URL('../../shared/data/energy/seed-110x1500.json', import.meta.url);
const CASES: Record<string, [() => AllocationProblem, number]> = {
  seed: [() => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as AllocationProblem, 10],
  dense: [() => makeInstance({ name: 'dense', generators: 100, facilities: 1500, dense: true, seed: 2 }), 10],
  large: [() => makeInstance({ name: 'large', generators: 400, facilities: 6000, seed: 3 }), 10],
  national: [() => makeInstance({ name: 'national', generators: 2000, facilities: 30000, seed: 4, params: { maxDistanceKm: 250 } }), 30],
};
for (const name of process.argv.slice(2)) {
  const [make, limit] = CASES[name]!;
  const plan = solveAllocation(make(), { timeLimitSeconds: limit });
  const gap = (100 * (plan.upperBound - plan.objective)) / plan.upperBound;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${name}: ${plan.seconds.toFixed(2)} s, objective ${plan.objective.toFixed(1)}, bound ${plan.upperBound.toFixed(1)}, proven gap ${gap.toFixed(3)} %, peak RSS ${rssMb.toFixed(0)} MB\n`);
}
