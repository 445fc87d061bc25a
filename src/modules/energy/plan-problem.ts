import { haversineKm } from '../../engine/allocation/haversine.js';
import type { AllocationParams, AllocationProblem, Assignment } from '../../engine/allocation/allocation.types.js';
import { usableKw } from '../../engine/fuel/fuel-model.js';
import type { FieldError } from '../../errors.js';
import type { GeneratorUnit } from '../assets/generators.service.js';
import type { PowerNeed } from '../needs/needs.power.js';
import type { FacilityEnergy } from './energy.state.js';
import type { PlanCreate } from './energy.schema.js';

export const DEFAULT_PARAMS: AllocationParams = Object.freeze({ minLoadRatio: 0.3, maxGeneratorsPerFacility: 3, maxDistanceKm: 600, costPerKm: 0.05 });

export interface BuiltProblem {
  readonly problem: AllocationProblem;
  readonly pins: readonly Assignment[];
  /** The approved generator needs each facility of the problem carries (stored with the problem as its input snapshot). */
  readonly needs: readonly PlanNeed[];
  readonly errors: FieldError[];
}

/** A need a plan carries for its facility, as it stood when the plan was made. */
export type PlanNeed = Pick<PowerNeed, 'needId' | 'facilityId' | 'specification' | 'uncoveredKw'>;

const unitKw = (g: GeneratorUnit): number => usableKw(g.rating_kw, g.standby === 1);

/** Σ uncovered kW of the approved generator needs per facility. */
export function needKwByFacility(needs: readonly PlanNeed[]): Map<string, number> {
  const kw = new Map<string, number>();
  for (const n of needs) kw.set(n.facilityId, (kw.get(n.facilityId) ?? 0) + n.uncoveredKw);
  return kw;
}

/**
 * The facility's deficit as the plan sees it: at least what its approved generator needs leave uncovered, even
 * when its power profile shows none (the facility asked for that power; the profile may be an estimate).
 */
export const deficitWithNeeds = (s: FacilityEnergy, needKw: number): number => Math.max(s.deficitKw, needKw);

/**
 * DESIGN §6 from the database. Pins are applied before solving: the pinned unit leaves the pool and its
 * usable kW counts as the facility's backup, so the solver fills only what remains. Every bad pin or
 * forbidden pair is named in `errors` (nothing is solved or stored then). Facilities in `unreachable`
 * (temporarily occupied areas: the caller refuses pins to them first) stay out of the problem. An approved
 * generator need of X kW uncovered gives its facility a deficit of at least X kW (its critical load is raised
 * to backup + X where the profile shows less), so the facility is in the problem even without a profile
 * deficit; its weight stays its priority score.
 */
export function buildProblem(input: PlanCreate, available: readonly GeneratorUnit[], states: readonly FacilityEnergy[], unreachable: ReadonlySet<string> = new Set(), needs: readonly PlanNeed[] = []): BuiltProblem {
  const params: AllocationParams = { ...DEFAULT_PARAMS, ...input.params };
  const gens = new Map(available.map((g) => [g.id, g]));
  const facs = new Map(states.map((s) => [s.facility.id, s]));
  const errors: FieldError[] = [];
  const pinnedKw = new Map<string, number>();
  const pinnedGen = new Set<string>();
  (input.pins ?? []).forEach((p, i) => {
    const g = gens.get(p.generatorId);
    if (g === undefined) errors.push({ path: `/pins/${i}/generatorId`, message: `generator ${p.generatorId} is not an unassigned unit in a warehouse` });
    else if (pinnedGen.has(g.id)) errors.push({ path: `/pins/${i}/generatorId`, message: `generator ${p.generatorId} is pinned twice` });
    if (!facs.has(p.facilityId)) errors.push({ path: `/pins/${i}/facilityId`, message: `facility ${p.facilityId} is not an open facility you may plan for` });
    if (g !== undefined && facs.has(p.facilityId) && !pinnedGen.has(g.id)) {
      pinnedGen.add(g.id);
      pinnedKw.set(p.facilityId, (pinnedKw.get(p.facilityId) ?? 0) + unitKw(g));
    }
  });
  (input.forbidden ?? []).forEach((p, i) => {
    if (!gens.has(p.generatorId)) errors.push({ path: `/forbidden/${i}/generatorId`, message: `generator ${p.generatorId} is not an unassigned unit in a warehouse` });
    if (!facs.has(p.facilityId)) errors.push({ path: `/forbidden/${i}/facilityId`, message: `facility ${p.facilityId} is not an open facility you may plan for` });
  });
  const generators = available
    .filter((g) => !pinnedGen.has(g.id))
    .flatMap((g) => (g.lat === null || g.lon === null ? [] : [{ id: g.id, ratingKw: unitKw(g), lat: g.lat, lon: g.lon }]));
  const needKw = needKwByFacility(needs);
  const facilities = states
    .map((s) => ({ s, criticalLoadKw: Math.max(s.criticalLoadKw, s.backupKw + (needKw.get(s.facility.id) ?? 0)), backupKw: s.backupKw + (pinnedKw.get(s.facility.id) ?? 0) }))
    .filter(({ s, criticalLoadKw, backupKw }) => criticalLoadKw - backupKw > 0 && s.priority.weight > 0 && !unreachable.has(s.facility.id))
    .map(({ s, criticalLoadKw, backupKw }) => ({ id: s.facility.id, criticalLoadKw, backupKw, weight: s.priority.weight, lat: s.facility.lat, lon: s.facility.lon }));
  const planned = new Set([...facilities.map((f) => f.id), ...pinnedKw.keys()]);
  return {
    problem: { generators, facilities, params },
    pins: (input.pins ?? []).map((p) => ({ generatorId: p.generatorId, facilityId: p.facilityId })),
    needs: needs.filter((n) => planned.has(n.facilityId)).map((n) => ({ needId: n.needId, facilityId: n.facilityId, specification: n.specification, uncoveredKw: n.uncoveredKw })),
    errors,
  };
}

