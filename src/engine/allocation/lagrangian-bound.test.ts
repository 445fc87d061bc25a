import fc from 'fast-check';
import highsDefault from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AllocationProblem } from './allocation.types.js';
import { LagrangianDual } from './dual-prices.js';
import { buildPairs } from './eligible-pairs.js';
import { runHighs, type HighsModule } from './highs-model.js';
import { lagrangianBound } from './lagrangian-bound.js';

// The ESM build default-exports the loader; TS types it as the CJS module object (see solver-worker.ts).
const highsLoader = highsDefault as unknown as () => Promise<HighsModule>;
let highs: HighsModule;
beforeAll(async () => { highs = await highsLoader(); });

const coord = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: lo * 100, max: hi * 100 }).map((x) => x / 100);
/** Small problems where nearly every pair is eligible: generators compete for every facility. */
const denseArb: fc.Arbitrary<AllocationProblem> = fc.record({
  generators: fc.array(fc.record({
    ratingKw: fc.constantFrom(30, 100, 250, 400, 500, 800, 1250, 2000), lat: coord(49, 49.5), lon: coord(30, 30.7),
  }), { minLength: 2, maxLength: 10 }).map((gs) => gs.map((g, i) => ({ id: `G${i + 1}`, ...g }))),
  facilities: fc.array(fc.record({
    criticalLoadKw: fc.integer({ min: 50, max: 4000 }), backupKw: fc.integer({ min: 0, max: 1000 }),
    weight: fc.integer({ min: 1, max: 1000 }).map((w) => w / 100), lat: coord(49, 49.5), lon: coord(30, 30.7),
  }), { minLength: 2, maxLength: 14 }).map((fs) => fs.map((f, i) => ({ id: `F${i + 1}`, ...f }))),
  params: fc.record({
    minLoadRatio: fc.constantFrom(0, 0.1, 0.3),
    maxGeneratorsPerFacility: fc.integer({ min: 1, max: 4 }),
    maxDistanceKm: fc.constant(400),
    costPerKm: fc.constantFrom(0, 0.05, 1, 5),
  }),
});

describe('lagrangianBound', () => {
  it('is never below the HiGHS optimum on random small problems with many eligible pairs', () => {
    fc.assert(fc.property(denseArb, fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 2000, noNaN: true }), (problem, iters, scale) => {
      const ps = buildPairs(problem);
      const res = runHighs(highs, ps, { timeLimitSeconds: 60 });
      expect(res.status).toBe('optimal');
      const tol = 1e-7 * Math.max(1, Math.abs(res.objective));
      // From zero prices, from arbitrary prices, and with a target that stops it early.
      const start = Float64Array.from({ length: ps.nGen }, (_, g) => (scale * ((g * 7919) % 13)) / 13);
      for (const initialLambda of [undefined, start]) {
        const bound = lagrangianBound(ps, { deadline: performance.now() + 5000, lowerBound: 0, initialLambda, maxIterations: iters });
        expect(bound).toBeGreaterThanOrEqual(res.objective - tol);
      }
      expect(lagrangianBound(ps, { deadline: performance.now() + 5000, lowerBound: res.objective, targetGap: 1e-3 }))
        .toBeGreaterThanOrEqual(res.objective - tol);
    }), { numRuns: 120, seed: 20261124 });
  });

  it('evaluates over the active pairs exactly as over all pairs, as prices move', () => {
    fc.assert(fc.property(denseArb, fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }), (problem, moves) => {
      const ps = buildPairs(problem);
      const dual = new LagrangianDual(ps, Float64Array.from({ length: ps.nGen }, (_, g) => 100 * ((g * 31) % 17)));
      for (const [i, m] of moves.entries()) {
        // Prices go up and down, some below the thresholds of the last rebuild.
        for (let g = 0; g < ps.nGen; g++) dual.lambda[g] = Math.max(0, dual.lambda[g]! * (((g + i) % 3 === 0) ? m : 1 / (1 + m)) + (g % 2) * m);
        const fast = dual.evaluate();
        const uses = Array.from(dual.useCount);
        const all = dual.evaluate(true);
        expect(Math.abs(fast - all)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(all)));
        expect(uses.reduce((a, b) => a + b, 0)).toBe(Array.from(dual.useCount).reduce((a, b) => a + b, 0));
      }
    }), { numRuns: 200, seed: 7 });
  });
});
