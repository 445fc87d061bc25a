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

/** Every move in or out of these locations on or after `fromDay` (ISO date), oldest first. */
export async function movesSince(db: Kysely<DB>, locationIds: readonly string[], fromDay: string): Promise<ReplenishmentMove[]> {
  if (locationIds.length === 0) return [];
  const ids = sql.join([...locationIds]);
  const r = await sql<{ product_id: string; at: string; from_id: string | null; to_id: string | null; quantity: number | string; kind: string; reversal: number | boolean }>`
    select m.product_id, m.at, m.from_location_id as from_id, m.to_location_id as to_id, m.quantity,
      case when m.kind = 'reversal' then o.kind else m.kind end as kind,
      case when m.kind = 'reversal' then 1 else 0 end as reversal
    from stock_moves m left join stock_moves o on o.id = m.reverses_id
    where (m.from_location_id in (${ids}) or m.to_location_id in (${ids})) and m.at >= ${fromDay}
    order by m.at`.execute(db);
  return r.rows.map((x) => ({ product_id: x.product_id, day: x.at.slice(0, 10), from_id: x.from_id, to_id: x.to_id, quantity: Number(x.quantity), kind: x.kind, reversal: Number(x.reversal) === 1 }));
}

/** Per product, a figure of each location: location id → product id → figure. */
export type PerLocation = Map<string, Map<string, number>>;

function perLocation(rows: readonly { location_id: string; product_id: string; figure: number }[]): PerLocation {
  const out: PerLocation = new Map();
  for (const r of rows) {
    const at = out.get(r.location_id) ?? new Map<string, number>();
    at.set(r.product_id, r.figure);
    out.set(r.location_id, at);
  }
  return out;
}

/** Each location's current balance per product (all lots together). */
export async function balancesByProduct(db: Kysely<DB>, locationIds: readonly string[]): Promise<PerLocation> {
  if (locationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('stock_balances')
    .select((eb) => ['location_id', 'product_id', eb.fn.sum<number | string>('quantity').as('quantity')])
    .where('location_id', 'in', [...locationIds])
    .groupBy(['location_id', 'product_id'])
    .execute();
  return perLocation(rows.map((r) => ({ location_id: r.location_id, product_id: r.product_id, figure: Number(r.quantity) })));
}

/** Units still to come per product: shipments to each location not yet closed, less what was received or refused. */
export async function onOrderByProduct(db: Kysely<DB>, locationIds: readonly string[]): Promise<PerLocation> {
  if (locationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('shipments as s')
    .innerJoin('shipment_lines as l', 'l.shipment_id', 's.id')
    .select((eb) => ['s.to_location_id', 'l.product_id', eb.fn.sum<number | string>(sql`l.quantity - l.received_quantity - l.rejected_quantity`).as('outstanding')])
    .where('s.to_location_id', 'in', [...locationIds])
    .where('s.status', 'in', ['planned', 'in_transit', 'partially_received'])
    .groupBy(['s.to_location_id', 'l.product_id'])
    .execute();
  return perLocation(rows.map((r) => ({ location_id: r.to_location_id, product_id: r.product_id, figure: Math.max(0, Number(r.outstanding)) })));
}

/** Names and units of these products. */
export async function productBriefs(db: Kysely<DB>, ids: readonly string[]): Promise<{ id: string; name: string; kind: string; unit: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('products').select(['id', 'name', 'kind', 'unit']).where('id', 'in', [...ids]).orderBy('name').orderBy('id').execute();
}
