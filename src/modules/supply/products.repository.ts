import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { ProductsTable } from './supply.tables.js';

export type ProductRow = ProductsTable;

export async function insertProducts(db: Kysely<DB>, rows: readonly ProductRow[]): Promise<void> {
  // Chunked: SQLite allows at most 32,766 bound values per statement.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('products').values(rows.slice(i, i + 500)).execute();
}

export async function findProduct(db: Kysely<DB>, id: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function productsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, ProductRow>> {
  const out = new Map<string, ProductRow>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of await db.selectFrom('products').selectAll().where('id', 'in', unique.slice(i, i + 500)).execute()) out.set(r.id, r);
  }
  return out;
}

/** Products of one kind by exact name (generator models are named by the fleet, not catalogued by GTIN). */
export async function productsByKindAndName(db: Kysely<DB>, kind: string, names: readonly string[]): Promise<Map<string, ProductRow>> {
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('products').selectAll().where('kind', '=', kind).where('name', 'in', [...new Set(names)]).execute();
  return new Map(rows.map((r) => [r.name, r]));
}

export async function productByGtin(db: Kysely<DB>, gtin: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('gtin', '=', gtin).executeTakeFirst();
}

/** GTINs already in the catalogue (for the import's bulk duplicate check), with the product holding each. */
export async function takenGtins(db: Kysely<DB>, gtins: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < gtins.length; i += 500) {
    for (const r of await db.selectFrom('products').select(['gtin', 'id']).where('gtin', 'in', gtins.slice(i, i + 500)).execute()) out.set(r.gtin as string, r.id);
  }
  return out;
}

export async function updateProduct(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<ProductRow>): Promise<boolean> {
  const r = await db.updateTable('products').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteProduct(db: Kysely<DB>, id: string, expectedVersion: number): Promise<boolean> {
  const r = await db.deleteFrom('products').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Whether anything refers to the product (a lot, a shipment line, an asset): then it stays. */
export async function productInUse(db: Kysely<DB>, id: string): Promise<boolean> {
  const [lot, line, asset] = await Promise.all([
    db.selectFrom('lots').select('id').where('product_id', '=', id).limit(1).executeTakeFirst(),
    db.selectFrom('shipment_lines').select('id').where('product_id', '=', id).limit(1).executeTakeFirst(),
    db.selectFrom('assets').select('id').where('product_id', '=', id).limit(1).executeTakeFirst(),
  ]);
  return lot !== undefined || line !== undefined || asset !== undefined;
}

export async function listProducts(db: Kysely<DB>, filter: { q?: string; kind?: string; essential?: boolean }, afterId: string | undefined, limit: number): Promise<ProductRow[]> {
  let q = db.selectFrom('products').selectAll();
  if (filter.q !== undefined && filter.q !== '') q = q.where('search_text', 'like', `%${filter.q.toLocaleLowerCase('uk').replace(/[%_\\]/g, '')}%`);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.essential !== undefined) q = q.where('essential', '=', filter.essential ? 1 : 0);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}
