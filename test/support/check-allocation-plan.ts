/**
 * Independent checker for generator allocation plans, written from DESIGN.md §6 alone: it shares no
 * code with the solver (own haversine, own eligibility, own objective), so a solver bug cannot hide
 * behind the same bug here.
 */

export interface CheckProblem {
  generators: readonly { id: string; ratingKw: number; lat: number; lon: number }[];
  facilities: readonly { id: string; criticalLoadKw: number; backupKw: number; weight: number; lat: number; lon: number }[];
  params: { minLoadRatio: number; maxGeneratorsPerFacility: number; maxDistanceKm: number; costPerKm: number };
}

export interface CheckPlan {
  assignments: readonly { generatorId: string; facilityId: string }[];
  objective: number;
  upperBound: number;
}

function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const toRad = (d: number): number => (d * Math.PI) / 180;
  const h = Math.sin(toRad(bLat - aLat) / 2) ** 2
    + Math.cos(toRad(aLat)) * Math.cos(toRad(bLat)) * Math.sin(toRad(bLon - aLon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Recomputes the objective of the assignments; throws on any infeasibility. */
export function planObjective(problem: CheckProblem, assignments: CheckPlan['assignments']): number {
  const gens = new Map(problem.generators.map((g) => [g.id, g]));
  const facs = new Map(problem.facilities.map((f) => [f.id, f]));
  const usedGen = new Set<string>();
  const perFac = new Map<string, { kw: number; n: number }>();
  let cost = 0;
  for (const { generatorId, facilityId } of assignments) {
    const g = gens.get(generatorId), f = facs.get(facilityId);
    if (!g) throw new Error(`unknown generator ${generatorId}`);
    if (!f) throw new Error(`unknown facility ${facilityId}`);
    if (usedGen.has(generatorId)) throw new Error(`generator ${generatorId} assigned twice`);
    usedGen.add(generatorId);
    const deficit = Math.max(0, f.criticalLoadKw - f.backupKw);
    if (!(deficit > 0)) throw new Error(`${generatorId} → ${facilityId}: facility has no deficit`);
    if (problem.params.minLoadRatio * g.ratingKw > f.criticalLoadKw) throw new Error(`${generatorId} → ${facilityId}: would run below min load`);
    const d = distanceKm(g.lat, g.lon, f.lat, f.lon);
    if (d > problem.params.maxDistanceKm) throw new Error(`${generatorId} → ${facilityId}: ${d} km is too far`);
    cost += problem.params.costPerKm * d;
    const entry = perFac.get(facilityId) ?? { kw: 0, n: 0 };
    entry.kw += g.ratingKw; entry.n += 1;
    if (entry.n > problem.params.maxGeneratorsPerFacility) throw new Error(`facility ${facilityId} gets too many generators`);
    perFac.set(facilityId, entry);
  }
  let value = 0;
  for (const [fid, { kw }] of perFac) {
    const f = facs.get(fid)!;
    value += f.weight * Math.min(Math.max(0, f.criticalLoadKw - f.backupKw), kw);
  }
  return value - cost;
}

/** Asserts the plan is feasible, its objective is what it claims, and its bound is not below it. */
export function checkAllocationPlan(problem: CheckProblem, plan: CheckPlan, relTol = 1e-9): number {
  const objective = planObjective(problem, plan.assignments);
  const tol = relTol * Math.max(1, Math.abs(objective));
  if (Math.abs(objective - plan.objective) > tol) throw new Error(`claimed objective ${plan.objective}, recomputed ${objective}`);
  if (plan.upperBound < objective - tol) throw new Error(`upper bound ${plan.upperBound} is below the objective ${objective}`);
  return objective;
}
