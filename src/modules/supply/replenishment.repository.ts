import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/** One move of a facility's stock since a day, with a reversal turned back into its original's kind. */
export interface ReplenishmentMove {
  product_id: string;
  day: string;
  from_id: string | null;
  to_id: string | null;
  quantity: number;
  /** The move's kind, or for a reversal the kind of the move it reverses. */
  kind: string;
  reversal: boolean;
}

/** Every move in or out of the location on or after `fromDay` (ISO date), oldest first. */
export async function movesSince(db: Kysely<DB>, locationId: string, fromDay: string): Promise<ReplenishmentMove[]> {
  const r = await sql<{ product_id: string; at: string; from_id: string | null; to_id: string | null; quantity: number | string; kind: string; reversal: number | boolean }>`
    select m.product_id, m.at, m.from_location_id as from_id, m.to_location_id as to_id, m.quantity,
      case when m.kind = 'reversal' then o.kind else m.kind end as kind,
      case when m.kind = 'reversal' then 1 else 0 end as reversal
    from stock_moves m left join stock_moves o on o.id = m.reverses_id
    where (m.from_location_id = ${locationId} or m.to_location_id = ${locationId}) and m.at >= ${fromDay}
    order by m.at`.execute(db);
  return r.rows.map((x) => ({ product_id: x.product_id, day: x.at.slice(0, 10), from_id: x.from_id, to_id: x.to_id, quantity: Number(x.quantity), kind: x.kind, reversal: Number(x.reversal) === 1 }));
}

/** The location's current balance per product (all lots together). */
export async function balancesByProduct(db: Kysely<DB>, locationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('stock_balances')
    .select((eb) => ['product_id', eb.fn.sum<number | string>('quantity').as('quantity')])
    .where('location_id', '=', locationId)
    .groupBy('product_id')
    .execute();
  return new Map(rows.map((r) => [r.product_id, Number(r.quantity)]));
}

/** Units still to come per product: shipments to the location not yet closed, less what was received or refused. */
export async function onOrderByProduct(db: Kysely<DB>, locationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('shipments as s')
    .innerJoin('shipment_lines as l', 'l.shipment_id', 's.id')
    .select((eb) => ['l.product_id', eb.fn.sum<number | string>(sql`l.quantity - l.received_quantity - l.rejected_quantity`).as('outstanding')])
    .where('s.to_location_id', '=', locationId)
    .where('s.status', 'in', ['planned', 'in_transit', 'partially_received'])
    .groupBy('l.product_id')
    .execute();
  return new Map(rows.map((r) => [r.product_id, Math.max(0, Number(r.outstanding))]));
}

/** Names and units of these products. */
export async function productBriefs(db: Kysely<DB>, ids: readonly string[]): Promise<{ id: string; name: string; kind: string; unit: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('products').select(['id', 'name', 'kind', 'unit']).where('id', 'in', [...ids]).orderBy('name').orderBy('id').execute();
}
