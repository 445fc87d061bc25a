import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
import type { NeedLinksTable, NeedsTable, NeedTransitionsTable } from './needs.tables.js';

export type NeedRow = NeedsTable;
export type NeedLinkRow = NeedLinksTable;
export type NeedTransitionRow = NeedTransitionsTable;

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

/** Writes a decision or an edit only if the need is still at the version it was read at (false: someone was first). */
export async function updateNeedAt(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<Omit<NeedRow, 'id' | 'facility_id' | 'area_path'>>): Promise<boolean> {
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

export type GapRow = Pick<NeedRow, 'id' | 'area_path' | 'category' | 'priority' | 'status' | 'quantity' | 'quantity_committed' | 'quantity_delivered' | 'quantity_rejected' | 'quantity_closed' | 'unit_price' | 'price_currency' | 'price_date' | 'created_at'>;

/** A page of the needs the gap analysis counts (those in these statuses, in the caller's scope), by id. */
export async function gapRowsPage(db: Kysely<DB>, scope: Scope, statuses: readonly string[], afterId: string | undefined, limit: number): Promise<GapRow[]> {
  let q = db
    .selectFrom('needs')
    .select(['id', 'area_path', 'category', 'priority', 'status', 'quantity', 'quantity_committed', 'quantity_delivered', 'quantity_rejected', 'quantity_closed', 'unit_price', 'price_currency', 'price_date', 'created_at'])
    .where('status', 'in', [...statuses]);
  if (!scope.all) q = q.where(inScope(scope));
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
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

/** Needs of a category in one of these statuses, oldest first (the caller filters by facility: a plan may span thousands). */
export async function needsOfCategory(db: Kysely<DB>, category: string, statuses: readonly string[]): Promise<NeedRow[]> {
  return db.selectFrom('needs').selectAll().where('category', '=', category).where('status', 'in', [...statuses]).orderBy('id').execute();
}

/** Every link's stage and quantity: summed exactly in code, never as SQL floats. */
export async function linkQuantitiesOf(db: Kysely<DB>, needId: string): Promise<Pick<NeedLinkRow, 'stage' | 'quantity'>[]> {
  return db.selectFrom('need_links').select(['stage', 'quantity']).where('need_id', '=', needId).execute();
}

export async function setNeedRollUp(db: Kysely<DB>, id: string, patch: Pick<NeedRow, 'quantity_pledged' | 'quantity_committed' | 'quantity_delivered' | 'quantity_rejected' | 'quantity_closed' | 'status' | 'updated_at' | 'version'>): Promise<void> {
  await db.updateTable('needs').set(patch).where('id', '=', id).execute();
}

export async function listNeedLinks(db: Kysely<DB>, needId: string, afterId: string | undefined, limit: number): Promise<NeedLinkRow[]> {
  let q = db.selectFrom('need_links').selectAll().where('need_id', '=', needId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

export async function insertTransition(db: Kysely<DB>, row: NeedTransitionRow): Promise<void> {
  await db.insertInto('need_transitions').values(row).execute();
}

/** The need's steps, oldest first (ids are time-ordered UUIDv7, so they break ties of the same instant). */
export async function transitionsOf(db: Kysely<DB>, needId: string): Promise<NeedTransitionRow[]> {
  return db.selectFrom('need_transitions').selectAll().where('need_id', '=', needId).orderBy('at').orderBy('id').execute();
}
