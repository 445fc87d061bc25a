import type { Principal } from '../../context.js';
import { usableKw } from '../../engine/fuel/fuel-model.js';
import { seesRestricted } from '../../scope.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import type { GeneratorUnit } from '../assets/generators.service.js';
import type { PlanRow } from './energy.repository.js';
import type { CoverageRow, GeneratorAsset, Plan, PowerProfile } from './energy.schema.js';
import type { FacilityEnergy } from './energy.state.js';
import { resultOf } from './energy.plans.js';

/**
 * DESIGN §5: power and fuel status of a named facility (its backup kW, fuel, autonomy, the units bound
 * for it or installed there, plan assignments naming it) are restricted. Every energy response that
 * names a facility goes through `mayName`, the one gate, which is `seesRestricted`.
 */
const mayName = (principal: Principal | null, facility: { id: string; area_path: string }): boolean => seesRestricted(principal, facility);

const r1 = (x: number): number => Math.round(x * 10) / 10;

export function presentGenerator(row: GeneratorUnit, principal: Principal | null): GeneratorAsset {
  const at = row.facility_id === null || row.facility_area_path === null ? null : { id: row.facility_id, area_path: row.facility_area_path };
  return {
    id: row.id,
    serial: row.serial,
    productName: row.product_name,
    ratingKva: row.rating_kva,
    ratingKw: row.rating_kw,
    usableKw: r1(usableKw(row.rating_kw, row.standby === 1)),
    standby: row.standby === 1,
    fuelType: row.fuel_type,
    tankLitres: row.tank_litres,
    status: row.status as GeneratorAsset['status'],
    warehouseName: row.warehouse_name,
    lat: row.lat,
    lon: row.lon,
    facilityId: at !== null && mayName(principal, at) ? at.id : null,
    oblastIso: at === null ? null : oblastIsoOfPath(at.area_path),
    donorOrgId: row.donor_org_id,
    installedAt: row.installed_at,
    version: row.version,
  };
}

export function presentProfile(s: FacilityEnergy, principal: Principal | null): PowerProfile {
  const open = mayName(principal, s.facility);
  return {
    facilityId: s.facility.id,
    facilityName: s.facility.name_en,
    oblastIso: oblastIsoOfPath(s.facility.area_path),
    facilityType: s.facility.type,
    criticalLoadKw: s.criticalLoadKw,
    essentialLoadKw: s.essentialLoadKw,
    loadSource: s.loadSource,
    outageHoursPerDay: s.outageHoursPerDay,
    priority: { weight: s.priority.weight, parts: { ...s.priority.parts } },
    restricted: !open,
    backupKw: open ? s.backupKw : null,
    deficitKw: open ? s.deficitKw : null,
    fuelStockLitres: open ? s.fuelStockLitres : null,
    autonomyHours: open ? s.autonomyHours : null,
    fuelLitresPerDay: open ? s.fuelLitresPerDay : null,
    version: s.profileVersion,
  };
}

