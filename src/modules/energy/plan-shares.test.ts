import { describe, expect, it } from 'vitest';
import type { AllocationProblem } from '../../engine/allocation/allocation.types.js';
import { checkAllocationPlan } from '../../../test/support/check-allocation-plan.js';
import { objectiveOf } from './plan-problem.js';
import { repairShares } from './plan-shares.js';

// Two oblasts: Kharkiv facilities weigh more, so an unconstrained plan sends everything there.
const problem: AllocationProblem = {
  generators: [1, 2, 3, 4].map((i) => ({ id: `G${i}`, ratingKw: 300, lat: 49.5, lon: 30 })),
  facilities: [
    { id: 'K1', criticalLoadKw: 700, backupKw: 0, weight: 9, lat: 49.99, lon: 36.23 },
    { id: 'K2', criticalLoadKw: 700, backupKw: 0, weight: 9, lat: 49.9, lon: 36.1 },
    { id: 'L1', criticalLoadKw: 700, backupKw: 0, weight: 3, lat: 49.84, lon: 24.03 },
  ],
  params: { minLoadRatio: 0.3, maxGeneratorsPerFacility: 2, maxDistanceKm: 800, costPerKm: 0.05 },
};
const oblastOf = new Map([['K1', 'UA-63'], ['K2', 'UA-63'], ['L1', 'UA-46']]);
const plan = [
  { generatorId: 'G1', facilityId: 'K1' },
  { generatorId: 'G2', facilityId: 'K1' },
  { generatorId: 'G3', facilityId: 'K2' },
  { generatorId: 'G4', facilityId: 'K2' },
];

describe('minimum share per oblast', () => {
  it('moves the cheapest units until the oblast has its share, keeping the plan feasible', () => {
    const repaired = repairShares(problem, plan, oblastOf, new Map(), [{ oblastIso: 'UA-46', share: 0.5 }], new Set());
    const lviv = repaired.filter((a) => oblastOf.get(a.facilityId) === 'UA-46');
    expect(lviv).toHaveLength(2);
    // Feasible (the independent checker throws otherwise) and its objective is the one we compute.
    expect(checkAllocationPlan(problem, { assignments: repaired, objective: objectiveOf(problem, repaired), upperBound: Infinity })).toBeCloseTo(objectiveOf(problem, repaired), 6);
    expect(objectiveOf(problem, repaired)).toBeLessThan(objectiveOf(problem, plan));
  });
  it('respects forbidden pairs and the per-facility cap, and stops when nothing can help', () => {
    const repaired = repairShares(problem, plan, oblastOf, new Map(), [{ oblastIso: 'UA-46', share: 0.9 }], new Set(['G1 L1']));
    checkAllocationPlan(problem, { assignments: repaired, objective: objectiveOf(problem, repaired), upperBound: Infinity });
    // L1 takes at most two units, and G1 may not go there.
    expect(repaired.filter((a) => a.facilityId === 'L1').map((a) => a.generatorId).sort()).not.toContain('G1');
    expect(repaired.filter((a) => a.facilityId === 'L1').length).toBe(2);
  });
  it('leaves a plan that already meets every minimum unchanged', () => {
    expect(repairShares(problem, plan, oblastOf, new Map(), [{ oblastIso: 'UA-63', share: 0.5 }], new Set())).toEqual(plan);
  });
});
