import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { normaliseGtin } from './gs1.js';
import { deleteProduct, findProduct, insertProducts, listProducts, productInUse, takenGtins, updateProduct, type ProductRow } from './products.repository.js';
import type { Product, ProductCreate, ProductListFilters, ProductUpdate } from './products.schema.js';
import { withTransaction } from '../../db/transaction.js';

type ProductFields = Omit<ProductCreate, never>;

/** Rules beyond the schema: a medicine names its INN; a GTIN has the right check digit. Paths are the API's field names. */
export function productProblems(input: ProductFields): FieldError[] {
  const problems: FieldError[] = [];
  if (input.kind === 'medicine' && (input.inn ?? null) === null) problems.push({ path: '/inn', message: 'a medicine needs its INN (international non-proprietary name)' });
  if (input.gtin !== undefined && input.gtin !== null) {
    const g = normaliseGtin(input.gtin);
    if ('error' in g) problems.push({ path: '/gtin', message: g.error });
  }
  return problems;
}

const searchTextOf = (p: Pick<ProductRow, 'name' | 'inn' | 'atc_code' | 'gtin'>) => [p.name, p.inn, p.atc_code, p.gtin].filter((s) => s !== null).join(' ').toLocaleLowerCase('uk');

export function newProductRow(input: ProductFields, at: string): ProductRow {
  const gtin = input.gtin === undefined || input.gtin === null ? null : (normaliseGtin(input.gtin) as { gtin: string }).gtin;
  const row: Omit<ProductRow, 'search_text'> = {
    id: newId(),
    kind: input.kind,
    name: input.name,
    inn: input.inn ?? null,
    atc_code: input.atcCode ?? null,
    form: input.form ?? null,
    strength: input.strength ?? null,
    unit: input.unit,
    pack_size: input.packSize,
    gtin,
    essential: input.essential ? 1 : 0,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  return { ...row, search_text: searchTextOf(row) };
}

export const presentProduct = (r: ProductRow): Product => ({
  id: r.id,
  kind: r.kind as Product['kind'],
  name: r.name,
  inn: r.inn,
  atcCode: r.atc_code,
  form: r.form,
  strength: r.strength,
  unit: r.unit,
  packSize: r.pack_size,
  gtin: r.gtin,
  essential: r.essential === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/** Stores new products with one audit event each; call inside the caller's transaction. */
export async function storeNewProducts(trx: Kysely<DB>, database: Database, ctx: CallContext, rows: ProductRow[]): Promise<void> {
  await insertProducts(trx, rows);
  await appendAudit(trx, database.kind, ctx, rows.map((r) => ({ action: 'create', entity: 'product', entityId: r.id, change: r })));
}

async function assertGtinFree(db: Kysely<DB>, gtin: string | null, self?: string): Promise<void> {
  if (gtin === null) return;
  const owner = (await takenGtins(db, [gtin])).get(gtin);
  if (owner !== undefined && owner !== self) throw new AppError('conflict', `GTIN ${gtin} already belongs to product ${owner}.`, { errors: [{ path: '/gtin', message: 'already in the catalogue' }] });
}

export async function createProduct(database: Database, ctx: CallContext, input: ProductCreate): Promise<ProductRow> {
  const problems = productProblems(input);
  if (problems.length > 0) throw invalid(problems);
  const row = newProductRow(input, nowIso());
  await withTransaction(database, async (trx) => {
    await assertGtinFree(trx, row.gtin);
    await storeNewProducts(trx, database, ctx, [row]);
  });
  return row;
}

export async function getProduct(db: Kysely<DB>, id: string): Promise<ProductRow> {
  const row = await findProduct(db, id);
  if (row === undefined) throw notFound('product', id);
  return row;
}

export async function updateProductRecord(database: Database, ctx: CallContext, id: string, input: ProductUpdate): Promise<ProductRow> {
  const before = await getProduct(database.db, id);
  if (before.version !== input.version) throw new AppError('version_conflict', `The product is at version ${before.version}, not ${input.version}; reload.`, { currentVersion: before.version });
  const { version, ...fields } = input;
  const merged: ProductFields = { ...presentProduct(before), ...fields };
  const problems = productProblems(merged);
  if (problems.length > 0) throw invalid(problems);
  const next = newProductRow(merged, nowIso());
  const patch: Partial<ProductRow> = { ...next, id: before.id, created_at: before.created_at, version: version + 1 };
  await withTransaction(database, async (trx) => {
    await assertGtinFree(trx, next.gtin, id);
    if (!(await updateProduct(trx, id, version, patch))) throw new AppError('version_conflict', 'The product was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'product', entityId: id, change: { before, after: patch } }]);
  });
  return { ...before, ...patch };
}

export async function deleteProductRecord(database: Database, ctx: CallContext, id: string, version: number): Promise<void> {
  const before = await getProduct(database.db, id);
  await withTransaction(database, async (trx) => {
    if (await productInUse(trx, id)) throw new AppError('conflict', `Product "${before.name}" is used by lots, shipments or assets; it cannot be deleted.`);
    if (!(await deleteProduct(trx, id, version))) throw new AppError('version_conflict', `The product is at version ${before.version}, not ${version}; reload.`, { currentVersion: before.version });
    await appendAudit(trx, database.kind, ctx, [{ action: 'delete', entity: 'product', entityId: id, change: before }]);
  });
}

/** One page of the catalogue in id order (one row more, so the list knows if more follow). */
export async function listProductRows(database: Database, query: ProductListFilters, page: PageRequest): Promise<ProductRow[]> {
  const filter: { q?: string; kind?: string; essential?: boolean } = {};
  if (query.q !== undefined) filter.q = query.q;
  if (query.kind !== undefined) filter.kind = query.kind;
  if (query.essential !== undefined) filter.essential = query.essential;
  return listProducts(database.db, filter, page.after?.id, page.limit);
}
