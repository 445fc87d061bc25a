import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { AccessWarning } from './access-warning.schema.js';
import { localNames } from './area-names.schema.js';
import type { AccessStatus } from './area-status.schema.js';
import { findAreas } from './geography.repository.js';

/** The oblast's code: the first segment of an area's path. */
const oblastOf = (path: string): string => path.slice(0, path.indexOf('/'));

/**
 * The warnings for the statuses that call for one (active hostilities), keyed by the status's area. Two queries
 * (the areas, then their oblasts). Other statuses (or none) warn of nothing.
 */
export async function accessWarnings(db: Kysely<DB>, statuses: Iterable<AccessStatus | null>): Promise<Map<string, AccessWarning>> {
  const flagged = new Map<string, AccessStatus>();
  for (const s of statuses) if (s?.status === 'active_hostilities') flagged.set(s.areaKatottg, s);
  const out = new Map<string, AccessWarning>();
  if (flagged.size === 0) return out;
  const areas = new Map((await findAreas(db, [...flagged.keys()])).map((a) => [a.katottg, a]));
  const oblasts = new Map((await findAreas(db, [...new Set([...areas.values()].map((a) => oblastOf(a.path)))])).map((a) => [a.katottg, a]));
  const named = (a: { iso3166_2: string | null; name_uk: string; name_en: string | null }) => localNames({ iso3166_2: a.iso3166_2, nameUk: a.name_uk, nameEn: a.name_en });
  for (const [katottg, s] of flagged) {
    const area = areas.get(katottg);
    if (area === undefined) continue;
    const oblast = area.level <= 1 ? undefined : oblasts.get(oblastOf(area.path));
    out.set(katottg, {
      code: 'active_hostilities',
      since: s.since,
      area: { katottg, level: area.level, name: named(area) },
      oblast: oblast === undefined ? null : { katottg: oblast.katottg, iso3166_2: oblast.iso3166_2, name: named(oblast) },
    });
  }
  return out;
}

/** The warning for one place's status, if it calls for one. */
export async function accessWarning(db: Kysely<DB>, status: AccessStatus | null): Promise<AccessWarning | undefined> {
  return status === null ? undefined : (await accessWarnings(db, [status])).get(status.areaKatottg);
}