/** A plan: aggregates by oblast for everyone who may read plans; named assignments only where allowed. */
export function presentPlan(row: PlanRow, principal: Principal | null): Plan {
  const result = resultOf(row);
  const byOblast = new Map<string, { generators: number; kw: number }>();
  for (const a of result.assignments) {
    const iso = oblastIsoOfPath(a.facilityAreaPath);
    const e = byOblast.get(iso) ?? { generators: 0, kw: 0 };
    byOblast.set(iso, { generators: e.generators + 1, kw: e.kw + a.usableKw });
  }
  const visible = result.assignments.filter((a) => mayName(principal, { id: a.facilityId, area_path: a.facilityAreaPath }));
  return {
    id: row.id,
    status: row.status as Plan['status'],
    objective: row.objective,
    upperBound: row.upper_bound,
    gapPercent: row.upper_bound > 0 ? Math.round(((row.upper_bound - row.objective) / row.upper_bound) * 1e6) / 1e4 : 0,
    seconds: row.seconds,
    problemSize: result.problemSize,
    assignedGenerators: result.assignments.length,
    assignedKw: r1(result.assignments.reduce((s, a) => s + a.usableKw, 0)),
    byOblast: [...byOblast].map(([oblastIso, e]) => ({ oblastIso, generators: e.generators, kw: r1(e.kw) })).sort((a, b) => a.oblastIso.localeCompare(b.oblastIso)),
    shareChecks: result.shareChecks,
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    executedBy: row.executed_by,
    executedAt: row.executed_at,
    discardedBy: row.discarded_by,
    discardedAt: row.discarded_at,
    discardReason: row.discard_reason,
    version: row.version,
    assignments: visible.map(({ facilityAreaPath, needId, needSpecification, warning, ...a }) => ({
      ...a,
      needId: needId ?? null,
      needSpecification: needSpecification ?? null,
      oblastIso: oblastIsoOfPath(facilityAreaPath),
      ...(warning === undefined || typeof warning === 'string' ? {} : { warning }),
    })),
    hiddenAssignments: result.assignments.length - visible.length,
  };
}

/** Public aggregates by oblast: no facility is named, so no sensitivity check is needed here. */
export function presentCoverage(states: readonly FacilityEnergy[], added: Map<string, number> | null): { items: CoverageRow[]; total: Omit<CoverageRow, 'oblastIso'> } {
  const rows = new Map<string, CoverageRow>();
  const blank = (oblastIso: string): CoverageRow => ({
    oblastIso, facilities: 0, criticalLoadKw: 0, outageHoursPerDay: 0, fuelLitresPerDay: 0,
    before: { backupKw: 0, deficitKw: 0, facilitiesWithDeficit: 0 },
    after: added === null ? null : { backupKw: 0, deficitKw: 0, facilitiesWithDeficit: 0 },
  });
  const total = blank('');
  for (const s of states) {
    const iso = oblastIsoOfPath(s.facility.area_path);
    const row = rows.get(iso) ?? blank(iso);
    rows.set(iso, row);
    for (const r of [row, total]) {
      r.facilities += 1;
      r.criticalLoadKw += s.criticalLoadKw;
      r.fuelLitresPerDay += s.fuelLitresPerDay;
      r.before.backupKw += s.backupKw;
      r.before.deficitKw += s.deficitKw;
      r.before.facilitiesWithDeficit += s.deficitKw > 0 ? 1 : 0;
      if (r.after !== null && added !== null) {
        const backup = s.backupKw + (added.get(s.facility.id) ?? 0);
        const deficit = Math.max(0, s.criticalLoadKw - backup);
        r.after.backupKw += backup;
        r.after.deficitKw += deficit;
        r.after.facilitiesWithDeficit += deficit > 0 ? 1 : 0;
      }
    }
    row.outageHoursPerDay = s.outageHoursPerDay;
  }
  const tidy = <T extends Omit<CoverageRow, 'oblastIso'>>(r: T): T => ({
    ...r,
    criticalLoadKw: r1(r.criticalLoadKw),
    fuelLitresPerDay: r1(r.fuelLitresPerDay),
    before: { ...r.before, backupKw: r1(r.before.backupKw), deficitKw: r1(r.before.deficitKw) },
    after: r.after === null ? null : { ...r.after, backupKw: r1(r.after.backupKw), deficitKw: r1(r.after.deficitKw) },
  });
  const { oblastIso: _o, ...totals } = tidy(total);
  // The national outage level is the facility-weighted mean of the oblasts'.
  totals.outageHoursPerDay = states.length === 0 ? 0 : r1(states.reduce((s, x) => s + x.outageHoursPerDay, 0) / states.length);
  return { items: [...rows.values()].map(tidy).sort((a, b) => a.oblastIso.localeCompare(b.oblastIso)), total: totals };
}
