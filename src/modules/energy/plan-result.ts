import { haversineKm } from '../../engine/allocation/haversine.js';
import type { AllocationProblem, Assignment } from '../../engine/allocation/allocation.types.js';
import { usableKw } from '../../engine/fuel/fuel-model.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import type { GeneratorUnit } from '../assets/generators.service.js';
import type { AccessWarning } from '../geography/access-warning.schema.js';
import type { PlanAssignment, PlanCreate } from './energy.schema.js';
import type { FacilityEnergy } from './energy.state.js';
import { deficitWithNeeds, needKwByFacility, type PlanNeed } from './plan-problem.js';

/**
 * One assignment as stored: the facility's area path travels with it so the presenter can apply DESIGN §5.
 * Plans stored before migration 0016-plan-needs name no need; plans stored before warnings were structured carry
 * the English sentence as their warning (not answered: the client words the warning in the reader's language).
 */
export type StoredAssignment = Omit<PlanAssignment, 'oblastIso' | 'needId' | 'needSpecification' | 'warning'> & {
  facilityAreaPath: string;
  needId?: string | null;
  needSpecification?: string | null;
  warning?: AccessWarning | string;
};

export interface ShareCheck {
  oblastIso: string;
  minShare: number;
  share: number;
  met: boolean;
}

/** The JSON in energy_plans.result. */
export interface StoredResult {
  assignments: StoredAssignment[];
  shareChecks: ShareCheck[];
  problemSize: { generators: number; facilities: number };
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Explains each assignment: why this facility (its weight and parts, its deficit before the plan) and why
 * this unit (its usable kW against the critical load and the deficit left, the distance). Units at one
 * facility are explained pinned first, then largest first, each covering what the earlier ones left. Each
 * unit serves the facility's most urgent approved generator need that the earlier units left uncovered;
 * a unit beyond its needs serves the profile's deficit alone (no need).
 */
export function explainAssignments(
  problem: AllocationProblem, solved: readonly Assignment[], pins: readonly Assignment[], generators: readonly GeneratorUnit[], states: readonly FacilityEnergy[], needs: readonly PlanNeed[] = [],
): StoredAssignment[] {
  const needKw = needKwByFacility(needs);
  const needLeft = new Map(needs.map((n) => [n.needId, n.uncoveredKw]));
  const gens = new Map(generators.map((g) => [g.id, g]));
  const facs = new Map(states.map((s) => [s.facility.id, s]));
  const all = [...pins.map((a) => ({ ...a, pinned: true })), ...solved.map((a) => ({ ...a, pinned: false }))];
  const kwOf = (id: string): number => {
    const g = gens.get(id);
    return g === undefined ? 0 : usableKw(g.rating_kw, g.standby === 1);
  };
  all.sort((a, b) => a.facilityId.localeCompare(b.facilityId) || Number(b.pinned) - Number(a.pinned) || kwOf(b.generatorId) - kwOf(a.generatorId));
  const left = new Map<string, number>();
  const out: StoredAssignment[] = [];
  for (const a of all) {
    const g = gens.get(a.generatorId);
    const s = facs.get(a.facilityId);
    if (g === undefined || s === undefined) continue;
    const unit = kwOf(g.id);
    const deficit = r1(deficitWithNeeds(s, needKw.get(s.facility.id) ?? 0));
    const remaining = left.get(s.facility.id) ?? deficit;
    const covers = Math.min(unit, remaining);
    left.set(s.facility.id, remaining - covers);
    const distance = g.lat === null || g.lon === null ? 0 : haversineKm(g.lat, g.lon, s.facility.lat, s.facility.lon);
    const p = s.priority.parts;
    const ratio = s.criticalLoadKw > 0 ? unit / s.criticalLoadKw : 0;
    const need = needs.find((n) => n.facilityId === s.facility.id && (needLeft.get(n.needId) ?? 0) > 0);
    if (need !== undefined) needLeft.set(need.needId, (needLeft.get(need.needId) ?? 0) - unit);
    out.push({
      generatorId: g.id,
      serial: g.serial,
      usableKw: r1(unit),
      facilityId: s.facility.id,
      facilityName: s.facility.name_en,
      facilityAreaPath: s.facility.area_path,
      pinned: a.pinned,
      needId: need?.needId ?? null,
      needSpecification: need?.specification ?? null,
      explanation: {
        text:
          `${a.pinned ? 'Pinned by the planner. ' : ''}Facility weight ${s.priority.weight} (type ${p.type}, beds ${p.beds}, services ${p.services}, outage ${p.outage}, attacks ${p.attacks}) ` +
          `with a deficit of ${deficit} kW of its ${r1(s.criticalLoadKw)} kW critical load${deficit > r1(s.deficitKw) ? ` (its approved generator needs leave ${r1(needKw.get(s.facility.id) ?? 0)} kW uncovered)` : ''}; unit ${g.serial} gives ${r1(unit)} usable kW ` +
          `(${Math.round(ratio * 100)} % of the critical load, minimum ${Math.round(problem.params.minLoadRatio * 100)} %), closes ${r1(covers)} kW, ${Math.round(distance)} km from ${g.warehouse_name ?? 'its warehouse'}` +
          `${need === undefined ? '' : `; meets the need "${need.specification}"`}.`,
        facilityWeight: s.priority.weight,
        weightParts: p,
        criticalLoadKw: r1(s.criticalLoadKw),
        deficitKw: deficit,
        unitKw: r1(unit),
        coversKw: r1(covers),
        loadRatio: Math.round(ratio * 1000) / 1000,
        distanceKm: r1(distance),
      },
    });
  }
  return out;
}

/**
 * Minimum shares per oblast are checked, not enforced: the solver has no side constraints, so the plan
 * reports each oblast's share of the allocated kW and whether it meets the minimum (docs/energy.md).
 */
export function checkShares(assignments: readonly StoredAssignment[], wanted: PlanCreate['minOblastShares']): ShareCheck[] {
  const total = assignments.reduce((s, a) => s + a.usableKw, 0);
  return (wanted ?? []).map((w) => {
    const kw = assignments.filter((a) => oblastIsoOfPath(a.facilityAreaPath) === w.oblastIso).reduce((s, a) => s + a.usableKw, 0);
    const share = total > 0 ? kw / total : 0;
    return { oblastIso: w.oblastIso, minShare: w.share, share: Math.round(share * 10000) / 10000, met: share >= w.share - 1e-9 };
  });
}
