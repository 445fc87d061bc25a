import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/tables.js';
import { viewCondition, type SupplyView } from '../supply/supply.scope.js';
import type { AssetMaintenanceTable, AssetsTable, GeneratorSpecsTable } from './assets.tables.js';

export type AssetRow = AssetsTable;
export type MaintenanceRow = AssetMaintenanceTable;
export type SpecRow = GeneratorSpecsTable;

/**
 * An asset as read: its row, the catalogue product's name and kind, the generator spec (null columns for
 * equipment), and the location it waits in (a generator's warehouse point is the allocation problem's input).
 * The product and location are joined read-only: reference data of supply, named here, never written.
 */
export interface AssetListRow extends AssetRow {
  product_name: string;
  product_kind: string;
  rating_kva: number | null;
  rating_kw: number | null;
  standby: number | null;
  fuel_type: string | null;
  tank_litres: number | null;
  fuel_f0: number | null;
  fuel_f1: number | null;
  location_name: string | null;
  location_lat: number | null;
  location_lon: number | null;
}

export interface AssetFilter {
  id?: string;
  ids?: readonly string[];
  serials?: readonly string[];
  status?: string;
  statuses?: readonly string[];
  facilityId?: string;
  facilityIds?: readonly string[];
  /** Only rows with a facility (true) or without one (false). */
  atFacility?: boolean;
  productId?: string;
  kind?: 'equipment' | 'generator';
  /** Leave out generators at this facility (the caller may not see its power data). */
  hideGeneratorsAt?: string;
  dueBy?: string;
}

// SQLite allows 32,766 bound parameters per statement; 500 rows of ~20 columns stays well inside.
const BATCH = 500;

export async function insertAssets(db: Kysely<DB>, rows: readonly AssetRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('assets').values(rows.slice(i, i + BATCH)).execute();
}

export async function insertSpecs(db: Kysely<DB>, rows: readonly SpecRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('generator_specs').values(rows.slice(i, i + BATCH)).execute();
}

export async function serialsTaken(db: Kysely<DB>, productId: string, serials: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < serials.length; i += BATCH) {
    out.push(...(await db.selectFrom('assets').select('serial').where('product_id', '=', productId).where('serial', 'in', serials.slice(i, i + BATCH)).execute()).map((r) => r.serial));
  }
  return out;
}

/** Which of these serials some generator already has (generator serials are unique across the fleet). */
export async function generatorSerialsTaken(db: Kysely<DB>, serials: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < serials.length; i += BATCH) {
    out.push(...(await db.selectFrom('assets').innerJoin('generator_specs', 'generator_specs.asset_id', 'assets.id').select('assets.serial').where('assets.serial', 'in', serials.slice(i, i + BATCH)).execute()).map((r) => r.serial));
  }
  return out;
}

function assetQuery(db: Kysely<DB>): SelectQueryBuilder<DB, 'assets' | 'products' | 'generator_specs' | 'locations', AssetListRow> {
  return db
    .selectFrom('assets')
    .innerJoin('products', 'products.id', 'assets.product_id')
    .leftJoin('generator_specs', 'generator_specs.asset_id', 'assets.id')
    .leftJoin('locations', 'locations.id', 'assets.location_id')
    .selectAll('assets')
    .select([
      'products.name as product_name', 'products.kind as product_kind',
      'generator_specs.rating_kva', 'generator_specs.rating_kw', 'generator_specs.standby', 'generator_specs.fuel_type', 'generator_specs.tank_litres', 'generator_specs.fuel_f0', 'generator_specs.fuel_f1',
      'locations.name as location_name',
    ])
    // lat/lon are optional on the location type (rows written before they existed); read them as nullable.
    .select((eb) => [eb.ref('locations.lat').$castTo<number | null>().as('location_lat'), eb.ref('locations.lon').$castTo<number | null>().as('location_lon')]);
}

type AssetQuery = ReturnType<typeof assetQuery>;

