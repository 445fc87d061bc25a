import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../scope.js';

/** A query's columns that say where a row is and, where it has one, whose donation it is. */
export interface PlaceColumns {
  readonly facility: string;
  readonly areaPath: string;
  readonly donor?: string;
}

/**
 * Places a caller may see (areas by path prefix, facilities by id) and, where the query has a donor column, the
 * donors whose goods they may see, as one WHERE fragment: lists are filtered in the query. An empty set sees nothing;
 * a scope over everything is the caller's to skip (`all`), as this fragment lists only what is named.
 */
export function placesCondition(places: Scope, donorOrgIds: readonly string[], cols: PlaceColumns): RawBuilder<SqlBool> {
  const parts = [
    ...places.areaPaths.map((p) => sql`${sql.ref(cols.areaPath)} like ${`${p}%`}`),
    ...(places.facilityIds.length > 0 ? [sql`${sql.ref(cols.facility)} in (${sql.join([...places.facilityIds])})`] : []),
    ...(cols.donor !== undefined && donorOrgIds.length > 0 ? [sql`${sql.ref(cols.donor)} in (${sql.join([...donorOrgIds])})`] : []),
  ];
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
