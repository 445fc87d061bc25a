import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { DEFAULT_FUEL_CURVE, kwFromKva, usableKw } from '../../engine/fuel/fuel-model.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { covers, editScope, EVERYTHING } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { dispatchGenerators, ensureGeneratorProducts } from '../supply/generator-dispatch.js';
import { ensureWarehouseAt } from '../supply/locations.service.js';
import type { SupplyView } from '../supply/supply.scope.js';
import { allAssets, generatorSerialsTaken, generatorTotals, insertAssets, insertSpecs, listAssets, updateAsset, type AssetFilter, type AssetListRow, type AssetRow, type SpecRow } from './assets.repository.js';
import { WORKING_STATUSES, type AssetStatus } from './assets.schema.js';
import type { AssetsTable, GeneratorSpecsTable } from './assets.tables.js';
import { withTransaction } from '../../db/transaction.js';

/**
 * Generator sets as the energy capability sees them: assets of a generator product with their spec, where
 * they wait (a warehouse location's name and point) or the facility they are bound for or installed at.
 * Every read and write of a generator goes through here (or the general asset functions): one model.
 */
export type GeneratorUnit = Pick<AssetsTable, 'id' | 'serial' | 'product_id' | 'status' | 'location_id' | 'facility_id' | 'donor_org_id' | 'version'> &
  Omit<GeneratorSpecsTable, 'asset_id'> & {
    product_name: string;
    /** The warehouse it waits in (name and point), while it has no facility. */
    warehouse_name: string | null;
    lat: number | null;
    lon: number | null;
    /** The area of the facility it is bound for or installed at (for the sensitivity check). */
    facility_area_path: string | null;
    /** The installation date, at midnight UTC (the asset model keeps the date). */
    installed_at: string | null;
  };

const unitOf = (r: AssetListRow): GeneratorUnit => {
  const waiting = r.facility_id === null;
  return {
    id: r.id, serial: r.serial, product_id: r.product_id, product_name: r.product_name,
    rating_kva: r.rating_kva ?? 0, rating_kw: r.rating_kw ?? 0, standby: r.standby ?? 0, fuel_type: r.fuel_type ?? '', tank_litres: r.tank_litres ?? 0,
    fuel_f0: r.fuel_f0 ?? DEFAULT_FUEL_CURVE.f0, fuel_f1: r.fuel_f1 ?? DEFAULT_FUEL_CURVE.f1, status: r.status,
    location_id: r.location_id, warehouse_name: waiting ? r.location_name : null, lat: waiting ? r.location_lat : null, lon: waiting ? r.location_lon : null,
    facility_id: r.facility_id, facility_area_path: waiting ? null : r.area_path, donor_org_id: r.donor_org_id,
    installed_at: r.installed_on === null ? null : `${r.installed_on}T00:00:00.000Z`, version: r.version,
  };
};

const generators = async (db: Kysely<DB>, filter: AssetFilter): Promise<GeneratorUnit[]> => (await allAssets(db, { ...filter, kind: 'generator' })).map(unitOf);

/** One page of the fleet in id order (one extra row fetched to know if more follow). */
export async function generatorPage(database: Database, filter: { status?: string; afterId?: string; limit: number }): Promise<GeneratorUnit[]> {
  // The fleet is listed to every signed-in role; the energy presenter withholds the facility where it must.
  const everything: SupplyView = { all: true, places: EVERYTHING, donorOrgIds: [] };
  return (await listAssets(database.db, everything, { kind: 'generator', ...(filter.status === undefined ? {} : { status: filter.status }) }, filter.afterId, filter.limit)).map(unitOf);
}

/** The whole fleet by status: count and rated kW. */
export async function generatorStatusTotals(database: Database): Promise<{ status: string; count: number; ratingKw: number }[]> {
  return (await generatorTotals(database.db)).map((r) => ({ status: r.status, count: Number(r.n), ratingKw: Math.round(Number(r.kw ?? 0) * 10) / 10 }));
}

