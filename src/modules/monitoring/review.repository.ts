import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
import { incidentVisible } from './incidents.repository.js';
import type { IncidentsTable, ReportReviewsTable, StatusReportsTable } from './monitoring.tables.js';
import type { ReviewKind, ReviewState } from './review.schema.js';
import { facilityVisible } from './status.repository.js';

/** Where a report is, for the scope checks: its facility (if any) and area. */
export interface ReportPlace {
  id: string;
  facility_id: string | null;
  area_path: string;
}

export async function placeOf(db: Kysely<DB>, kind: ReviewKind, id: string): Promise<ReportPlace | undefined> {
  if (kind === 'incident') return db.selectFrom('incidents').select(['id', 'facility_id', 'area_path']).where('id', '=', id).executeTakeFirst();
  return db
    .selectFrom('status_reports')
    .innerJoin('facilities', 'facilities.id', 'status_reports.facility_id')
    .select(['status_reports.id', 'status_reports.facility_id', 'facilities.area_path'])
    .where('status_reports.id', '=', id)
    .executeTakeFirst();
}

export async function reviewRows(db: Kysely<DB>, kind: ReviewKind, ids: readonly string[]): Promise<Map<string, ReportReviewsTable>> {
  const out = new Map<string, ReportReviewsTable>();
  for (let i = 0; i < ids.length; i += 900) {
    for (const r of await db.selectFrom('report_reviews').selectAll().where('kind', '=', kind).where('report_id', 'in', ids.slice(i, i + 900)).execute()) out.set(r.report_id, r);
  }
  return out;
}

/** A report's review, or the implicit one of a report nobody has reviewed (version 0, `new`). */
export async function reviewOf(db: Kysely<DB>, kind: ReviewKind, id: string): Promise<ReportReviewsTable> {
  const row = await db.selectFrom('report_reviews').selectAll().where('kind', '=', kind).where('report_id', '=', id).executeTakeFirst();
  return row ?? { kind, report_id: id, state: 'new', version: 0, corrects: null, corrected_by: null, comment: null, decided_by: null, decided_at: null };
}

/**
 * Writes the next review of a report whose review was `expected`: an insert for version 0 (a concurrent first
 * decision hits the primary key and does nothing), else an update guarded by version and state. False when
 * someone else wrote first.
 */
