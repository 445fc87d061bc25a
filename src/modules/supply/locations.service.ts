import type { Kysely } from 'kysely';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { resolveArea } from '../geography/geography.service.js';
import { nearestOblast } from '../geography/oblasts.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { facilityNamesUk, findLocation, insertLocations, listLocations, locationOfFacility, warehouseAt, type LocationRow } from './locations.repository.js';
import type { Location, LocationListFilters, WarehouseCreate } from './locations.schema.js';
import { assertMayStock, seesPlace, supplyView } from './supply.scope.js';
import { withTransaction } from '../../db/transaction.js';

export const presentLocation = (r: LocationRow, namesUk: ReadonlyMap<string, string> = new Map()): Location => ({
  id: r.id,
  kind: r.kind as Location['kind'],
  name: r.name,
  nameUk: r.facility_id === null ? null : (namesUk.get(r.facility_id) ?? null),
  facilityId: r.facility_id,
  areaKatottg: r.area_katottg,
  operatorOrgId: r.operator_org_id,
  createdAt: r.created_at,
  version: r.version,
});

export async function createWarehouse(database: Database, ctx: CallContext, input: WarehouseCreate): Promise<LocationRow> {
  const area = await resolveArea(database.db, input.areaKatottg, '/areaKatottg');
  if (input.operatorOrgId !== undefined && input.operatorOrgId !== null && !(await organizationExists(database.db, input.operatorOrgId))) throw invalid([{ path: '/operatorOrgId', message: `no organisation with id "${input.operatorOrgId}"` }]);
  const at = nowIso();
  const row: LocationRow = { id: newId(), kind: 'warehouse', name: input.name, facility_id: null, area_katottg: area.katottg, area_path: area.path, operator_org_id: input.operatorOrgId ?? null, created_at: at, updated_at: at, version: 1 };
  assertMayStock(ctx.principal, row);
  await withTransaction(database, async (trx) => {
    await insertLocations(trx, [row]);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'location', entityId: row.id, change: row }]);
  });
  return row;
}

/** The stock location of a facility, made (and audited) inside the caller's transaction the first time it is needed. */
export async function ensureFacilityLocation(trx: Kysely<DB>, database: Database, ctx: CallContext, facilityId: string): Promise<LocationRow> {
  const existing = await locationOfFacility(trx, facilityId);
  if (existing !== undefined) return existing;
  const facility = await facilityRowById(trx, facilityId);
  if (facility === undefined) throw invalid([{ path: '/facilityId', message: `no facility with id "${facilityId}"` }]);
  const at = nowIso();
  const row: LocationRow = { id: newId(), kind: 'facility', name: facility.name_en, facility_id: facility.id, area_katottg: facility.area_katottg, area_path: facility.area_path, operator_org_id: facility.operator_org_id, created_at: at, updated_at: at, version: 1 };
  await insertLocations(trx, [row]);
  await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'location', entityId: row.id, change: row }]);
  return row;
}

/**
 * The warehouse location named and placed so (units arriving with a warehouse name and point), made and audited
 * inside the caller's transaction the first time: placed in the oblast whose centre is nearest the point.
 */
export async function ensureWarehouseAt(trx: Kysely<DB>, database: Database, ctx: CallContext, place: { name: string; lat: number; lon: number }): Promise<LocationRow> {
  const existing = await warehouseAt(trx, place.name, place.lat, place.lon);
  if (existing !== undefined) return existing;
  const area = await resolveArea(trx, nearestOblast(place.lat, place.lon).katottg, '/warehouse');
  const at = nowIso();
  const row: LocationRow = { id: newId(), kind: 'warehouse', name: place.name, facility_id: null, area_katottg: area.katottg, area_path: area.path, operator_org_id: null, lat: place.lat, lon: place.lon, created_at: at, updated_at: at, version: 1 };
  await insertLocations(trx, [row]);
  await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'location', entityId: row.id, change: row }]);
  return row;
}

export async function facilityLocation(database: Database, ctx: CallContext, facilityId: string): Promise<LocationRow> {
  return withTransaction(database, async (trx) => {
    const facility = await facilityRowById(trx, facilityId);
    if (facility === undefined) throw invalid([{ path: '/facilityId', message: `no facility with id "${facilityId}"` }]);
    assertMayStock(ctx.principal, { facility_id: facility.id, area_path: facility.area_path, name: facility.name_en });
    return ensureFacilityLocation(trx, database, ctx, facilityId);
  });
}

/** Locations for the reader, a facility location with its facility's Ukrainian name (one query for them all). */
export async function presentLocations(db: Kysely<DB>, rows: readonly LocationRow[]): Promise<Location[]> {
  const names = await facilityNamesUk(db, rows.map((r) => r.facility_id));
  return rows.map((r) => presentLocation(r, names));
}

/** A location the caller may see; others are "not found". */
export async function getLocation(db: Kysely<DB>, principal: Principal | null, id: string, path = '/locationId'): Promise<LocationRow> {
  const row = await findLocation(db, id);
  if (row === undefined || !seesPlace(supplyView(principal), row)) {
    if (path === '') throw notFound('location', id);
    throw invalid([{ path, message: `no location with id "${id}"` }]);
  }
  return row;
}

export async function listLocationRows(database: Database, principal: Principal | null, query: LocationListFilters, page: PageRequest): Promise<LocationRow[]> {
  const filter: { kind?: string; facilityId?: string } = {};
  if (query.kind !== undefined) filter.kind = query.kind;
  if (query.facilityId !== undefined) filter.facilityId = query.facilityId;
  return listLocations(database.db, supplyView(principal), filter, page.after?.id, page.limit);
}
