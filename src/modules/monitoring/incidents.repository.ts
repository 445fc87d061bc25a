import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
import type { IncidentsTable } from './monitoring.tables.js';

export async function insertIncidents(db: Kysely<DB>, rows: readonly IncidentsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('incidents').values(rows.slice(i, i + 500)).execute();
}

/** The scope as a condition on incidents: by the area they happened in, or the facility they name. */
export function incidentVisible(eb: ExpressionBuilder<DB, 'incidents'>, scope: Scope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  return eb.or([
    ...scope.areaPaths.map((p) => eb('incidents.area_path', 'like', `${p}%`)),
    ...(scope.facilityIds.length > 0 ? [eb('incidents.facility_id', 'in', scope.facilityIds)] : []),
    // An empty scope sees nothing.
    sql<SqlBool>`1 = 0`,
  ]);
}

export interface IncidentFilter {
  /** What the caller may read; applied in the query. Public callers pass EVERYTHING and get public fields only. */
  visible: Scope;
  areaPath?: string;
  from?: string;
  to?: string;
}

/** One page, newest first, with one extra row to know whether more follow. */
export async function listIncidents(db: Kysely<DB>, filter: IncidentFilter, limit: number, after?: { value: string; id: string }): Promise<IncidentsTable[]> {
  let q = db.selectFrom('incidents').selectAll();
  if (!filter.visible.all) q = q.where((eb) => incidentVisible(eb, filter.visible));
  if (filter.areaPath !== undefined) q = q.where('area_path', 'like', `${filter.areaPath}%`);
  if (filter.from !== undefined) q = q.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('occurred_at', '<=', filter.to);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('occurred_at', '<', after.value), eb.and([eb('occurred_at', '=', after.value), eb('id', '<', after.id)])]));
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

/** Incidents and casualties by month (YYYY-MM), oblast path prefix and attack type, up to a cutoff. */
export async function incidentRowsUpTo(db: Kysely<DB>, cutoff: string, areaPath?: string, validatedOnly = false): Promise<Pick<IncidentsTable, 'occurred_at' | 'attack_types' | 'health_workers_killed' | 'health_workers_injured' | 'patients_killed' | 'patients_injured'>[]> {
  let q = db.selectFrom('incidents').select(['occurred_at', 'attack_types', 'health_workers_killed', 'health_workers_injured', 'patients_killed', 'patients_injured']).where('occurred_at', '<=', cutoff);
  if (areaPath !== undefined) q = q.where('area_path', 'like', `${areaPath}%`);
  if (validatedOnly) q = q.where((eb) => eb.exists(eb.selectFrom('report_reviews').select('report_reviews.report_id').whereRef('report_reviews.report_id', '=', 'incidents.id').where('report_reviews.kind', '=', 'incident').where('report_reviews.state', '=', 'validated')));
  return q.execute();
}

export async function countIncidents(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
