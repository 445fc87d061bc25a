import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { viewCondition, type SupplyView } from './supply.scope.js';
import type { LocationsTable } from './supply.tables.js';

export type LocationRow = LocationsTable;

export async function insertLocations(db: Kysely<DB>, rows: readonly LocationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('locations').values(rows.slice(i, i + 500)).execute();
}

export async function findLocation(db: Kysely<DB>, id: string): Promise<LocationRow | undefined> {
  return db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function locationsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, LocationRow>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, LocationRow>();
  for (let i = 0; i < unique.length; i += 500) for (const r of await db.selectFrom('locations').selectAll().where('id', 'in', unique.slice(i, i + 500)).execute()) out.set(r.id, r);
  return out;
}

export async function locationOfFacility(db: Kysely<DB>, facilityId: string): Promise<LocationRow | undefined> {
  return db.selectFrom('locations').selectAll().where('facility_id', '=', facilityId).executeTakeFirst();
}

/** The Ukrainian names of the facilities behind facility locations, in one query for a page of locations. */
export async function facilityNamesUk(db: Kysely<DB>, facilityIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(facilityIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('facilities').select(['id', 'name_uk']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name_uk]));
}

/** A warehouse of this name at exactly this point, if one is recorded. */
export async function warehouseAt(db: Kysely<DB>, name: string, lat: number, lon: number): Promise<LocationRow | undefined> {
  return db.selectFrom('locations').selectAll().where('kind', '=', 'warehouse').where('name', '=', name).where('lat', '=', lat).where('lon', '=', lon).orderBy('id').executeTakeFirst();
}

/** Facilities that already have a stock location. */
export async function locatedFacilityIds(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('locations').select('facility_id').where('facility_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.facility_id as string));
}

export async function listLocations(db: Kysely<DB>, view: SupplyView, filter: { kind?: string; facilityId?: string }, afterId: string | undefined, limit: number): Promise<LocationRow[]> {
  let q = db.selectFrom('locations').selectAll();
  if (!view.all) q = q.where(viewCondition(view, { facility: 'facility_id', areaPath: 'area_path' }));
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.facilityId !== undefined) q = q.where('facility_id', '=', filter.facilityId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}
