import type { Kysely } from 'kysely';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { seesRestricted } from '../../scope.js';
import { addDays } from '../../dates.js';
import { getProduct } from '../supply/products.service.js';
import { assertMayStock, supplyView, type StockWork } from '../supply/supply.scope.js';
import { DUE_WINDOW_DAYS, today } from './assets.presenter.js';
import { insertAssets, insertMaintenance, listAssets, maintenanceOf, serialsTaken, updateAsset, type AssetFilter, type AssetListRow, type AssetRow, type MaintenanceRow } from './assets.repository.js';
import type { AssetCreate, AssetListFilters, AssetStatusChange, AssetUpdate, MaintenanceCreate } from './assets.schema.js';
import { withTransaction } from '../../db/transaction.js';

/** The next service date: the last maintenance (or the installation) plus the interval. */
export const nextDue = (r: Pick<AssetRow, 'last_maintained_on' | 'installed_on' | 'maintenance_interval_days'>): string | null => {
  const from = r.last_maintained_on ?? r.installed_on;
  return from === null || r.maintenance_interval_days === null ? null : addDays(from, r.maintenance_interval_days);
};

/** Asset rows for received equipment (one per serial); stored by the receipt's transaction. */
export function newAssetRows(items: readonly { serial: string; productId: string }[], common: { facilityId: string | null; areaPath: string; locationId: string; donorOrgId: string; shipmentId: string; reason: string }, at: string): AssetRow[] {
  return items.map((i) => ({
    id: newId(),
    serial: i.serial,
    product_id: i.productId,
    facility_id: common.facilityId,
    area_path: common.areaPath,
    location_id: common.locationId,
    donor_org_id: common.donorOrgId,
    shipment_id: common.shipmentId,
    status: 'in_transit',
    status_reason: common.reason,
    installed_on: null,
    warranty_until: null,
    maintenance_interval_days: null,
    last_maintained_on: null,
    next_maintenance_due: null,
    created_at: at,
    updated_at: at,
    version: 1,
  }));
}

/** The generator and location columns of an equipment row as read (none). */
export const NO_SPEC = Object.freeze({ rating_kva: null, rating_kw: null, standby: null, fuel_type: null, tank_litres: null, fuel_f0: null, fuel_f1: null, location_name: null, location_lat: null, location_lon: null });

export async function storeAssets(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: readonly AssetRow[]): Promise<void> {
  if (rows.length === 0) return;
  await insertAssets(trx, rows);
  await appendAudit(trx, database.kind, ctx, rows.map((r) => ({ action: 'create', entity: 'asset', entityId: r.id, change: r })));
}

export const takenSerials = serialsTaken;

export async function getAsset(database: Database, principal: Principal | null, id: string): Promise<AssetListRow> {
  const [row] = await listAssets(database.db, supplyView(principal), { id }, undefined, 1);
  if (row === undefined) throw notFound('asset', id);
  return row;
}

export async function assetDetail(database: Database, principal: Principal | null, id: string): Promise<{ asset: AssetListRow; maintenance: MaintenanceRow[] }> {
  const asset = await getAsset(database, principal, id);
  return { asset, maintenance: await maintenanceOf(database.db, id) };
}

/** One page of the units the caller may see, in id order (one row more, so the list knows if more follow). */
export async function listAssetRows(database: Database, principal: Principal | null, query: AssetListFilters, page: PageRequest): Promise<AssetListRow[]> {
  const { maintenance, ...rest } = query;
  const filter: AssetFilter = { ...rest, ...(maintenance === undefined ? {} : { dueBy: maintenance === 'due' ? addDays(today(), DUE_WINDOW_DAYS) : addDays(today(), -1) }) };
  // Filtering by a facility must not tell a caller which generators are there when its power data is withheld from them.
  if (query.facilityId !== undefined) {
    const facility = await facilityRowById(database.db, query.facilityId);
    if (facility !== undefined && !seesRestricted(principal, facility)) filter.hideGeneratorsAt = facility.id;
  }
  return listAssets(database.db, supplyView(principal), filter, page.after?.id, page.limit);
}

