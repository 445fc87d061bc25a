import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../access/access.scope.js';
import type { NeedLinksTable, NeedsTable } from './needs.tables.js';

export type NeedRow = NeedsTable;
export type NeedLinkRow = NeedLinksTable;

/** Limits needs to a caller's registry scope, in the query. */
function inScope(scope: Scope) {
  return (eb: ExpressionBuilder<DB, 'needs'>) =>
    eb.or([...scope.areaPaths.map((p) => eb('area_path', 'like', `${p}%`)), ...(scope.facilityIds.length > 0 ? [eb('facility_id', 'in', [...scope.facilityIds])] : []), eb.lit(false)]);
}

export async function insertNeed(db: Kysely<DB>, row: NeedRow): Promise<void> {
  await db.insertInto('needs').values(row).execute();
}

export async function findNeed(db: Kysely<DB>, id: string): Promise<NeedRow | undefined> {
  return db.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function approveNeed(db: Kysely<DB>, id: string, expectedVersion: number, patch: Pick<NeedRow, 'approved_by' | 'approved_at' | 'updated_at' | 'version'>): Promise<boolean> {
  const r = await db.updateTable('needs').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface NeedFilter { category?: string; status?: string; priority?: string; areaPath?: string; facilityId?: string }

export async function listNeeds(db: Kysely<DB>, scope: Scope, filter: NeedFilter, afterId: string | undefined, limit: number): Promise<NeedRow[]> {
  let q = db.selectFrom('needs').selectAll();
  if (!scope.all) q = q.where(inScope(scope));
  if (filter.category !== undefined) q = q.where('category', '=', filter.category);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.priority !== undefined) q = q.where('priority', '=', filter.priority);
  if (filter.areaPath !== undefined) q = q.where('area_path', 'like', `${filter.areaPath}%`);
  if (filter.facilityId !== undefined) q = q.where('facility_id', '=', filter.facilityId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

/** Counts of open and partly met needs by oblast (first 19 characters of the path: its KATOTTG code), category, priority and status. */
export async function needGapCounts(db: Kysely<DB>, scope: Scope): Promise<{ oblast: string; category: string; priority: string; status: string; n: number | string }[]> {
  let q = db
    .selectFrom('needs')
    .select((eb) => [eb.fn<string>('substr', ['area_path', eb.lit(1), eb.lit(19)]).as('oblast'), 'category', 'priority', 'status', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['open', 'partially_met']);
  if (!scope.all) q = q.where(inScope(scope));
  return q.groupBy(['oblast', 'category', 'priority', 'status']).execute();
}

/** The need, locked for the rest of the transaction on PostgreSQL so concurrent links roll up one after another (SQLite writes one at a time anyway). */
export async function lockNeed(db: Kysely<DB>, kind: DatabaseKind, id: string): Promise<NeedRow | undefined> {
  const q = db.selectFrom('needs').selectAll().where('id', '=', id);
  return (kind === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function needLinkExists(db: Kysely<DB>, needId: string, sourceKind: NeedLinkRow['source_kind'], sourceId: string): Promise<boolean> {
  return (await db.selectFrom('need_links').select('id').where('need_id', '=', needId).where('source_kind', '=', sourceKind).where('source_id', '=', sourceId).executeTakeFirst()) !== undefined;
}

export async function insertNeedLink(db: Kysely<DB>, row: NeedLinkRow): Promise<void> {
  await db.insertInto('need_links').values(row).execute();
}

export async function findNeedLink(db: Kysely<DB>, needId: string, linkId: string): Promise<NeedLinkRow | undefined> {
  return db.selectFrom('need_links').selectAll().where('id', '=', linkId).where('need_id', '=', needId).executeTakeFirst();
}

export async function deleteNeedLink(db: Kysely<DB>, linkId: string): Promise<void> {
  await db.deleteFrom('need_links').where('id', '=', linkId).execute();
}

/** Every link's stage and quantity: summed exactly in code, never as SQL floats. */
export async function linkQuantitiesOf(db: Kysely<DB>, needId: string): Promise<Pick<NeedLinkRow, 'stage' | 'quantity'>[]> {
  return db.selectFrom('need_links').select(['stage', 'quantity']).where('need_id', '=', needId).execute();
}

export async function setNeedRollUp(db: Kysely<DB>, id: string, patch: Pick<NeedRow, 'quantity_pledged' | 'quantity_committed' | 'quantity_delivered' | 'status' | 'updated_at' | 'version'>): Promise<void> {
  await db.updateTable('needs').set(patch).where('id', '=', id).execute();
}

export async function listNeedLinks(db: Kysely<DB>, needId: string, afterId: string | undefined, limit: number): Promise<NeedLinkRow[]> {
  let q = db.selectFrom('need_links').selectAll().where('need_id', '=', needId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}
