import type { Kysely } from 'kysely';
import type { AreasTable, DB } from '../../db/tables.js';

export async function findArea(db: Kysely<DB>, code: string): Promise<AreasTable | undefined> {
  const column = code.startsWith('UA-') ? 'iso3166_2' : 'katottg';
  return db.selectFrom('areas').selectAll().where(column, '=', code).executeTakeFirst();
}

export async function findAreas(db: Kysely<DB>, codes: readonly string[]): Promise<AreasTable[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('areas').selectAll().where('katottg', 'in', codes).execute();
}

export async function listAreas(db: Kysely<DB>, filter: { level?: number; parent?: string }): Promise<Omit<AreasTable, 'geometry'>[]> {
  let q = db.selectFrom('areas').select(['katottg', 'level', 'parent_katottg', 'path', 'category', 'iso3166_2', 'pcode', 'name_uk', 'name_en']);
  if (filter.level !== undefined) q = q.where('level', '=', filter.level);
  if (filter.parent !== undefined) q = q.where('parent_katottg', '=', filter.parent);
  return q.orderBy('katottg').execute();
}

/** Inserts areas that are new and refreshes names of those already there (re-importing the codifier is idempotent). */
export async function upsertAreas(db: Kysely<DB>, rows: AreasTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('areas')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('katottg').doUpdateSet((eb) => ({ name_uk: eb.ref('excluded.name_uk'), category: eb.ref('excluded.category') })))
      .execute();
  }
}

export async function setGeometry(db: Kysely<DB>, katottg: string, geometry: string): Promise<void> {
  await db.updateTable('areas').set({ geometry }).where('katottg', '=', katottg).execute();
}

export async function countAreasByLevel(db: Kysely<DB>): Promise<Record<number, number>> {
  const rows = await db.selectFrom('areas').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

export async function oblastGeometries(db: Kysely<DB>): Promise<{ katottg: string; iso3166_2: string | null; pcode: string | null; name_uk: string; name_en: string | null; geometry: string | null }[]> {
  return db.selectFrom('areas').select(['katottg', 'iso3166_2', 'pcode', 'name_uk', 'name_en', 'geometry']).where('level', '=', 1).orderBy('katottg').execute();
}