/** Units that count as working backup at their facility (optionally only these facilities). */
export const workingGenerators = (db: Kysely<DB>, facilityIds?: readonly string[]): Promise<GeneratorUnit[]> =>
  generators(db, { statuses: WORKING_STATUSES, atFacility: true, ...(facilityIds === undefined ? {} : { facilityIds }) });

/** Units waiting in a warehouse with no destination: what a plan may allocate. */
export const unassignedGenerators = (db: Kysely<DB>): Promise<GeneratorUnit[]> => generators(db, { status: 'in_warehouse', atFacility: false });

export const generatorsByIds = (db: Kysely<DB>, ids: readonly string[]): Promise<GeneratorUnit[]> => generators(db, { ids });

export async function getGenerator(db: Kysely<DB>, id: string): Promise<GeneratorUnit> {
  const [unit] = await generators(db, { ids: [id] });
  if (unit === undefined) throw notFound('generator', id);
  return unit;
}

export interface GeneratorArrival {
  warehouse: { name: string; lat: number; lon: number };
  donorOrgId?: string | undefined;
  units: readonly { serial: string; productName: string; ratingKva: number; standby: boolean; fuelType: string; tankLitres: number }[];
}

/**
 * Registers units that arrived in a warehouse (a donated package, or units bought): each becomes an asset of
 * its model's generator product, status `in_warehouse` at the warehouse location, until an executed plan sends
 * it out. Serials are unique across the fleet; a batch with one taken or repeated serial is refused whole.
 */
export async function registerGenerators(database: Database, ctx: CallContext, input: GeneratorArrival): Promise<GeneratorUnit[]> {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  input.units.forEach((u, i) => {
    const first = seen.get(u.serial);
    if (first !== undefined) errors.push({ path: `/units/${i}/serial`, message: `repeats unit ${first}'s serial "${u.serial}"` });
    else seen.set(u.serial, i);
  });
  const taken = new Set(await generatorSerialsTaken(database.db, [...seen.keys()]));
  input.units.forEach((u, i) => { if (taken.has(u.serial) && seen.get(u.serial) === i) errors.push({ path: `/units/${i}/serial`, message: `serial "${u.serial}" is already in the fleet` }); });
  if (input.donorOrgId !== undefined && !(await organizationExists(database.db, input.donorOrgId))) errors.push({ path: '/donorOrgId', message: `no organisation with id "${input.donorOrgId}"` });
  if (errors.length > 0) throw invalid(errors);
  const ids = await withTransaction(database, (trx) => storeGenerators(trx, database, ctx, input, nowIso()));
  return generatorsByIds(database.db, ids);
}

/** Writes arriving units (with their products and warehouse location where new) in the caller's transaction: the API and the demo. */
export async function storeGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, input: GeneratorArrival, at: string): Promise<string[]> {
  const products = await ensureGeneratorProducts(trx, database, ctx, input.units.map((u) => u.productName), at);
  const warehouse = await ensureWarehouseAt(trx, database, ctx, input.warehouse);
  const assets: AssetRow[] = [];
  const specs: SpecRow[] = [];
  for (const u of input.units) {
    const id = newId();
    assets.push({
      id, serial: u.serial, product_id: (products.get(u.productName) as { id: string }).id, facility_id: null, area_path: warehouse.area_path, location_id: warehouse.id,
      donor_org_id: input.donorOrgId ?? null, shipment_id: null, status: 'in_warehouse', status_reason: `arrived at ${warehouse.name}`, installed_on: null, warranty_until: null,
      maintenance_interval_days: null, last_maintained_on: null, next_maintenance_due: null, created_at: at, updated_at: at, version: 1,
    });
    specs.push({ asset_id: id, rating_kva: u.ratingKva, rating_kw: kwFromKva(u.ratingKva), standby: u.standby ? 1 : 0, fuel_type: u.fuelType, tank_litres: u.tankLitres, fuel_f0: DEFAULT_FUEL_CURVE.f0, fuel_f1: DEFAULT_FUEL_CURVE.f1 });
  }
  await insertAssets(trx, assets);
  await insertSpecs(trx, specs);
  await appendAudit(trx, database.kind, ctx, assets.map((a, i) => ({ action: 'create', entity: 'asset', entityId: a.id, change: { ...a, generator: specs[i] } })));
  return assets.map((a) => a.id);
}

