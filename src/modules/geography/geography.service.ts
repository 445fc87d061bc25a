import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AreasTable, DB } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { findArea, findAreas, listAreas, oblastGeometries } from './geography.repository.js';
import type { Area, AreaListQuery } from './geography.schema.js';
import { OBLASTS } from './oblasts.js';

export type AreaRef = Pick<AreasTable, 'katottg' | 'path' | 'level'>;

const CENTRES = new Map(OBLASTS.map((o) => [o.katottg, o.centre]));

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

/** Areas' public names and, for an oblast, its administrative centre: what open data may say of a place. */
export async function publicPlaces(db: Kysely<DB>, codes: Iterable<string>): Promise<Map<string, { nameUk: string; nameEn: string | null; centre: { lat: number; lon: number } | null }>> {
  const wanted = [...new Set(codes)];
  const out = new Map<string, { nameUk: string; nameEn: string | null; centre: { lat: number; lon: number } | null }>();
  for (let i = 0; i < wanted.length; i += 900) {
    for (const a of await findAreas(db, wanted.slice(i, i + 900))) {
      const c = a.level === 1 ? CENTRES.get(a.katottg) : undefined;
      out.set(a.katottg, { nameUk: a.name_uk, nameEn: a.name_en, centre: c === undefined ? null : { lat: c[0], lon: c[1] } });
    }
  }
  return out;
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

/** The oblasts (level 1) with their paths and ISO 3166-2 codes, for capabilities that keep data per oblast. */
export async function oblastRows(db: Kysely<DB>): Promise<Omit<AreasTable, 'geometry'>[]> {
  return listAreas(db, { level: 1 });
}

/** The oblasts' boundaries as `carebridge import boundaries` loaded them (GeoJSON text, null where none was loaded). */
export async function oblastBoundaries(db: Kysely<DB>): ReturnType<typeof oblastGeometries> {
  return oblastGeometries(db);
}
