import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { viewCondition, type SupplyView } from './supply.scope.js';
import type { AssetMaintenanceTable, AssetsTable } from './supply.tables.js';

export type AssetRow = AssetsTable;
export type MaintenanceRow = AssetMaintenanceTable;
export interface AssetListRow extends AssetRow {
  product_name: string;
}

export async function insertAssets(db: Kysely<DB>, rows: readonly AssetRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('assets').values(rows.slice(i, i + 500)).execute();
}

export async function serialsTaken(db: Kysely<DB>, productId: string, serials: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < serials.length; i += 500) {
    out.push(...(await db.selectFrom('assets').select('serial').where('product_id', '=', productId).where('serial', 'in', serials.slice(i, i + 500)).execute()).map((r) => r.serial));
  }
  return out;
}

export async function listAssets(db: Kysely<DB>, view: SupplyView, filter: { id?: string; status?: string; facilityId?: string; productId?: string; dueBy?: string }, afterId: string | undefined, limit: number): Promise<AssetListRow[]> {
  let q = db.selectFrom('assets').innerJoin('products', 'products.id', 'assets.product_id').selectAll('assets').select('products.name as product_name');
  if (!view.all) q = q.where(viewCondition(view, { facility: 'assets.facility_id', areaPath: 'assets.area_path', donor: 'assets.donor_org_id' }));
  if (filter.id !== undefined) q = q.where('assets.id', '=', filter.id);
  if (filter.status !== undefined) q = q.where('assets.status', '=', filter.status);
  if (filter.facilityId !== undefined) q = q.where('assets.facility_id', '=', filter.facilityId);
  if (filter.productId !== undefined) q = q.where('assets.product_id', '=', filter.productId);
  if (filter.dueBy !== undefined) q = q.where('assets.next_maintenance_due', '<=', filter.dueBy).where('assets.status', '<>', 'decommissioned');
  if (afterId !== undefined) q = q.where('assets.id', '>', afterId);
  return q.orderBy('assets.id').limit(limit + 1).execute();
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
