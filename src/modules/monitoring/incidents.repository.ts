import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../access/access.scope.js';
import type { IncidentsTable } from './monitoring.tables.js';

export async function insertIncidents(db: Kysely<DB>, rows: readonly IncidentsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('incidents').values(rows.slice(i, i + 500)).execute();
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
  const scope = filter.visible;
  if (!scope.all) {
    q = q.where((eb) =>
      eb.or([
        ...scope.areaPaths.map((p) => eb('area_path', 'like', `${p}%`)),
        ...(scope.facilityIds.length > 0 ? [eb('facility_id', 'in', scope.facilityIds)] : []),
        sql<SqlBool>`1 = 0`,
      ]),
    );
  }
  if (filter.areaPath !== undefined) q = q.where('area_path', 'like', `${filter.areaPath}%`);
  if (filter.from !== undefined) q = q.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('occurred_at', '<=', filter.to);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('occurred_at', '<', after.value), eb.and([eb('occurred_at', '=', after.value), eb('id', '<', after.id)])]));
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

/** Incidents and casualties by month (YYYY-MM), oblast path prefix and attack type, up to a cutoff. */
export async function incidentRowsUpTo(db: Kysely<DB>, cutoff: string, areaPath?: string): Promise<Pick<IncidentsTable, 'occurred_at' | 'attack_types' | 'health_workers_killed' | 'health_workers_injured' | 'patients_killed' | 'patients_injured'>[]> {
  let q = db.selectFrom('incidents').select(['occurred_at', 'attack_types', 'health_workers_killed', 'health_workers_injured', 'patients_killed', 'patients_injured']).where('occurred_at', '<=', cutoff);
  if (areaPath !== undefined) q = q.where('area_path', 'like', `${areaPath}%`);
  return q.execute();
}

export async function countIncidents(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
