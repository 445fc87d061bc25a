import type { Kysely } from 'kysely';
import type { AreaStatusesTable, DB } from '../../db/tables.js';

/** A status period with the area it is about (path for inheritance, names for sentences). */
export interface AreaStatusRow extends AreaStatusesTable {
  path: string;
  level: number;
  name_uk: string;
  name_en: string | null;
}

const withArea = (db: Kysely<DB>) =>
  db.selectFrom('area_statuses as s').innerJoin('areas as a', 'a.katottg', 's.area_katottg').selectAll('s').select(['a.path', 'a.level', 'a.name_uk', 'a.name_en']);

/** Every status in force on a date (from ≤ date < to). The official list is small: hundreds of rows, not facilities. */
export async function statusesInForce(db: Kysely<DB>, date: string): Promise<AreaStatusRow[]> {
  return withArea(db)
    .where('s.valid_from', '<=', date)
    .where((eb) => eb.or([eb('s.valid_to', 'is', null), eb('s.valid_to', '>', date)]))
    .execute();
}

/** Every status in force on at least one day from `first` to `last` (inclusive). */
export async function statusesOverlapping(db: Kysely<DB>, first: string, last: string): Promise<AreaStatusRow[]> {
  return withArea(db)
    .where('s.valid_from', '<=', last)
    .where((eb) => eb.or([eb('s.valid_to', 'is', null), eb('s.valid_to', '>', first)]))
    .execute();
}

export async function listAreaStatuses(db: Kysely<DB>, filter: { areaPath?: string; date?: string; status?: string }, afterId: string | undefined, limit: number): Promise<AreaStatusRow[]> {
  let q = withArea(db);
  if (filter.areaPath !== undefined) q = q.where('a.path', 'like', `${filter.areaPath}%`);
  if (filter.status !== undefined) q = q.where('s.status', '=', filter.status);
  const date = filter.date;
  if (date !== undefined) q = q.where('s.valid_from', '<=', date).where((eb) => eb.or([eb('s.valid_to', 'is', null), eb('s.valid_to', '>', date)]));
  if (afterId !== undefined) q = q.where('s.id', '>', afterId);
  return q.orderBy('s.id').limit(limit + 1).execute();
}

/** The stored periods of these areas (an import checks its rows against them). */
export async function periodsOfAreas(db: Kysely<DB>, katottgs: readonly string[]): Promise<AreaStatusesTable[]> {
  const unique = [...new Set(katottgs)];
  const out: AreaStatusesTable[] = [];
  for (let i = 0; i < unique.length; i += 500) out.push(...(await db.selectFrom('area_statuses').selectAll().where('area_katottg', 'in', unique.slice(i, i + 500)).execute()));
  return out;
}

export async function insertAreaStatuses(db: Kysely<DB>, rows: readonly AreaStatusesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('area_statuses').values(rows.slice(i, i + 500)).execute();
}

export async function setAreaStatusEnd(db: Kysely<DB>, id: string, validTo: string | null, at: string): Promise<void> {
  await db
    .updateTable('area_statuses')
    .set((eb) => ({ valid_to: validTo, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
