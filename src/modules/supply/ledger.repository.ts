import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { StockBalancesTable, StockMovesTable } from './supply.tables.js';

export type StockMoveRow = StockMovesTable;
export type BalanceRow = StockBalancesTable;

/** 12 columns a row: 400 rows stay well under SQLite's bound-parameter limit; bulk loads pass larger chunks. */
export async function insertMoves(db: Kysely<DB>, rows: readonly StockMoveRow[], chunk = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db.insertInto('stock_moves').values(rows.slice(i, i + chunk)).execute();
}

/** After a bulk load: fresh planner statistics, so the first queries do not plan against empty tables. */
export async function analyzeLedger(db: Kysely<DB>): Promise<void> {
  await sql`analyze stock_moves`.execute(db);
  await sql`analyze stock_balances`.execute(db);
  await sql`analyze lots`.execute(db);
  await sql`analyze locations`.execute(db);
}

/** Bulk loads only: balances computed from moves written in the same load. */
export async function insertBalances(db: Kysely<DB>, rows: readonly BalanceRow[], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db.insertInto('stock_balances').values(rows.slice(i, i + chunk)).execute();
}

export async function findMove(db: Kysely<DB>, id: string): Promise<StockMoveRow | undefined> {
  return db.selectFrom('stock_moves').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function reversalOf(db: Kysely<DB>, id: string): Promise<StockMoveRow | undefined> {
  return db.selectFrom('stock_moves').selectAll().where('reverses_id', '=', id).executeTakeFirst();
}

/** Adds to a balance, creating it at zero first when the lot was never at the location. */
export async function addToBalance(db: Kysely<DB>, locationId: string, lotId: string, productId: string, quantity: number, at: string): Promise<void> {
  await db
    .insertInto('stock_balances')
    .values({ location_id: locationId, lot_id: lotId, product_id: productId, quantity, updated_at: at })
    .onConflict((oc) => oc.columns(['location_id', 'lot_id']).doUpdateSet({ quantity: sql`stock_balances.quantity + ${quantity}`, updated_at: at }))
    .execute();
}

/**
 * Takes from a balance only if it holds enough, in one conditional UPDATE. On PostgreSQL the row lock
 * makes a concurrent taker wait and then re-check the condition against the committed quantity, so two
 * dispatches racing for the last units cannot both pass; SQLite has one writer at a time. Returns false
 * when the stock is short.
 */
export async function takeFromBalance(db: Kysely<DB>, locationId: string, lotId: string, quantity: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('stock_balances')
    .set({ quantity: sql`quantity - ${quantity}`, updated_at: at })
    .where('location_id', '=', locationId)
    .where('lot_id', '=', lotId)
    .where('quantity', '>=', quantity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function balanceOf(db: Kysely<DB>, locationId: string, lotId: string): Promise<number> {
  const r = await db.selectFrom('stock_balances').select('quantity').where('location_id', '=', locationId).where('lot_id', '=', lotId).executeTakeFirst();
  return r?.quantity ?? 0;
}

/** Names for an error message: the lot's code and the location's name. */
export async function namesOf(db: Kysely<DB>, locationId: string, lotId: string): Promise<{ lotCode: string; locationName: string }> {
  const [lot, location] = await Promise.all([
    db.selectFrom('lots').select('lot_code').where('id', '=', lotId).executeTakeFirst(),
    db.selectFrom('locations').select('name').where('id', '=', locationId).executeTakeFirst(),
  ]);
  return { lotCode: lot?.lot_code ?? lotId, locationName: location?.name ?? locationId };
}

export async function balancesAt(db: Kysely<DB>, locationId: string, lotIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < lotIds.length; i += 500) {
    for (const r of await db.selectFrom('stock_balances').select(['lot_id', 'quantity']).where('location_id', '=', locationId).where('lot_id', 'in', lotIds.slice(i, i + 500)).execute()) out.set(r.lot_id, r.quantity);
  }
  return out;
}

/** Every location × lot where the stored balance differs from the ledger's sum (moves in minus moves out). */
export async function ledgerDifferences(db: Kysely<DB>, limit: number): Promise<{ location_id: string; lot_id: string; balance: number; ledger: number }[]> {
  const r = await sql<{ location_id: string; lot_id: string; balance: number | string; ledger: number | string }>`
    select location_id, lot_id, sum(b) as balance, sum(l) as ledger from (
      select location_id, lot_id, quantity as b, 0 as l from stock_balances
      union all select to_location_id, lot_id, 0, quantity from stock_moves where to_location_id is not null
      union all select from_location_id, lot_id, 0, -quantity from stock_moves where from_location_id is not null
    ) x group by location_id, lot_id having sum(b) <> sum(l) order by location_id, lot_id limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ location_id: x.location_id, lot_id: x.lot_id, balance: Number(x.balance), ledger: Number(x.ledger) }));
}

export async function countLedger(db: Kysely<DB>): Promise<{ moves: number; balances: number }> {
  const [m, b] = await Promise.all([
    db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('stock_balances').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { moves: Number(m.n), balances: Number(b.n) };
}