/** The DESIGN §6 objective of some assignments (used after repair; the test checker recomputes it independently). */
export function objectiveOf(problem: AllocationProblem, assignments: readonly Assignment[]): number {
  const gens = new Map(problem.generators.map((g) => [g.id, g]));
  const facs = new Map(problem.facilities.map((f) => [f.id, f]));
  const kw = new Map<string, number>();
  let cost = 0;
  for (const a of assignments) {
    const g = gens.get(a.generatorId);
    const f = facs.get(a.facilityId);
    if (g === undefined || f === undefined) continue;
    cost += problem.params.costPerKm * haversineKm(g.lat, g.lon, f.lat, f.lon);
    kw.set(f.id, (kw.get(f.id) ?? 0) + g.ratingKw);
  }
  let value = 0;
  for (const [id, k] of kw) {
    const f = facs.get(id);
    if (f !== undefined) value += f.weight * Math.min(Math.max(0, f.criticalLoadKw - f.backupKw), k);
  }
  return value - cost;
}

/**
 * Forbidden pairs are enforced after solving (the solver has no pair exclusions): each forbidden
 * assignment is dropped, and its unit goes to the eligible, allowed facility where it adds the most,
 * if any adds anything. Forbidding only shrinks the feasible set, so the solver's bound stays valid.
 */
export function repairForbidden(problem: AllocationProblem, assignments: readonly Assignment[], forbidden: readonly Assignment[]): Assignment[] {
  const banned = new Set(forbidden.map((p) => `${p.generatorId} ${p.facilityId}`));
  const kept = assignments.filter((a) => !banned.has(`${a.generatorId} ${a.facilityId}`));
  if (kept.length === assignments.length) return kept;
  const freed = assignments.filter((a) => banned.has(`${a.generatorId} ${a.facilityId}`));
  const { params } = problem;
  for (const a of freed) {
    const g = problem.generators.find((x) => x.id === a.generatorId);
    if (g === undefined) continue;
    let best: { id: string; gain: number } | undefined;
    const base = objectiveOf(problem, kept);
    for (const f of problem.facilities) {
      if (banned.has(`${g.id} ${f.id}`)) continue;
      if (params.minLoadRatio * g.ratingKw > f.criticalLoadKw) continue;
      if (haversineKm(g.lat, g.lon, f.lat, f.lon) > params.maxDistanceKm) continue;
      if (kept.filter((k) => k.facilityId === f.id).length >= params.maxGeneratorsPerFacility) continue;
      const gain = objectiveOf(problem, [...kept, { generatorId: g.id, facilityId: f.id }]) - base;
      if (gain > 1e-9 && (best === undefined || gain > best.gain)) best = { id: f.id, gain };
    }
    if (best !== undefined) kept.push({ generatorId: g.id, facilityId: best.id });
  }
  return kept;
}
