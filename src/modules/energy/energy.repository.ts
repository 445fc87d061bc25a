import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { AreaOutagesTable, EnergyPlansTable, PowerProfilesTable } from './energy.tables.js';

export type ProfileRow = PowerProfilesTable;
export type PlanRow = EnergyPlansTable;
// SQLite allows 32,766 bound parameters per statement; 500 rows of a few columns stay well inside.
const BATCH = 500;

export async function findProfile(db: Kysely<DB>, facilityId: string): Promise<ProfileRow | undefined> {
  return db.selectFrom('power_profiles').selectAll().where('facility_id', '=', facilityId).executeTakeFirst();
}

export async function profilesOf(db: Kysely<DB>, facilityIds?: readonly string[]): Promise<ProfileRow[]> {
  let q = db.selectFrom('power_profiles').selectAll();
  if (facilityIds !== undefined) q = q.where('facility_id', 'in', facilityIds.length === 0 ? [''] : facilityIds);
  return q.execute();
}

export async function insertProfiles(db: Kysely<DB>, rows: readonly ProfileRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('power_profiles').values(rows.slice(i, i + BATCH)).execute();
}

export async function updateProfile(db: Kysely<DB>, facilityId: string, expectedVersion: number, patch: Partial<ProfileRow>): Promise<boolean> {
  const r = await db.updateTable('power_profiles').set(patch).where('facility_id', '=', facilityId).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function allOutages(db: Kysely<DB>): Promise<AreaOutagesTable[]> {
  return db.selectFrom('area_outages').selectAll().execute();
}

/** Clears an oblast's outage hours, before the value that replaces them is stored. */
export async function deleteOutage(db: Kysely<DB>, oblastKatottg: string): Promise<void> {
  await db.deleteFrom('area_outages').where('oblast_katottg', '=', oblastKatottg).execute();
}

export async function insertOutages(db: Kysely<DB>, rows: readonly AreaOutagesTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('area_outages').values([...rows]).execute();
}

export async function insertPlan(db: Kysely<DB>, row: PlanRow): Promise<void> {
  await db.insertInto('energy_plans').values(row).execute();
}

export async function findPlan(db: Kysely<DB>, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('energy_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Plans newest first (ids are UUIDv7, so id order is creation order). */
export async function listPlans(db: Kysely<DB>, filter: { status?: string; beforeId?: string; limit: number }): Promise<PlanRow[]> {
  let q = db.selectFrom('energy_plans').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
  return q.orderBy('id', 'desc').limit(filter.limit + 1).execute();
}

/** Plans in these statuses (few: plans are made by hand), for checking which units they hold. */
export async function plansInStatus(db: Kysely<DB>, statuses: readonly string[]): Promise<PlanRow[]> {
  return db.selectFrom('energy_plans').selectAll().where('status', 'in', [...statuses]).execute();
}

export async function updatePlan(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<PlanRow>): Promise<boolean> {
  const r = await db.updateTable('energy_plans').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