function filtered(q: AssetQuery, filter: AssetFilter): AssetQuery {
  const inList = (ids: readonly string[]) => (ids.length === 0 ? [''] : [...ids]);
  if (filter.id !== undefined) q = q.where('assets.id', '=', filter.id);
  if (filter.ids !== undefined) q = q.where('assets.id', 'in', inList(filter.ids));
  if (filter.serials !== undefined) q = q.where('assets.serial', 'in', inList(filter.serials));
  if (filter.status !== undefined) q = q.where('assets.status', '=', filter.status);
  if (filter.statuses !== undefined) q = q.where('assets.status', 'in', inList(filter.statuses));
  if (filter.facilityId !== undefined) q = q.where('assets.facility_id', '=', filter.facilityId);
  if (filter.facilityIds !== undefined) q = q.where('assets.facility_id', 'in', inList(filter.facilityIds));
  if (filter.atFacility !== undefined) q = q.where('assets.facility_id', filter.atFacility ? 'is not' : 'is', null);
  if (filter.productId !== undefined) q = q.where('assets.product_id', '=', filter.productId);
  if (filter.kind !== undefined) q = q.where('generator_specs.asset_id', filter.kind === 'generator' ? 'is not' : 'is', null);
  if (filter.hideGeneratorsAt !== undefined) {
    const at = filter.hideGeneratorsAt;
    q = q.where((eb) => eb.or([eb('generator_specs.asset_id', 'is', null), eb('assets.facility_id', 'is', null), eb('assets.facility_id', '<>', at)]));
  }
  if (filter.dueBy !== undefined) q = q.where('assets.next_maintenance_due', '<=', filter.dueBy).where('assets.status', '<>', 'decommissioned');
  return q;
}

/** Assets matching the filter in id order, within the caller's supply view, one extra row to know if more follow. */
export async function listAssets(db: Kysely<DB>, view: SupplyView, filter: AssetFilter, afterId: string | undefined, limit: number): Promise<AssetListRow[]> {
  let q = filtered(assetQuery(db), filter);
  if (!view.all) q = q.where(viewCondition(view, { facility: 'assets.facility_id', areaPath: 'assets.area_path', donor: 'assets.donor_org_id' }));
  if (afterId !== undefined) q = q.where('assets.id', '>', afterId);
  return q.orderBy('assets.id').limit(limit + 1).execute();
}

/** Every row matching the filter, no page and no view: the energy capability's bulk reads of the fleet. */
export async function allAssets(db: Kysely<DB>, filter: AssetFilter): Promise<AssetListRow[]> {
  const { ids, ...rest } = filter;
  if (ids === undefined) return filtered(assetQuery(db), rest).orderBy('assets.id').execute();
  const out: AssetListRow[] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(...(await filtered(assetQuery(db), { ...rest, ids: ids.slice(i, i + BATCH) }).orderBy('assets.id').execute()));
  return out;
}

/** Generators by status: count and rated kW. */
export async function generatorTotals(db: Kysely<DB>): Promise<{ status: string; n: number | string; kw: number | string | null }[]> {
  return db
    .selectFrom('assets')
    .innerJoin('generator_specs', 'generator_specs.asset_id', 'assets.id')
    .select(['assets.status as status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('generator_specs.rating_kw').as('kw')])
    .groupBy('assets.status')
    .orderBy('assets.status')
    .execute();
}

export async function updateAsset(db: Kysely<DB>, id: string, expectedVersion: number | null, patch: Partial<AssetRow>): Promise<boolean> {
  let q = db.updateTable('assets').set(patch).where('id', '=', id);
  if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

export async function insertMaintenance(db: Kysely<DB>, row: MaintenanceRow): Promise<void> {
  await db.insertInto('asset_maintenance').values(row).execute();
}

export async function maintenanceOf(db: Kysely<DB>, assetId: string): Promise<MaintenanceRow[]> {
  return db.selectFrom('asset_maintenance').selectAll().where('asset_id', '=', assetId).orderBy('performed_on', 'desc').orderBy('id', 'desc').execute();
}
