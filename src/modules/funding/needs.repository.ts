import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../access/access.scope.js';
import type { NeedsTable } from './funding.tables.js';

export type NeedRow = NeedsTable;

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

export async function listNeeds(db: Kysely<DB>, scope: Scope, filter: { category?: string; status?: string; facilityId?: string }, afterId: string | undefined, limit: number): Promise<NeedRow[]> {
  let q = db.selectFrom('needs').selectAll();
  if (!scope.all) q = q.where(inScope(scope));
  if (filter.category !== undefined) q = q.where('category', '=', filter.category);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.facilityId !== undefined) q = q.where('facility_id', '=', filter.facilityId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

/** Counts of open and partly met needs by oblast (first 19 characters of the path: its KATOTTG code), category and priority. */
export async function needGapCounts(db: Kysely<DB>, scope: Scope): Promise<{ oblast: string; category: string; priority: string; n: number | string }[]> {
  let q = db
    .selectFrom('needs')
    .select((eb) => [eb.fn<string>('substr', ['area_path', eb.lit(1), eb.lit(19)]).as('oblast'), 'category', 'priority', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['open', 'partially_met']);
  if (!scope.all) q = q.where(inScope(scope));
  return q.groupBy(['oblast', 'category', 'priority']).execute();
}
