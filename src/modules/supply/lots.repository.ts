import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { TraceMove } from './recall-trace.js';
import { viewCondition, type SupplyView } from './supply.scope.js';
import type { LotsTable } from './supply.tables.js';

export type LotRow = LotsTable;
export interface LotListRow extends LotRow {
  product_name: string;
  donor_name: string;
  donor_name_uk: string;
  donor_name_ja: string | null;
  on_hand: number | string | null;
}

export async function insertLots(db: Kysely<DB>, rows: readonly LotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('lots').values(rows.slice(i, i + 500)).execute();
}

export async function findLot(db: Kysely<DB>, id: string): Promise<LotRow | undefined> {
  return db.selectFrom('lots').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lots by their identity (product, lot code, donor), for receipts that meet a lot again. */
export async function lotsByIdentity(db: Kysely<DB>, keys: readonly { productId: string; lotCode: string; donorOrgId: string }[]): Promise<Map<string, LotRow>> {
  const out = new Map<string, LotRow>();
  const productIds = [...new Set(keys.map((k) => k.productId))];
  for (let i = 0; i < productIds.length; i += 500) {
    for (const r of await db.selectFrom('lots').selectAll().where('product_id', 'in', productIds.slice(i, i + 500)).where('lot_code', 'in', [...new Set(keys.map((k) => k.lotCode))]).execute()) {
      out.set(`${r.product_id}|${r.lot_code}|${r.donor_org_id}`, r);
    }
  }
  return out;
}

export async function lotsByProductAndCode(db: Kysely<DB>, productId: string, lotCode: string): Promise<LotRow[]> {
  return db.selectFrom('lots').selectAll().where('product_id', '=', productId).where('lot_code', '=', lotCode).execute();
}

export async function setLotStatus(db: Kysely<DB>, id: string, expectedVersion: number | null, patch: Pick<LotRow, 'status' | 'status_reason' | 'updated_at' | 'version'>): Promise<boolean> {
  let q = db.updateTable('lots').set(patch).where('id', '=', id);
  if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Lots the view may see, each with its on-hand total over the locations the view may see. */
export async function listLots(db: Kysely<DB>, view: SupplyView, filter: { productId?: string; status?: string; donorOrgId?: string; lotCode?: string; id?: string }, afterId: string | undefined, limit: number): Promise<LotListRow[]> {
  let q = db
    .selectFrom('lots')
    .innerJoin('products', 'products.id', 'lots.product_id')
    .innerJoin('organizations', 'organizations.id', 'lots.donor_org_id')
    .selectAll('lots')
    .select(['products.name as product_name', 'organizations.name_en as donor_name', 'organizations.name_uk as donor_name_uk', 'organizations.name_ja as donor_name_ja'])
    .select((eb) => {
      let onHand = eb.selectFrom('stock_balances').innerJoin('locations', 'locations.id', 'stock_balances.location_id').select((e) => e.fn.sum<number>('stock_balances.quantity').as('q')).whereRef('stock_balances.lot_id', '=', 'lots.id');
      if (!view.all) onHand = onHand.where(viewCondition(view, { facility: 'locations.facility_id', areaPath: 'locations.area_path', donor: 'lots.donor_org_id' }));
      return onHand.as('on_hand');
    });
  if (!view.all) {
    q = q.where((eb) =>
      eb.or([
        ...(view.donorOrgIds.length > 0 ? [eb('lots.donor_org_id', 'in', [...view.donorOrgIds])] : []),
        eb.exists(
          eb.selectFrom('stock_balances as sb').innerJoin('locations as l', 'l.id', 'sb.location_id').select(sql.lit(1).as('one')).whereRef('sb.lot_id', '=', 'lots.id').where(viewCondition(view, { facility: 'l.facility_id', areaPath: 'l.area_path' })),
        ),
      ]),
    );
  }
  if (filter.id !== undefined) q = q.where('lots.id', '=', filter.id);
  if (filter.productId !== undefined) q = q.where('lots.product_id', '=', filter.productId);
  if (filter.status !== undefined) q = q.where('lots.status', '=', filter.status);
  if (filter.donorOrgId !== undefined) q = q.where('lots.donor_org_id', '=', filter.donorOrgId);
  if (filter.lotCode !== undefined) q = q.where('lots.lot_code', '=', filter.lotCode);
  if (afterId !== undefined) q = q.where('lots.id', '>', afterId);
  return q.orderBy('lots.id').limit(limit + 1).execute();
}

/**
 * The lot's ledger as the trace needs it: each reversal is turned back into its original move's kind, with a
 * negative quantity on the original's locations, so a reversed consumption is no longer counted as consumed.
 */
export async function lotMovesForTrace(db: Kysely<DB>, lotId: string): Promise<TraceMove[]> {
  const r = await sql<{ kind: string; quantity: number | string; from_id: string | null; to_id: string | null }>`
    select case when m.kind = 'reversal' then o.kind else m.kind end as kind,
      case when m.kind = 'reversal' then -m.quantity else m.quantity end as quantity,
      case when m.kind = 'reversal' then m.to_location_id else m.from_location_id end as from_id,
      case when m.kind = 'reversal' then m.from_location_id else m.to_location_id end as to_id
    from stock_moves m left join stock_moves o on o.id = m.reverses_id
    where m.lot_id = ${lotId}`.execute(db);
  return r.rows.map((x) => ({ kind: x.kind, quantity: Number(x.quantity), from: x.from_id, to: x.to_id }));
}

/** Every location that holds the lot now or appears in its ledger, with what it holds. */
export async function traceLocations(db: Kysely<DB>, lotId: string, ledgerLocationIds: readonly string[]): Promise<{ location_id: string; name: string; kind: string; facility_id: string | null; on_hand: number }[]> {
  const holders = (await db.selectFrom('stock_balances').select('location_id').where('lot_id', '=', lotId).execute()).map((b) => b.location_id);
  const ids = [...new Set([...ledgerLocationIds, ...holders])];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('locations as l')
    .leftJoin('stock_balances as b', (j) => j.onRef('b.location_id', '=', 'l.id').on('b.lot_id', '=', lotId))
    .select(['l.id as location_id', 'l.name', 'l.kind', 'l.facility_id', 'b.quantity as on_hand'])
    .where('l.id', 'in', ids)
    .orderBy('l.name')
    .orderBy('l.id')
    .execute();
  return rows.map((x) => ({ ...x, on_hand: Number(x.on_hand ?? 0) }));
}
