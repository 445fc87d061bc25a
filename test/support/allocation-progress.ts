/**
 * For tests of the optimiser's progress reports: a problem that takes a few seconds to solve, and the
 * checks every sequence of reports must pass (solve.test.ts in the engine, the worker in energy/).
 */
import { expect } from 'vitest';
import type { AllocationPlan, AllocationProblem, SolveProgress } from '../../src/engine/allocation/allocation.types.js';
import { seededRandom } from '../../src/engine/allocation/random.js';

/**
 * A reproducible problem across Ukraine's extent: 400 generators and 3000 facilities solve (without HiGHS)
 * in about 4 s of a 4 s limit here, each phase running long enough for several periodic reports.
 */
export function largeAllocationProblem(generators = 400, facilities = 3000, seed = 7): AllocationProblem {
  const rand = seededRandom(seed);
  const ratings = [30, 100, 250, 500, 800, 1250, 2000];
  return {
    generators: Array.from({ length: generators }, (_, i) => ({
      id: `G${i + 1}`, ratingKw: ratings[Math.floor(rand() * ratings.length)]!, lat: 46 + rand() * 6, lon: 23 + rand() * 16,
    })),
    facilities: Array.from({ length: facilities }, (_, i) => ({
      id: `F${i + 1}`, criticalLoadKw: Math.round(rand() * 1500), backupKw: Math.round(rand() * 300),
      weight: 0.5 + rand() * 9.5, lat: 46 + rand() * 6, lon: 23 + rand() * 16,
    })),
    params: { minLoadRatio: 0.3, maxGeneratorsPerFacility: 2, maxDistanceKm: 300, costPerKm: 0.05 },
  };
}

const close = (a: number, b: number): number => 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Reports a solve made: time never goes back, the objective never gets worse, a known bound never gets
 * looser nor falls below the objective, and the returned plan is at least as good as the last report.
 * Returns how many reports came between phase changes (the periodic ones), each at least 250 ms after the one
 * before (but the last, which may show the final values at once).
 */
export function expectConsistentProgress(events: readonly SolveProgress[], plan: AllocationPlan): number {
  let periodic = 0;
  events.forEach((p, i) => {
    expect(Number.isFinite(p.elapsed) && Number.isFinite(p.objective), JSON.stringify(p)).toBe(true);
    expect(Number.isNaN(p.upperBound)).toBe(false);
    expect(p.upperBound).toBeGreaterThanOrEqual(p.objective - close(p.upperBound, p.objective));
    const prev = events[i - 1];
    if (prev === undefined) return;
    expect(p.elapsed).toBeGreaterThanOrEqual(prev.elapsed);
    expect(p.objective).toBeGreaterThanOrEqual(prev.objective - close(p.objective, prev.objective));
    if (Number.isFinite(prev.upperBound)) expect(p.upperBound).toBeLessThanOrEqual(prev.upperBound + close(p.upperBound, prev.upperBound));
    if (p.phase === prev.phase && i < events.length - 1) {
      periodic++;
      expect(p.elapsed - prev.elapsed).toBeGreaterThanOrEqual(0.25 - 1e-9);
    }
  });
  const last = events.at(-1);
  if (last !== undefined) {
    expect(plan.objective).toBeGreaterThanOrEqual(last.objective - close(plan.objective, last.objective));
    if (Number.isFinite(last.upperBound)) expect(plan.upperBound).toBeLessThanOrEqual(last.upperBound + close(plan.upperBound, last.upperBound));
    expect(plan.seconds).toBeGreaterThanOrEqual(last.elapsed);
  }
  return periodic;
}