/**
 * Installed units of earlier donations at their facilities (demo and imports of what is already there):
 * assets at the facility's area with their spec, in the caller's transaction.
 */
export async function storeInstalledGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, units: readonly { serial: string; productName: string; ratingKva: number; standby: boolean; fuelType: string; tankLitres: number; status: AssetStatus; facility: { id: string; area_path: string }; installedOn: string }[], at: string): Promise<string[]> {
  const products = await ensureGeneratorProducts(trx, database, ctx, units.map((u) => u.productName), at);
  const assets: AssetRow[] = units.map((u) => ({
    id: newId(), serial: u.serial, product_id: (products.get(u.productName) as { id: string }).id, facility_id: u.facility.id, area_path: u.facility.area_path, location_id: null,
    donor_org_id: null, shipment_id: null, status: u.status, status_reason: null, installed_on: u.installedOn, warranty_until: null, maintenance_interval_days: null,
    last_maintained_on: null, next_maintenance_due: null, created_at: at, updated_at: at, version: 1,
  }));
  const specs: SpecRow[] = units.map((u, i) => ({ asset_id: (assets[i] as AssetRow).id, rating_kva: u.ratingKva, rating_kw: kwFromKva(u.ratingKva), standby: u.standby ? 1 : 0, fuel_type: u.fuelType, tank_litres: u.tankLitres, fuel_f0: DEFAULT_FUEL_CURVE.f0, fuel_f1: DEFAULT_FUEL_CURVE.f1 }));
  await insertAssets(trx, assets);
  await insertSpecs(trx, specs);
  await appendAudit(trx, database.kind, ctx, assets.map((a, i) => ({ action: 'create', entity: 'asset', entityId: a.id, change: { ...a, generator: specs[i] } })));
  return assets.map((a) => a.id);
}

/**
 * Sends units out of their warehouses to the facilities a plan gives them, in the plan's transaction: each goes
 * `in_transit` with its facility as destination, on a supply shipment (one per facility, warehouse and sender).
 * The caller has checked the units are still waiting; a unit changed meanwhile fails the whole dispatch.
 */
export async function sendGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, planId: string, at: string, moves: readonly { unit: GeneratorUnit; facility: { id: string; area_path: string }; senderOrgId: string; needId?: string | null }[]): Promise<void> {
  const shipmentOf = await dispatchGenerators(trx, database, ctx, planId, at, moves.map((m) => ({ serial: m.unit.serial, productId: m.unit.product_id, senderOrgId: m.senderOrgId, warehouseName: m.unit.warehouse_name ?? 'warehouse', facilityId: m.facility.id, needId: m.needId ?? null, usableKw: usableKw(m.unit.rating_kw, m.unit.standby === 1) })));
  for (const { unit, facility } of moves) {
    const patch: Partial<AssetRow> = { status: 'in_transit', status_reason: `dispatched by energy plan ${planId}`, facility_id: facility.id, area_path: facility.area_path, location_id: null, shipment_id: shipmentOf.get(unit.serial) ?? null, updated_at: at, version: unit.version + 1 };
    if (!(await updateAsset(trx, unit.id, unit.version, patch))) throw new AppError('conflict', `Unit ${unit.serial} was changed by someone else; run a new plan.`);
  }
  await appendAudit(trx, database.kind, ctx, moves.map((m) => ({ action: 'dispatch', entity: 'asset', entityId: m.unit.id, change: { status: { from: m.unit.status, to: 'in_transit' }, facility_id: { from: null, to: m.facility.id }, plan: planId } })));
}

