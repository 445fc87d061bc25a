import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { viewCondition, type SupplyView } from './supply.scope.js';

export interface BalanceListRow {
  location_id: string;
  location_name: string;
  lot_id: string;
  lot_code: string;
  expiry: string | null;
  lot_status: string;
  donor_org_id: string;
  product_id: string;
  product_name: string;
  quantity: number;
}

function balancesQuery(db: Kysely<DB>, view: SupplyView) {
  let q = db
    .selectFrom('stock_balances as b')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .innerJoin('lots', 'lots.id', 'b.lot_id')
    .innerJoin('products as p', 'p.id', 'b.product_id');
  if (!view.all) q = q.where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path', donor: 'lots.donor_org_id' }));
  return q;
}

/** Balances location × lot, ordered by (location, lot) for keyset paging. */
export async function listBalances(db: Kysely<DB>, view: SupplyView, filter: { locationId?: string; productId?: string; lotId?: string; includeEmpty?: boolean }, after: { locationId: string; lotId: string } | undefined, limit: number): Promise<BalanceListRow[]> {
  let q = balancesQuery(db, view).select(['b.location_id', 'l.name as location_name', 'b.lot_id', 'lots.lot_code', 'lots.expiry', 'lots.status as lot_status', 'lots.donor_org_id', 'b.product_id', 'p.name as product_name', 'b.quantity']);
  if (filter.locationId !== undefined) q = q.where('b.location_id', '=', filter.locationId);
  if (filter.productId !== undefined) q = q.where('b.product_id', '=', filter.productId);
  if (filter.lotId !== undefined) q = q.where('b.lot_id', '=', filter.lotId);
  if (filter.includeEmpty !== true) q = q.where('b.quantity', '>', 0);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('b.location_id', '>', after.locationId), eb.and([eb('b.location_id', '=', after.locationId), eb('b.lot_id', '>', after.lotId)])]));
  return q.orderBy('b.location_id').orderBy('b.lot_id').limit(limit + 1).execute();
}

/** Stock on hand of one product, summed by location: one indexed range over (product_id, location_id). */
export async function productStockByLocation(db: Kysely<DB>, view: SupplyView, productId: string): Promise<{ location_id: string; name: string; kind: string; quantity: number }[]> {
  let q = db.selectFrom('stock_balances as b').innerJoin('locations as l', 'l.id', 'b.location_id');
  // The lot is joined only when the view needs its donor.
  if (!view.all) q = q.innerJoin('lots', 'lots.id', 'b.lot_id').where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path', donor: 'lots.donor_org_id' }));
  const rows = await q
    .select(['b.location_id', 'l.name', 'l.kind', (eb) => eb.fn.sum<number>('b.quantity').as('quantity')])
    .where('b.product_id', '=', productId)
    .where('b.quantity', '>', 0)
    .groupBy(['b.location_id', 'l.name', 'l.kind'])
    .orderBy('l.name')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Lots of a product with stock at a location that may be picked: not blocked, not expired, earliest expiry first (no expiry last). */
export async function pickableLots(db: Kysely<DB>, locationId: string, productId: string, today: string): Promise<{ lot_id: string; lot_code: string; expiry: string | null; quantity: number }[]> {
  return db
    .selectFrom('stock_balances as b')
    .innerJoin('lots', 'lots.id', 'b.lot_id')
    .select(['b.lot_id', 'lots.lot_code', 'lots.expiry', 'b.quantity'])
    .where('b.location_id', '=', locationId)
    .where('b.product_id', '=', productId)
    .where('b.quantity', '>', 0)
    .where('lots.status', '=', 'available')
    .where((eb) => eb.or([eb('lots.expiry', 'is', null), eb('lots.expiry', '>=', today)]))
    .orderBy((eb) => eb.case().when('lots.expiry', 'is', null).then(1).else(0).end())
    .orderBy('lots.expiry')
    .orderBy('lots.lot_code')
    .execute();
}

export async function upsertMinimum(db: Kysely<DB>, row: DB['stock_minimums']): Promise<void> {
  await db.insertInto('stock_minimums').values(row).onConflict((oc) => oc.columns(['location_id', 'product_id']).doUpdateSet({ minimum: row.minimum, updated_at: row.updated_at })).execute();
}

export async function listMoves(db: Kysely<DB>, view: SupplyView, filter: { lotId?: string; locationId?: string }, beforeId: string | undefined, limit: number) {
  let q = db.selectFrom('stock_moves as m').innerJoin('lots', 'lots.id', 'm.lot_id').selectAll('m');
  if (!view.all) {
    // A move is visible when either of its ends is a visible place, or the lot is the donor's.
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('locations as l').select('l.id').whereRef('l.id', '=', 'm.from_location_id').where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path' }))),
        eb.exists(eb.selectFrom('locations as l').select('l.id').whereRef('l.id', '=', 'm.to_location_id').where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path' }))),
        ...(view.donorOrgIds.length > 0 ? [eb('lots.donor_org_id', 'in', [...view.donorOrgIds])] : []),
      ]),
    );
  }
  if (filter.lotId !== undefined) q = q.where('m.lot_id', '=', filter.lotId);
  if (filter.locationId !== undefined) q = q.where((eb) => eb.or([eb('m.from_location_id', '=', filter.locationId as string), eb('m.to_location_id', '=', filter.locationId as string)]));
  if (beforeId !== undefined) q = q.where('m.id', '<', beforeId);
  return q.orderBy('m.id', 'desc').limit(limit + 1).execute();
}
