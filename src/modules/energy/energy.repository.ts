import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { AreaOutagesTable, EnergyPlansTable, GeneratorAssetsTable, PowerProfilesTable } from './energy.tables.js';

export type GeneratorRow = GeneratorAssetsTable;
export type ProfileRow = PowerProfilesTable;
export type PlanRow = EnergyPlansTable;
/** A generator with the area of the facility it is bound for or installed at (for the sensitivity check). */
export type GeneratorWithArea = GeneratorRow & { facility_area_path: string | null };

/** Statuses whose units count as working backup at their facility. */
export const WORKING_STATUSES = ['installed', 'functioning'] as const;

// SQLite allows 32,766 bound parameters per statement; 18 columns × 500 rows stays well inside.
const BATCH = 500;

export async function insertGenerators(db: Kysely<DB>, rows: readonly GeneratorRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('generator_assets').values(rows.slice(i, i + BATCH)).execute();
}

/** Fleet units by serial. */
export async function generatorsBySerial(db: Kysely<DB>, serials: readonly string[]): Promise<GeneratorRow[]> {
  if (serials.length === 0) return [];
  return db.selectFrom('generator_assets').selectAll().where('serial', 'in', [...serials]).execute();
}

/** Which of these serials are already in the fleet. */
export async function findGeneratorSerials(db: Kysely<DB>, serials: readonly string[]): Promise<string[]> {
  if (serials.length === 0) return [];
  return (await db.selectFrom('generator_assets').select('serial').where('serial', 'in', [...serials]).execute()).map((r) => r.serial);
}

/** One page of the fleet in id order, one extra row fetched to know if more follow. */
export async function listGenerators(db: Kysely<DB>, filter: { status?: string; afterId?: string; id?: string; limit: number }): Promise<GeneratorWithArea[]> {
  let q = db
    .selectFrom('generator_assets')
    .leftJoin('facilities', 'facilities.id', 'generator_assets.facility_id')
    .selectAll('generator_assets')
    .select('facilities.area_path as facility_area_path');
  if (filter.status !== undefined) q = q.where('generator_assets.status', '=', filter.status);
  if (filter.afterId !== undefined) q = q.where('generator_assets.id', '>', filter.afterId);
  if (filter.id !== undefined) q = q.where('generator_assets.id', '=', filter.id);
  return q.orderBy('generator_assets.id').limit(filter.limit + 1).execute();
}

/** Units that count as working backup, optionally only at some facilities. */
export async function workingGenerators(db: Kysely<DB>, facilityIds?: readonly string[]): Promise<GeneratorRow[]> {
  let q = db.selectFrom('generator_assets').selectAll().where('status', 'in', WORKING_STATUSES).where('facility_id', 'is not', null);
  if (facilityIds !== undefined) q = q.where('facility_id', 'in', facilityIds.length === 0 ? [''] : facilityIds);
  return q.execute();
}

/** Units waiting in a warehouse with no destination: what a plan may allocate. */
export async function unassignedGenerators(db: Kysely<DB>): Promise<GeneratorRow[]> {
  return db.selectFrom('generator_assets').selectAll().where('status', '=', 'in_warehouse').where('facility_id', 'is', null).orderBy('id').execute();
}

export async function findGenerators(db: Kysely<DB>, ids: readonly string[]): Promise<GeneratorRow[]> {
  const out: GeneratorRow[] = [];
  for (let i = 0; i < ids.length; i += 900) out.push(...(await db.selectFrom('generator_assets').selectAll().where('id', 'in', ids.slice(i, i + 900)).execute()));
  return out;
}

/** Applies a change only if the stored version is the one read; returns whether it did. */
export async function updateGenerator(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<GeneratorRow>): Promise<boolean> {
  const r = await db.updateTable('generator_assets').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

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

export async function updatePlan(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<PlanRow>): Promise<boolean> {
  const r = await db.updateTable('energy_plans').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
