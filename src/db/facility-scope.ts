import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../scope.js';
import type { DB } from './tables.js';

/**
 * The read scope as a condition on the facilities table. The registry's table is joined read-only by the
 * capabilities that report on facilities (monitoring, reporting), so every list is filtered in the query, never
 * after it. Here, in the db layer, because a module never imports another module's repository.
 */
export function facilityVisible(eb: ExpressionBuilder<DB, 'facilities'>, scope: Scope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  return eb.or([
    ...scope.areaPaths.map((p) => eb('facilities.area_path', 'like', `${p}%`)),
    ...(scope.facilityIds.length > 0 ? [eb('facilities.id', 'in', scope.facilityIds)] : []),
    // An empty scope sees nothing.
    sql<SqlBool>`1 = 0`,
  ]);
}
