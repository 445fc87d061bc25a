import { haversineKm } from '../../engine/allocation/haversine.js';
import type { AllocationProblem, Assignment } from '../../engine/allocation/allocation.types.js';
import { objectiveOf } from './plan-problem.js';

export interface ShareTarget {
  oblastIso: string;
  share: number;
}

/**
 * Minimum share per oblast, by repair after solving (the solver has no side constraints): while an oblast
 * gets less than its share of the allocated kW, the move that costs the objective least brings it one more
 * unit — a spare unit, or one taken from an oblast that keeps its own minimum — placed at an eligible
 * facility of that oblast (load ratio, distance, per-facility cap, forbidden pairs respected). It stops when
 * every minimum is met or no move can help. The solver's bound stays a valid upper bound: adding a
 * constraint can only lower the optimum.
 */
export function repairShares(
  problem: AllocationProblem,
  assignments: readonly Assignment[],
  oblastOf: ReadonlyMap<string, string>,
  pinnedKwByOblast: ReadonlyMap<string, number>,
  targets: readonly ShareTarget[],
  forbidden: ReadonlySet<string>,
): Assignment[] {
  if (targets.length === 0) return [...assignments];
  const { params } = problem;
  const kwOf = new Map(problem.generators.map((g) => [g.id, g.ratingKw]));
  const minOf = new Map(targets.map((t) => [t.oblastIso, t.share]));
  let current = [...assignments];
  const sharesOf = (plan: readonly Assignment[]) => {
    const kw = new Map(pinnedKwByOblast);
    for (const a of plan) {
      const o = oblastOf.get(a.facilityId) ?? '';
      kw.set(o, (kw.get(o) ?? 0) + (kwOf.get(a.generatorId) ?? 0));
    }
    const total = [...kw.values()].reduce((s, v) => s + v, 0);
    return (o: string) => (total > 0 ? (kw.get(o) ?? 0) / total : 0);
  };
  for (let step = 0; step < problem.generators.length; step++) {
    const share = sharesOf(current);
    const short = targets.find((t) => share(t.oblastIso) < t.share - 1e-9);
    if (short === undefined) break;
    const inOblast = problem.facilities.filter((f) => oblastOf.get(f.id) === short.oblastIso && f.criticalLoadKw - f.backupKw > 0);
    let best: { plan: Assignment[]; value: number } | undefined;
    for (const g of problem.generators) {
      const rest = current.filter((a) => a.generatorId !== g.id);
      const from = current.find((a) => a.generatorId === g.id);
      const fromOblast = from === undefined ? undefined : oblastOf.get(from.facilityId);
      if (fromOblast === short.oblastIso) continue;
      for (const f of inOblast) {
        if (forbidden.has(`${g.id} ${f.id}`)) continue;
        if (params.minLoadRatio * g.ratingKw > f.criticalLoadKw) continue;
        if (haversineKm(g.lat, g.lon, f.lat, f.lon) > params.maxDistanceKm) continue;
        if (rest.filter((a) => a.facilityId === f.id).length >= params.maxGeneratorsPerFacility) continue;
        const plan = [...rest, { generatorId: g.id, facilityId: f.id }];
        // Taking a unit from an oblast with a minimum must not push that oblast below it.
        if (fromOblast !== undefined && minOf.has(fromOblast) && sharesOf(plan)(fromOblast) < (minOf.get(fromOblast) ?? 0) - 1e-9) continue;
        const value = objectiveOf(problem, plan);
        if (best === undefined || value > best.value) best = { plan, value };
      }
    }
    if (best === undefined) break;
    current = best.plan;
  }
  return current;
}
