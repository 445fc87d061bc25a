import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import highsDefault from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectConsistentProgress, largeAllocationProblem } from '../../../test/support/allocation-progress.js';
import { checkAllocationPlan } from '../../../test/support/check-allocation-plan.js';
import type { AllocationProblem, SolveProgress } from './allocation.types.js';
import { buildPairs } from './eligible-pairs.js';
import { runHighs, type HighsModule } from './highs-model.js';
import { solveAllocation } from './solve.js';

const DATA = new URL('../../../../shared/data/energy/', import.meta.url);
const load = (name: string): AllocationProblem => JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as AllocationProblem;

// The ESM build default-exports the loader; TS types it as the CJS module object (see solver-worker.ts).
const highsLoader = highsDefault as unknown as () => Promise<HighsModule>;
let highs: HighsModule;
beforeAll(async () => { highs = await highsLoader(); });

/** HiGHS's proven optimum of the instance (status must be optimal). */
function highsOptimum(problem: AllocationProblem): number {
  const res = runHighs(highs, buildPairs(problem), { timeLimitSeconds: 60 });
  expect(res.status).toBe('optimal');
  return res.objective;
}

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('solveAllocation on the shared examples', () => {
  for (const [file, known] of [['small-20x150.json', 69451.6936], ['seed-110x1500.json', 721838.8771]] as const) {
    it(`${file}: our own method reaches HiGHS's proven optimum`, () => {
      const problem = load(file);
      const optimum = highsOptimum(problem);
      expect(relErr(optimum, known)).toBeLessThan(1e-8);
      const plan = solveAllocation(problem, { timeLimitSeconds: 20 });
      checkAllocationPlan(problem, plan);
      expect(relErr(plan.objective, optimum)).toBeLessThan(1e-6);
      expect(plan.upperBound).toBeGreaterThanOrEqual(optimum * (1 - 1e-9));
    });
  }

  it('small-20x150 with HiGHS available: optimal and proven (bound = objective)', () => {
    const problem = load('small-20x150.json');
    const plan = solveAllocation(problem, { highs, timeLimitSeconds: 20 });
    checkAllocationPlan(problem, plan);
    expect(relErr(plan.objective, 69451.6936)).toBeLessThan(1e-6);
    expect(relErr(plan.upperBound, plan.objective)).toBeLessThan(1e-6);
  });

  it('reports progress and stops when asked', () => {
    const problem = load('seed-110x1500.json');
    const phases: string[] = [];
    const plan = solveAllocation(problem, { onProgress: (p) => phases.push(p.phase), shouldStop: () => phases.length > 0 });
    checkAllocationPlan(problem, plan);
    expect(phases[0]).toBe('greedy');
  });

  it('small-20x150 with HiGHS: reports the bound HiGHS proves as it closes the gap, consistent with the plan', () => {
    const problem = load('small-20x150.json');
    const events: SolveProgress[] = [];
    const plan = solveAllocation(problem, { highs, timeLimitSeconds: 20, onProgress: (p) => events.push(p) });
    expectConsistentProgress(events, plan);
    expect(events.map((p) => p.phase)).toContain('exact');
    expect(relErr(events.at(-1)!.upperBound, plan.objective)).toBeLessThan(1e-6);
  });
});

describe('solveAllocation progress during a solve of a few seconds', () => {
  it('reports between phase changes too, at most every 250 ms, each report no worse than the one before', () => {
    const problem = largeAllocationProblem();
    const events: SolveProgress[] = [];
    const plan = solveAllocation(problem, { timeLimitSeconds: 3, onProgress: (p) => events.push(p) });
    checkAllocationPlan(problem, plan, 1e-6);
    expect(events.length, JSON.stringify(events)).toBeGreaterThanOrEqual(6);
    expect(expectConsistentProgress(events, plan), JSON.stringify(events)).toBeGreaterThanOrEqual(3);
    // The bound is reported while the Lagrangian tightens it, not only once it is done.
    expect(events.filter((p) => p.phase === 'bound' && Number.isFinite(p.upperBound)).length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});

const coord = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: lo * 100, max: hi * 100 }).map((x) => x / 100);
const problemArb: fc.Arbitrary<AllocationProblem> = fc.record({
  generators: fc.array(fc.record({
    ratingKw: fc.constantFrom(30, 100, 250, 500, 800, 1250, 2000), lat: coord(48, 50), lon: coord(30, 33),
  }), { minLength: 1, maxLength: 8 }).map((gs) => gs.map((g, i) => ({ id: `G${i + 1}`, ...g }))),
  facilities: fc.array(fc.record({
    criticalLoadKw: fc.integer({ min: 0, max: 3000 }), backupKw: fc.integer({ min: 0, max: 1500 }),
    weight: fc.integer({ min: 0, max: 1000 }).map((w) => w / 100), lat: coord(48, 50), lon: coord(30, 33),
  }), { minLength: 1, maxLength: 12 }).map((fs) => fs.map((f, i) => ({ id: `F${i + 1}`, ...f }))),
  params: fc.record({
    minLoadRatio: fc.constantFrom(0, 0.1, 0.3, 0.5),
    maxGeneratorsPerFacility: fc.integer({ min: 1, max: 3 }),
    maxDistanceKm: fc.constantFrom(50, 150, 400),
    costPerKm: fc.constantFrom(0, 0.05, 1, 5),
  }),
});

describe('solveAllocation on random small problems', () => {
  it('with HiGHS: objective equals the proven optimum; without: a valid plan and a valid bound', () => {
    fc.assert(fc.property(problemArb, (problem) => {
      const optimum = highsOptimum(problem);
      const exact = solveAllocation(problem, { highs, timeLimitSeconds: 10 });
      checkAllocationPlan(problem, exact);
      expect(relErr(exact.objective, optimum)).toBeLessThan(1e-6);
      expect(exact.upperBound).toBeGreaterThanOrEqual(optimum - 1e-6 * Math.max(1, optimum));
      const own = solveAllocation(problem, { timeLimitSeconds: 10 });
      checkAllocationPlan(problem, own);
      expect(own.objective).toBeLessThanOrEqual(optimum + 1e-6 * Math.max(1, optimum));
      expect(own.upperBound).toBeGreaterThanOrEqual(optimum - 1e-6 * Math.max(1, optimum));
    }), { numRuns: 150, seed: 20240611 });
  });
});