/** What is wrong with receiving these units at this facility: each must be a fleet unit on its way there. */
export async function generatorArrivalProblems(db: Kysely<DB>, facilityId: string | null, serials: readonly string[], path: string): Promise<FieldError[]> {
  if (serials.length === 0) return [];
  if (facilityId === null) return [{ path, message: 'generators are received at the facility an executed plan sends them to; units arriving in a warehouse are registered in the fleet (POST /api/v1/energy/fleet)' }];
  const bySerial = new Map((await generators(db, { serials })).map((g) => [g.serial, g]));
  return serials.flatMap((serial) => {
    const g = bySerial.get(serial);
    if (g === undefined) return [{ path, message: `unit ${serial} is not in the generator fleet` }];
    if (g.status !== 'in_transit' || g.facility_id !== facilityId) return [{ path, message: `unit ${serial} is not on its way to this facility (it is ${g.status})` }];
    return [];
  });
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * What a generator line's receipt brings to its need, in kW (a need for power counts kW, not pieces): each unit
 * received at its usable rating (derated for standby sets); each refused unit at the mean of the line's units,
 * since a receipt does not say which serial was refused.
 */
export async function generatorKwForNeed(db: Kysely<DB>, lineSerials: readonly string[], received: readonly string[], rejected: number): Promise<{ accepted: number; rejected: number }> {
  const kw = new Map((await generators(db, { serials: [...new Set([...lineSerials, ...received])] })).map((g) => [g.serial, usableKw(g.rating_kw, g.standby === 1)]));
  const line = lineSerials.map((s) => kw.get(s) ?? 0);
  const mean = line.length === 0 ? 0 : line.reduce((a, b) => a + b, 0) / line.length;
  return { accepted: r1(received.reduce((sum, s) => sum + (kw.get(s) ?? 0), 0)), rejected: r1(rejected * mean) };
}

/** Installs units received at their facility's location (checked by generatorArrivalProblems first), in the receipt's transaction. */
export async function installArrivedGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, serials: readonly string[], locationId: string, at: string): Promise<void> {
  if (serials.length === 0) return;
  const units = await generators(trx, { serials });
  for (const g of units) {
    const patch: Partial<AssetRow> = { status: 'installed', status_reason: null, location_id: locationId, installed_on: at.slice(0, 10), updated_at: at, version: g.version + 1 };
    if (!(await updateAsset(trx, g.id, g.version, patch))) throw new AppError('version_conflict', `Unit ${g.serial} was changed meanwhile; receive it again.`);
  }
  await appendAudit(trx, database.kind, ctx, units.map((g) => ({ action: 'status', entity: 'asset', entityId: g.id, change: { status: { from: g.status, to: 'installed' }, facility_id: g.facility_id, received: true } })));
}

/**
 * Records what happened to a unit at its facility: arrival (`installed`, which starts counting it as backup
 * once `installed` or `functioning`), faults and repairs, retirement. Only for units bound for or at a
 * facility in the caller's edit scope; units in a warehouse move only through an executed plan.
 */
export async function changeGeneratorStatus(database: Database, ctx: CallContext, id: string, input: { status: AssetStatus; version: number }): Promise<GeneratorUnit> {
  return withTransaction(database, async (trx) => {
    const row = await getGenerator(trx, id);
    if (row.facility_id === null || row.facility_area_path === null) throw new AppError('conflict', `Unit ${row.serial} is in a warehouse; dispatch it with an executed plan first.`);
    if (!covers(editScope(ctx.principal), { id: row.facility_id, area_path: row.facility_area_path })) throw new AppError('forbidden', 'This unit is at a facility outside the areas you coordinate.');
    if (row.status === 'decommissioned') throw new AppError('conflict', `Unit ${row.serial} is decommissioned.`);
    if (row.version !== input.version) throw new AppError('version_conflict', `The unit is at version ${row.version}, not ${input.version}; reload it.`, { currentVersion: row.version });
    if (row.status === input.status) return row;
    const at = nowIso();
    const patch: Partial<AssetRow> = { status: input.status, updated_at: at, version: row.version + 1, ...(row.installed_at === null && input.status !== 'decommissioned' ? { installed_on: at.slice(0, 10) } : {}) };
    if (!(await updateAsset(trx, id, row.version, patch))) throw new AppError('version_conflict', 'The unit was changed by someone else; reload it.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'status', entity: 'asset', entityId: id, change: { status: { from: row.status, to: input.status }, facility_id: row.facility_id } }]);
    return getGenerator(trx, id);
  });
}
