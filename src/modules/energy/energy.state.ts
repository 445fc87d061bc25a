import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { autonomyHours, litresPerDay, usableKw, type FuelCurve } from '../../engine/fuel/fuel-model.js';
import { estimateLoads } from '../../engine/fuel/load-estimate.js';
import { priorityWeight, type PriorityWeight } from '../../engine/fuel/priority-weight.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import { workingGenerators, type GeneratorUnit } from '../assets/generators.service.js';
import { allOutages, profilesOf, type ProfileRow } from './energy.repository.js';

/** Outage hours/day assumed for an oblast with no recorded level (documented in docs/energy.md). */
export const DEFAULT_OUTAGE_HOURS = 4;

/** The oblast's KATOTTG code at the head of an area path. */
export const oblastOfPath = (areaPath: string): string => areaPath.slice(0, areaPath.indexOf('/'));

/** Everything the energy capability derives about one facility; restricted parts are cut by the presenter. */
export interface FacilityEnergy {
  readonly facility: FacilityRow;
  readonly criticalLoadKw: number;
  readonly essentialLoadKw: number;
  readonly loadSource: 'measured' | 'estimated';
  readonly fuelStockLitres: number;
  readonly units: readonly { id: string; usableKw: number; curve: FuelCurve }[];
  /** Σ usable kW of installed, working units at the facility (derived, never stored). */
  readonly backupKw: number;
  readonly deficitKw: number;
  readonly outageHoursPerDay: number;
  readonly autonomyHours: number | null;
  readonly fuelLitresPerDay: number;
  readonly priority: PriorityWeight;
  readonly profileVersion: number | null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function energyOf(facility: FacilityRow, profile: ProfileRow | undefined, generators: readonly GeneratorUnit[], outageHoursPerDay: number): FacilityEnergy {
  const services = JSON.parse(facility.services) as string[];
  const estimate = estimateLoads({ type: facility.type, beds: facility.beds, services });
  const measured = profile?.load_source === 'measured';
  const criticalLoadKw = measured ? profile.critical_load_kw : estimate.criticalLoadKw;
  const essentialLoadKw = measured ? profile.essential_load_kw : estimate.essentialLoadKw;
  const units = generators.map((g) => ({ id: g.id, usableKw: usableKw(g.rating_kw, g.standby === 1), curve: { f0: g.fuel_f0, f1: g.fuel_f1 } }));
  const backupKw = round1(units.reduce((s, u) => s + u.usableKw, 0));
  const fuel = profile?.fuel_stock_litres ?? 0;
  const hours = autonomyHours(fuel, units, criticalLoadKw);
  return {
    facility,
    criticalLoadKw,
    essentialLoadKw,
    loadSource: measured ? 'measured' : 'estimated',
    fuelStockLitres: fuel,
    units,
    backupKw,
    deficitKw: round1(Math.max(0, criticalLoadKw - backupKw)),
    outageHoursPerDay,
    autonomyHours: hours === null ? null : round1(hours),
    fuelLitresPerDay: round1(litresPerDay(units, criticalLoadKw, outageHoursPerDay)),
    // Attacks nearby come from the monitoring capability, built in parallel: 0 until it supplies them.
    priority: priorityWeight({ type: facility.type, beds: facility.beds, services, outageHoursPerDay, recentAttacksNearby: 0 }),
    profileVersion: profile?.version ?? null,
  };
}

/** Outage hours/day by oblast KATOTTG code. */
export async function outageLevels(db: Kysely<DB>): Promise<Map<string, number>> {
  return new Map((await allOutages(db)).map((o) => [o.oblast_katottg, o.outage_hours_per_day]));
}

/** The energy state of many facilities with three bulk queries (profiles, working units, outages). */
export async function energyOfMany(db: Kysely<DB>, facilities: readonly FacilityRow[], onlyThese = false): Promise<FacilityEnergy[]> {
  const ids = onlyThese ? facilities.map((f) => f.id) : undefined;
  const profiles = new Map((await profilesOf(db, ids)).map((p) => [p.facility_id, p]));
  const unitsAt = new Map<string, GeneratorUnit[]>();
  for (const g of await workingGenerators(db, ids)) {
    const key = g.facility_id ?? '';
    unitsAt.set(key, [...(unitsAt.get(key) ?? []), g]);
  }
  const outages = await outageLevels(db);
  return facilities.map((f) => energyOf(f, profiles.get(f.id), unitsAt.get(f.id) ?? [], outages.get(oblastOfPath(f.area_path)) ?? DEFAULT_OUTAGE_HOURS));
}
