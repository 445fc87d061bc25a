import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AreasTable, DB } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { findArea, findAreas, listAreas } from './geography.repository.js';
import type { Area, AreaListQuery } from './geography.schema.js';

export type AreaRef = Pick<AreasTable, 'katottg' | 'path' | 'level'>;

/** Finds an area by KATOTTG or ISO 3166-2 code, or says which field named an unknown one. */
export async function resolveArea(db: Kysely<DB>, code: string, field = '/area'): Promise<AreaRef> {
  const area = await findArea(db, code);
  if (area === undefined) throw new AppError('validation_failed', `Unknown area "${code}".`, { errors: [{ path: field, message: `no area with code "${code}"` }] });
  return area;
}

/** Looks up many areas at once (imports): KATOTTG or ISO codes → area. */
export async function areasByCode(db: Kysely<DB>, codes: Iterable<string>): Promise<Map<string, AreaRef>> {
  const wanted = [...new Set(codes)];
  const byCode = new Map<string, AreaRef>();
  const katottg = wanted.filter((c) => !c.startsWith('UA-'));
  for (let i = 0; i < katottg.length; i += 900) for (const a of await findAreas(db, katottg.slice(i, i + 900))) byCode.set(a.katottg, a);
  for (const iso of wanted.filter((c) => c.startsWith('UA-'))) {
    const a = await findArea(db, iso);
    if (a !== undefined) byCode.set(iso, a);
  }
  return byCode;
}

export async function listAreaRecords(database: Database, query: AreaListQuery): Promise<Area[]> {
  const filter: { level?: number; parent?: string } = {};
  if (query.level !== undefined) filter.level = query.level;
  if (query.parent !== undefined) filter.parent = query.parent;
  const rows = await listAreas(database.db, filter);
  return rows.map((r) => ({
    katottg: r.katottg,
    level: r.level,
    parentKatottg: r.parent_katottg,
    category: r.category,
    iso3166_2: r.iso3166_2,
    pcode: r.pcode,
    nameUk: r.name_uk,
    nameEn: r.name_en,
  }));
}
