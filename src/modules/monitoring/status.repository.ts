import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { bulkInsert } from '../../db/bulk-load.js';
import { facilityVisible } from '../../db/facility-scope.js';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import type { FacilityStatusCurrentTable, StatusReportsTable } from './monitoring.tables.js';

/** A report with the place of its facility: what the scope filter and the sensitivity check need. */
export type PlacedReport = StatusReportsTable & { area_path: string };

/** The read scope as a condition on the facilities table (in the db layer: the reporting capability uses it too). */
export { facilityVisible };

export async function insertReport(db: Kysely<DB>, row: StatusReportsTable): Promise<void> {
  await db.insertInto('status_reports').values(row).execute();
}

/** Many reports at once (imports, the 3 M-row demo history): bulk-load.ts says how. */
export async function insertReports(db: Kysely<DB>, kind: DatabaseKind, rows: readonly StatusReportsTable[]): Promise<void> {
  await bulkInsert(db, kind, 'status_reports', rows);
}

/**
 * Makes the report the facility's current one unless a report observed later is already current:
 * a late-arriving offline report must not overwrite newer news. One statement, so concurrent
 * writers on PostgreSQL cannot both insert.
 */
export async function advanceCurrent(db: Kysely<DB>, rows: readonly FacilityStatusCurrentTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('facility_status_current')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .column('facility_id')
          .doUpdateSet({ report_id: sql`excluded.report_id`, observed_at: sql`excluded.observed_at`, state: sql`excluded.state` })
          .where(sql<SqlBool>`facility_status_current.observed_at <= excluded.observed_at`),
      )
      .execute();
  }
}

export interface ReportFilter {
  visible: Scope;
  facilityId?: string;
  /** Inclusive bounds on observed_at (ISO strings). */
  from?: string;
  to?: string;
}

/** One page, newest first (observed_at, then id), with one extra row to know whether more follow. */
export async function listReports(db: Kysely<DB>, filter: ReportFilter, limit: number, after?: { value: string; id: string }): Promise<PlacedReport[]> {
  let q = db
    .selectFrom('status_reports')
    .innerJoin('facilities', 'facilities.id', 'status_reports.facility_id')
    .selectAll('status_reports')
    .select('facilities.area_path')
    .where((eb) => facilityVisible(eb, filter.visible));
  if (filter.facilityId !== undefined) q = q.where('status_reports.facility_id', '=', filter.facilityId);
  if (filter.from !== undefined) q = q.where('status_reports.observed_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('status_reports.observed_at', '<=', filter.to);
  if (after !== undefined) {
    q = q.where((eb) => eb.or([eb('status_reports.observed_at', '<', after.value), eb.and([eb('status_reports.observed_at', '=', after.value), eb('status_reports.id', '<', after.id)])]));
  }
  return q.orderBy('status_reports.observed_at', 'desc').orderBy('status_reports.id', 'desc').limit(limit + 1).execute();
}

/** The facility's latest report observed at or before the cutoff (ISO), or its current one without a cutoff. */
export async function latestReport(db: Kysely<DB>, facilityId: string, cutoff?: string): Promise<StatusReportsTable | undefined> {
  if (cutoff === undefined) {
    return db
      .selectFrom('facility_status_current')
      .innerJoin('status_reports', 'status_reports.id', 'facility_status_current.report_id')
      .selectAll('status_reports')
      .where('facility_status_current.facility_id', '=', facilityId)
      .executeTakeFirst();
  }
  return db
    .selectFrom('status_reports')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .where('observed_at', '<=', cutoff)
    .orderBy('observed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countReports(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('status_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The current report of each of these facilities (those with none are absent). */
export async function currentReports(db: Kysely<DB>, facilityIds: readonly string[]): Promise<Map<string, StatusReportsTable>> {
  const out = new Map<string, StatusReportsTable>();
  for (let i = 0; i < facilityIds.length; i += 900) {
    const rows = await db
      .selectFrom('facility_status_current')
      .innerJoin('status_reports', 'status_reports.id', 'facility_status_current.report_id')
      .selectAll('status_reports')
      .where('facility_status_current.facility_id', 'in', facilityIds.slice(i, i + 900))
      .execute();
    for (const r of rows) out.set(r.facility_id, r);
  }
  return out;
}

/** Facilities named by national code in an import (whole rows: the report checks need type, services, dates). */
export async function facilitiesByCode(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, FacilityRow>> {
  const out = new Map<string, FacilityRow>();
  for (let i = 0; i < codes.length; i += 900) {
    for (const f of await db.selectFrom('facilities').selectAll().where('code', 'in', codes.slice(i, i + 900)).execute()) out.set(f.code, f);
  }
  return out;
}

export async function facilitiesById(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, FacilityRow>> {
  const out = new Map<string, FacilityRow>();
  for (let i = 0; i < ids.length; i += 900) {
    for (const f of await db.selectFrom('facilities').selectAll().where('id', 'in', ids.slice(i, i + 900)).execute()) out.set(f.id, f);
  }
  return out;
}

/** Which of these (facility, observed_at) pairs are already stored, as "facility_id observed_at" keys. */
export async function storedObservations(db: Kysely<DB>, facilityIds: readonly string[], from: string, to: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < facilityIds.length; i += 900) {
    const rows = await db
      .selectFrom('status_reports')
      .select(['facility_id', 'observed_at'])
      .where('facility_id', 'in', facilityIds.slice(i, i + 900))
      .where('observed_at', '>=', from)
      .where('observed_at', '<=', to)
      .execute();
    for (const r of rows) out.add(`${r.facility_id} ${r.observed_at}`);
  }
  return out;
}

/** Stored reports by id (an import's submission UUIDs), with what tells whether it is the same visit. */
export async function reportsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { facility_id: string; observed_at: string }>> {
  const out = new Map<string, { facility_id: string; observed_at: string }>();
  for (let i = 0; i < ids.length; i += 900) {
    for (const r of await db.selectFrom('status_reports').select(['id', 'facility_id', 'observed_at']).where('id', 'in', ids.slice(i, i + 900)).execute()) out.set(r.id, r);
  }
  return out;
}
