/**
 * Tables owned by the energy capability (merged into the DB interface in src/db/tables.ts). Generator sets
 * are assets (src/modules/assets: `assets` with `generator_specs`); energy reads and moves them through that service.
 */

/** Stored loads and fuel of a facility; a facility without a row uses the documented estimate. */
export interface PowerProfilesTable {
  facility_id: string;
  critical_load_kw: number;
  essential_load_kw: number;
  load_source: string;
  fuel_stock_litres: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Typical grid outage hours per day in an oblast (the "current outage level"). */
export interface AreaOutagesTable {
  oblast_katottg: string;
  outage_hours_per_day: number;
  updated_at: string;
}

export interface EnergyPlansTable {
  id: string;
  status: string;
  /** JSON of the request (params, pins, forbids, shares). */
  request: string;
  /** JSON of the DESIGN §6 problem the solver was given, with `needs`: the approved generator needs each facility carried (the inputs snapshot). */
  problem: string;
  /** JSON of the assignments with explanations, pinned units, share check. */
  result: string;
  objective: number;
  upper_bound: number;
  seconds: number;
  created_by: string;
  approved_by: string | null;
  approved_at: string | null;
  executed_by: string | null;
  executed_at: string | null;
  /** A draft set aside (migration 0016-plan-needs): who, when and why; the plan keeps its record. */
  discarded_by: string | null;
  discarded_at: string | null;
  discard_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EnergyTables {
  power_profiles: PowerProfilesTable;
  area_outages: AreaOutagesTable;
  energy_plans: EnergyPlansTable;
}
