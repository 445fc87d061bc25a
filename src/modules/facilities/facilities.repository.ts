import { sql, type Kysely } from 'kysely';
import type { DB, FacilityHistoryTable } from '../../db/tables.js';
import type { SortedPageRequest } from '../../db/pagination.js';
import type { Scope } from '../../scope.js';
import type { FacilitySort } from './facilities.schema.js';
import type { FacilityRow } from './facilities.tables.js';

export interface FacilityFilter {
  /** Only these facilities (still within `visible`). */
  ids?: readonly string[];
  areaPath?: string;
  types?: readonly string[];
  tier?: string;
  search?: string;
  status: 'open' | 'closed' | 'all';
  /** What the caller may see; applied in the query, never after it. */
  visible: Scope;
}


/** Escapes LIKE wildcards so a user's "%" or "_" is searched for literally. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Kysely<DB>, filter: FacilityFilter) {
  let q = db.selectFrom('facilities');
  const scope = filter.visible;
  if (!scope.all) {
    q = q.where((eb) =>
      eb.or([
        ...scope.areaPaths.map((p) => eb('area_path', 'like', `${p}%`)),
        ...(scope.facilityIds.length > 0 ? [eb('id', 'in', scope.facilityIds)] : []),
        // An empty scope sees nothing.
        eb(sql<number>`1`, '=', 0),
      ]),
    );
  }
  // An empty list names no facility, so it matches none (and `in ()` is not valid SQL).
  if (filter.ids !== undefined) q = filter.ids.length > 0 ? q.where('id', 'in', filter.ids) : q.where(sql<boolean>`1 = 0`);
  if (filter.areaPath !== undefined) q = q.where(sql<boolean>`area_path like ${`${likeEscape(filter.areaPath)}%`} escape '\\'`);
  if (filter.types !== undefined && filter.types.length > 0) q = q.where('type', 'in', filter.types);
  if (filter.tier !== undefined) q = q.where('tier', '=', filter.tier);
  if (filter.search !== undefined) q = q.where(sql<boolean>`search_text like ${`%${likeEscape(filter.search)}%`} escape '\\'`);
  if (filter.status === 'open') q = q.where('closed_on', 'is', null);
  if (filter.status === 'closed') q = q.where('closed_on', 'is not', null);
  return q;
}

/** One page of facilities in a stable order (sort column, then id), fetching one extra row to know if more follow. */
export async function listFacilities(db: Kysely<DB>, filter: FacilityFilter, page: SortedPageRequest<FacilitySort>): Promise<FacilityRow[]> {
  let q = filtered(db, filter).selectAll();
  const dir = page.descending ? 'desc' : 'asc';
  const after = page.after;
  if (after !== undefined) {
    const op = page.descending ? '<' : '>';
    q = q.where((eb) => eb.or([eb(page.column, op, after.value), eb.and([eb(page.column, '=', after.value), eb('id', op, after.id)])]));
  }
  return q.orderBy(page.column, dir).orderBy('id', dir).limit(page.limit + 1).execute();
}

/** Facilities matching a filter in id order, a batch at a time: exports stream without holding the set in memory. */
export async function* facilitiesInBatches(db: Kysely<DB>, filter: FacilityFilter, batchSize = 2000): AsyncGenerator<FacilityRow[]> {
  let afterId = '';
  for (;;) {
    const rows = await filtered(db, filter).selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = (rows[rows.length - 1] as FacilityRow).id;
    if (rows.length < batchSize) return;
  }
}

export async function findFacility(db: Kysely<DB>, id: string): Promise<FacilityRow | undefined> {
  return db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function existingCodes(db: Kysely<DB>, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 900) {
    const rows = await db.selectFrom('facilities').select('code').where('code', 'in', codes.slice(i, i + 900)).execute();
    for (const r of rows) found.add(r.code);
  }
  return found;
}

// SQLite allows 32,766 bound parameters per statement; 22 columns × 500 rows stays well inside.
const INSERT_BATCH = 500;

export async function insertFacilities(db: Kysely<DB>, rows: readonly FacilityRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insertInto('facilities').values(rows.slice(i, i + INSERT_BATCH)).execute();
}

/** Applies a change only if the stored version is the one the caller saw; returns whether it did. */
export async function updateFacility(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<FacilityRow>): Promise<boolean> {
  const result = await db.updateTable('facilities').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertHistory(db: Kysely<DB>, rows: readonly FacilityHistoryTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insertInto('facility_history').values(rows.slice(i, i + INSERT_BATCH)).execute();
}

export async function listHistory(db: Kysely<DB>, facilityId: string): Promise<FacilityHistoryTable[]> {
  return db.selectFrom('facility_history').selectAll().where('facility_id', '=', facilityId).orderBy('version').execute();
}

/** Ids among these that are not in the registry. */
export async function unknownIds(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 900) for (const r of await db.selectFrom('facilities').select('id').where('id', 'in', ids.slice(i, i + 900)).execute()) found.add(r.id);
  return ids.filter((id) => !found.has(id));
}

/** Public aggregate: open facilities by oblast and type (no names, no places). */
export async function countByOblastAndType(db: Kysely<DB>): Promise<{ oblast: string; type: string; n: number }[]> {
  const rows = await db
    .selectFrom('facilities')
    .select([sql<string>`substr(area_path, 1, 19)`.as('oblast'), 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('closed_on', 'is', null)
    .groupBy([sql`substr(area_path, 1, 19)`, 'type'])
    .execute();
  return rows.map((r) => ({ oblast: r.oblast, type: r.type, n: Number(r.n) }));
}

export async function countFacilities(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
