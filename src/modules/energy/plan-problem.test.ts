import { describe, expect, it } from 'vitest';
import { checkAllocationPlan } from '../../../test/support/check-allocation-plan.js';
import type { AllocationProblem } from '../../engine/allocation/allocation.types.js';
import { solveAllocation } from '../../engine/allocation/solve.js';
import { objectiveOf, repairForbidden } from './plan-problem.js';

const problem: AllocationProblem = {
  generators: [{ id: 'G1', ratingKw: 100, lat: 50, lon: 30 }],
  facilities: [
    { id: 'A', criticalLoadKw: 100, backupKw: 0, weight: 5, lat: 50, lon: 30.01 },
    { id: 'B', criticalLoadKw: 100, backupKw: 0, weight: 3, lat: 50, lon: 30.02 },
    { id: 'C', criticalLoadKw: 500, backupKw: 0, weight: 9, lat: 60, lon: 30 },
  ],
  params: { minLoadRatio: 0.3, maxGeneratorsPerFacility: 1, maxDistanceKm: 100, costPerKm: 0.05 },
};

describe('forbidden pairs', () => {
  it('moves a forbidden unit to the best allowed eligible facility, keeping the solver bound valid', () => {
    const solved = solveAllocation(problem, { timeLimitSeconds: 1 });
    expect(solved.assignments).toEqual([{ generatorId: 'G1', facilityId: 'A' }]);
    const repaired = repairForbidden(problem, solved.assignments, [{ generatorId: 'G1', facilityId: 'A' }]);
    // C is out of reach (over 100 km), so B it is.
    expect(repaired).toEqual([{ generatorId: 'G1', facilityId: 'B' }]);
    checkAllocationPlan(problem, { assignments: repaired, objective: objectiveOf(problem, repaired), upperBound: solved.upperBound }, 1e-9);
    expect(repairForbidden(problem, solved.assignments, [{ generatorId: 'G1', facilityId: 'B' }])).toEqual(solved.assignments);
  });
});