async function placeOf(database: Database, facilityId: string | null | undefined, path: string): Promise<{ facility_id: string | null; area_path: string; name: string }> {
  if (facilityId === undefined || facilityId === null) return { facility_id: null, area_path: '', name: 'an asset without a facility' };
  const facility = await facilityRowById(database.db, facilityId);
  if (facility === undefined) throw invalid([{ path, message: `no facility with id "${facilityId}"` }]);
  return { facility_id: facility.id, area_path: facility.area_path, name: facility.name_en };
}

/** Registers equipment already in service (received equipment is registered by its receipt). */
export async function createAsset(database: Database, ctx: CallContext, input: AssetCreate): Promise<AssetListRow> {
  // Scope first: a caller outside the facility's area learns nothing about the rest of the input.
  const place = await placeOf(database, input.facilityId, '/facilityId');
  assertMayStock(ctx.principal, place);
  // Only "no such product" becomes a field error; anything else (the database failing) stays an error.
  const product = await getProduct(database.db, input.productId).catch((e: unknown) => {
    if (e instanceof AppError) return undefined;
    throw e;
  });
  if (product === undefined) throw invalid([{ path: '/productId', message: `no product with id "${input.productId}"` }]);
  if (product.kind !== 'equipment') throw invalid([{ path: '/productId', message: product.kind === 'generator' ? 'generators are registered in the energy fleet' : `"${product.name}" is a ${product.kind}, not equipment` }]);
  if (input.donorOrgId !== undefined && input.donorOrgId !== null && !(await organizationExists(database.db, input.donorOrgId))) throw invalid([{ path: '/donorOrgId', message: `no organisation with id "${input.donorOrgId}"` }]);
  if ((await serialsTaken(database.db, product.id, [input.serial])).length > 0) throw new AppError('conflict', `Serial ${input.serial} of "${product.name}" is already registered.`);
  const at = nowIso();
  const base = { installed_on: input.installedOn ?? null, last_maintained_on: null, maintenance_interval_days: input.maintenanceIntervalDays ?? null };
  const row: AssetRow = {
    id: newId(),
    serial: input.serial,
    product_id: product.id,
    facility_id: place.facility_id,
    area_path: place.area_path === '' ? null : place.area_path,
    location_id: null,
    donor_org_id: input.donorOrgId ?? null,
    shipment_id: null,
    status: input.status,
    status_reason: input.statusReason ?? null,
    warranty_until: input.warrantyUntil ?? null,
    ...base,
    next_maintenance_due: nextDue(base),
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await withTransaction(database, (trx) => storeAssets(trx, database, ctx, [row]));
  return { ...row, product_name: product.name, product_kind: product.kind, ...NO_SPEC };
}

async function writableAsset(database: Database, ctx: CallContext, id: string, version: number | null, work: StockWork = 'manage'): Promise<AssetListRow> {
  const asset = await getAsset(database, ctx.principal, id);
  assertMayStock(ctx.principal, { facility_id: asset.facility_id, area_path: asset.area_path ?? '', name: `asset ${asset.serial}` }, work);
  if (version !== null && asset.version !== version) throw new AppError('version_conflict', `The asset is at version ${asset.version}, not ${version}; reload.`, { currentVersion: asset.version });
  return asset;
}

async function saveAsset(database: Database, ctx: CallContext, before: AssetListRow, patch: Partial<AssetRow>, action: string): Promise<AssetListRow> {
  const full: Partial<AssetRow> = { ...patch, updated_at: nowIso(), version: before.version + 1 };
  await withTransaction(database, async (trx) => {
    if (!(await updateAsset(trx, before.id, before.version, full))) throw new AppError('version_conflict', 'The asset was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action, entity: 'asset', entityId: before.id, change: full }]);
  });
  return { ...before, ...full };
}

/** The states a facility's own staff report a unit in, where it stands: working, needing attention, broken. */
const CONDITION_STATUSES: readonly string[] = ['functioning', 'needs_attention', 'not_functioning'];

/**
 * Status with a reason (required unless it is working: installed or functioning); decommissioned is final.
 * Reporting the condition of a unit at a facility is that facility's work (its reporters may); moving,
 * installing or retiring it is the supply writers'.
 */
export async function changeAssetStatus(database: Database, ctx: CallContext, id: string, input: AssetStatusChange): Promise<AssetListRow> {
  const condition = CONDITION_STATUSES.includes(input.status) && input.facilityId === undefined && input.installedOn === undefined;
  const before = await writableAsset(database, ctx, id, input.version, condition ? 'facility' : 'manage');
  if (before.status === 'decommissioned') throw new AppError('conflict', `Asset ${before.serial} is decommissioned; its status is final.`);
  // A generator leaves its warehouse only through an executed energy plan and arrives through that shipment's receipt.
  if (before.rating_kw !== null && (input.facilityId !== undefined || ['in_warehouse', 'in_transit'].includes(before.status) || ['in_warehouse', 'in_transit'].includes(input.status))) {
    throw new AppError('conflict', `Generator ${before.serial} moves between warehouse and facility only through an executed energy plan and the receipt of its shipment.`);
  }
  if (input.reason === undefined && !['installed', 'functioning'].includes(input.status)) throw invalid([{ path: '/reason', message: `say why the asset is ${input.status.replace('_', ' ')}` }]);
  const patch: Partial<AssetRow> = { status: input.status, status_reason: input.reason ?? null };
  if (input.facilityId !== undefined) {
    const place = await placeOf(database, input.facilityId, '/facilityId');
    assertMayStock(ctx.principal, place);
    Object.assign(patch, { facility_id: place.facility_id, area_path: place.area_path });
  }
  if (input.status === 'installed') {
    if ((patch.facility_id ?? before.facility_id) === null) throw invalid([{ path: '/facilityId', message: 'say which facility the asset is installed at' }]);
    patch.installed_on = input.installedOn ?? today();
    patch.next_maintenance_due = nextDue({ ...before, ...patch });
  }
  return saveAsset(database, ctx, before, patch, 'status');
}

export async function updateAssetRecord(database: Database, ctx: CallContext, id: string, input: AssetUpdate): Promise<AssetListRow> {
  const before = await writableAsset(database, ctx, id, input.version);
  const patch: Partial<AssetRow> = {};
  if (input.warrantyUntil !== undefined) patch.warranty_until = input.warrantyUntil;
  if (input.maintenanceIntervalDays !== undefined) patch.maintenance_interval_days = input.maintenanceIntervalDays;
  patch.next_maintenance_due = nextDue({ ...before, ...patch });
  return saveAsset(database, ctx, before, patch, 'update');
}

/** Logs maintenance; the next due date moves on from the latest maintenance. */
export async function logMaintenance(database: Database, ctx: CallContext, id: string, input: MaintenanceCreate): Promise<{ asset: AssetListRow; maintenance: MaintenanceRow[] }> {
  const before = await writableAsset(database, ctx, id, null);
  if (input.performedOn > today()) throw invalid([{ path: '/performedOn', message: 'maintenance cannot be logged for a future date' }]);
  const last = before.last_maintained_on === null || input.performedOn > before.last_maintained_on ? input.performedOn : before.last_maintained_on;
  const patch: Partial<AssetRow> = { last_maintained_on: last, next_maintenance_due: nextDue({ ...before, last_maintained_on: last }), updated_at: nowIso(), version: before.version + 1 };
  const entry: MaintenanceRow = { id: newId(), asset_id: id, performed_on: input.performedOn, kind: input.kind, note: input.note ?? null, performed_by: ctx.principal?.email ?? 'system', created_at: nowIso() };
  await withTransaction(database, async (trx) => {
    await insertMaintenance(trx, entry);
    if (!(await updateAsset(trx, id, before.version, patch))) throw new AppError('version_conflict', 'The asset was changed by someone else; try again.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'maintenance', entity: 'asset', entityId: id, change: entry }]);
  });
  return { asset: { ...before, ...patch }, maintenance: await maintenanceOf(database.db, id) };
}
