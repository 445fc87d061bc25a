import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { viewCondition, type SupplyView } from './supply.scope.js';

/** Stock of lots expiring from `from` to `to` (inclusive), by location. Recalled lots are left out: they have their own page. */
export async function expiringStock(db: Kysely<DB>, view: SupplyView, from: string, to: string, locationId: string | undefined) {
  let q = db
    .selectFrom('stock_balances as b')
    .innerJoin('lots', 'lots.id', 'b.lot_id')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .select(['b.location_id', 'l.name as location_name', 'b.lot_id', 'lots.lot_code', 'b.product_id', 'p.name as product_name', 'lots.expiry', 'b.quantity'])
    .where('b.quantity', '>', 0)
    .where('lots.expiry', '>=', from)
    .where('lots.expiry', '<=', to)
    .where('lots.status', '<>', 'recalled');
  if (!view.all) q = q.where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path', donor: 'lots.donor_org_id' }));
  if (locationId !== undefined) q = q.where('b.location_id', '=', locationId);
  return q.orderBy('l.name').orderBy('b.location_id').orderBy('lots.expiry').limit(5000).execute();
}

/** Location × product pairs whose usable stock is below the minimum set for them. */
export async function belowMinimum(db: Kysely<DB>, view: SupplyView, today: string) {
  const usable = db
    .selectFrom('stock_balances as b')
    .innerJoin('lots', 'lots.id', 'b.lot_id')
    .select(['b.location_id', 'b.product_id', (eb) => eb.fn.sum<number>('b.quantity').as('on_hand')])
    .where('lots.status', '=', 'available')
    .where((eb) => eb.or([eb('lots.expiry', 'is', null), eb('lots.expiry', '>=', today)]))
    .groupBy(['b.location_id', 'b.product_id'])
    .as('s');
  let q = db
    .selectFrom('stock_minimums as m')
    .innerJoin('locations as l', 'l.id', 'm.location_id')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .leftJoin(usable, (j) => j.onRef('s.location_id', '=', 'm.location_id').onRef('s.product_id', '=', 'm.product_id'))
    .select(['m.location_id', 'l.name as location_name', 'm.product_id', 'p.name as product_name', 'm.minimum', sql<number>`coalesce(s.on_hand, 0)`.as('on_hand')])
    .where(sql<boolean>`coalesce(s.on_hand, 0) < m.minimum`);
  if (!view.all) q = q.where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path' }));
  return q.orderBy('l.name').orderBy('p.name').limit(5000).execute();
}

/** Usable warehouse stock by product and warehouse, for products of the given ids. */
export async function warehouseStock(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('stock_balances as b')
    .innerJoin('lots', 'lots.id', 'b.lot_id')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .select(['b.product_id', 'p.name as product_name', 'p.inn', 'b.location_id', 'l.name as location_name', (eb) => eb.fn.sum<number>('b.quantity').as('available')])
    .where('l.kind', '=', 'warehouse')
    .where('b.quantity', '>', 0)
    .where('lots.status', '=', 'available')
    .where((eb) => eb.or([eb('lots.expiry', 'is', null), eb('lots.expiry', '>=', today)]))
    .groupBy(['b.product_id', 'p.name', 'p.inn', 'b.location_id', 'l.name'])
    .execute();
}