export async function advanceReview(db: Kysely<DB>, expected: ReportReviewsTable, next: ReportReviewsTable): Promise<boolean> {
  if (expected.version === 0) {
    const r = await db.insertInto('report_reviews').values(next).onConflict((oc) => oc.columns(['kind', 'report_id']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const { kind, report_id: id, ...changes } = next;
  const r = await db
    .updateTable('report_reviews')
    .set(changes)
    .where('kind', '=', kind)
    .where('report_id', '=', id)
    .where('version', '=', expected.version)
    .where('state', '=', expected.state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface QueueFilter {
  visible: Scope;
  state?: ReviewState;
  areaPath?: string;
  facilityId?: string;
  /** Only these reports (a correction chain). */
  ids?: readonly string[];
}

type ReviewColumns = { rv_state: string | null; rv_version: number | null; rv_corrects: string | null; rv_corrected_by: string | null; rv_comment: string | null; rv_decided_by: string | null; rv_decided_at: string | null };
type FacilityColumns = { area_path: string; f_code: string | null; f_name_en: string | null; f_name_uk: string | null; f_lat: number | null; f_lon: number | null };
export type StatusQueueRow = { kind: 'status'; at: string; row: StatusReportsTable } & ReviewColumns & FacilityColumns & { id: string };
export type IncidentQueueRow = { kind: 'incident'; at: string; row: IncidentsTable } & ReviewColumns & FacilityColumns & { id: string };
export type QueueRow = StatusQueueRow | IncidentQueueRow;

const REVIEW_SELECT = [
  'report_reviews.state as rv_state',
  'report_reviews.version as rv_version',
  'report_reviews.corrects as rv_corrects',
  'report_reviews.corrected_by as rv_corrected_by',
  'report_reviews.comment as rv_comment',
  'report_reviews.decided_by as rv_decided_by',
  'report_reviews.decided_at as rv_decided_at',
] as const;

/** Status reports in the queue, newest observation first (the index on observed_at, id), one extra row. */
export async function statusQueue(db: Kysely<DB>, filter: QueueFilter, limit: number, after?: { value: string; id: string }): Promise<StatusQueueRow[]> {
  let q = db
    .selectFrom('status_reports')
    .innerJoin('facilities', 'facilities.id', 'status_reports.facility_id')
    .leftJoin('report_reviews', (j) => j.onRef('report_reviews.report_id', '=', 'status_reports.id').on('report_reviews.kind', '=', 'status'))
    .selectAll('status_reports')
    .select(['facilities.area_path', 'facilities.code as f_code', 'facilities.name_en as f_name_en', 'facilities.name_uk as f_name_uk', 'facilities.lat as f_lat', 'facilities.lon as f_lon', ...REVIEW_SELECT])
    .where((eb) => facilityVisible(eb, filter.visible));
  const state = filter.state;
  if (state === 'new') q = q.where((eb) => eb.or([eb('report_reviews.state', 'is', null), eb('report_reviews.state', '=', 'new')]));
  else if (state !== undefined) q = q.where('report_reviews.state', '=', state);
  if (filter.areaPath !== undefined) q = q.where('facilities.area_path', 'like', `${filter.areaPath}%`);
  if (filter.facilityId !== undefined) q = q.where('status_reports.facility_id', '=', filter.facilityId);
  if (filter.ids !== undefined) q = q.where('status_reports.id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
  if (after !== undefined) {
    q = q.where((eb) => eb.or([eb('status_reports.observed_at', '<', after.value), eb.and([eb('status_reports.observed_at', '=', after.value), eb('status_reports.id', '<', after.id)])]));
  }
  const rows = await q.orderBy('status_reports.observed_at', 'desc').orderBy('status_reports.id', 'desc').limit(limit + 1).execute();
  return rows.map(({ area_path, f_code, f_name_en, f_name_uk, f_lat, f_lon, rv_state, rv_version, rv_corrects, rv_corrected_by, rv_comment, rv_decided_by, rv_decided_at, ...row }) => ({
    kind: 'status',
    id: row.id,
    at: row.observed_at,
    row,
    ...{ area_path, f_code, f_name_en, f_name_uk, f_lat, f_lon },
    ...{ rv_state, rv_version, rv_corrects, rv_corrected_by, rv_comment, rv_decided_by, rv_decided_at },
  }));
}

/** Incidents in the queue, newest first (the index on occurred_at, id), one extra row. */
export async function incidentQueue(db: Kysely<DB>, filter: QueueFilter, limit: number, after?: { value: string; id: string }): Promise<IncidentQueueRow[]> {
  let q = db
    .selectFrom('incidents')
    .leftJoin('facilities', 'facilities.id', 'incidents.facility_id')
    .leftJoin('report_reviews', (j) => j.onRef('report_reviews.report_id', '=', 'incidents.id').on('report_reviews.kind', '=', 'incident'))
    .selectAll('incidents')
    .select(['facilities.code as f_code', 'facilities.name_en as f_name_en', 'facilities.name_uk as f_name_uk', 'facilities.lat as f_lat', 'facilities.lon as f_lon', ...REVIEW_SELECT])
    .where((eb) => incidentVisible(eb, filter.visible));
  const state = filter.state;
  if (state === 'new') q = q.where((eb) => eb.or([eb('report_reviews.state', 'is', null), eb('report_reviews.state', '=', 'new')]));
  else if (state !== undefined) q = q.where('report_reviews.state', '=', state);
  if (filter.areaPath !== undefined) q = q.where('incidents.area_path', 'like', `${filter.areaPath}%`);
  if (filter.facilityId !== undefined) q = q.where('incidents.facility_id', '=', filter.facilityId);
  if (filter.ids !== undefined) q = q.where('incidents.id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
  if (after !== undefined) {
    q = q.where((eb) => eb.or([eb('incidents.occurred_at', '<', after.value), eb.and([eb('incidents.occurred_at', '=', after.value), eb('incidents.id', '<', after.id)])]));
  }
  const rows = await q.orderBy('incidents.occurred_at', 'desc').orderBy('incidents.id', 'desc').limit(limit + 1).execute();
  return rows.map(({ f_code, f_name_en, f_name_uk, f_lat, f_lon, rv_state, rv_version, rv_corrects, rv_corrected_by, rv_comment, rv_decided_by, rv_decided_at, ...row }) => ({
    kind: 'incident',
    id: row.id,
    at: row.occurred_at,
    row,
    ...{ area_path: row.area_path, f_code, f_name_en, f_name_uk, f_lat, f_lon },
    ...{ rv_state, rv_version, rv_corrects, rv_corrected_by, rv_comment, rv_decided_by, rv_decided_at },
  }));
}
