import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { facilityVisible } from '../../db/facility-scope.js';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
import type { ReportingPeriodsTable } from './reporting.tables.js';

/** A facility open in the period, with the moment its first report observed in the period reached the server. */
export interface FacilityReceipt {
  id: string;
  /** Only for facilities without a receipt (the missing are among them): names of the others are not read. */
  name_uk: string | null;
  name_en: string | null;
  type: string;
  area_path: string;
  opened_on: string | null;
  closed_on: string | null;
  /** Null: nothing observed in the period had arrived by the cutoff. */
  received_at: string | null;
}

export interface ReceiptFilter {
  visible: Scope;
  areaPath?: string;
  /** The period's first and last day (YYYY-MM-DD). */
  first: string;
  last: string;
  /** Observed at or after this instant and before `observedBefore` (ISO): the period's reports. */
  observedFrom: string;
  observedBefore: string;
  /** Only reports received (created) by this instant count: the end of the as-of day. */
  cutoff: string;
}

/**
 * Every facility in the scope and area that was open on at least one day of the period, left-joined to the first
 * receipt of a report observed in it. The receipts come from one range scan of the (observed_at, facility_id,
 * created_at) index grouped by facility (about one entry per facility for a week), joined once: no query per
 * facility. Facility rows are few enough (30,000 at national scale) to classify in the service, where the
 * schedules and the access statuses of the period's days are known.
 */
export async function facilityReceipts(db: Kysely<DB>, kind: DatabaseKind, filter: ReceiptFilter): Promise<FacilityReceipt[]> {
  // SQLite's planner takes the (observed_at, id) list index for this range and then reads 30,000 rows for their
  // facility and arrival (4 to 10 times slower at national scale, measured); the covering index needs no row.
  const reports = kind === 'sqlite' ? sql`status_reports indexed by status_reports_observed_received` : sql`status_reports`;
  const receipts = sql<{ facility_id: string; received_at: string }>`(select facility_id, min(created_at) as received_at from ${reports}
    where observed_at >= ${filter.observedFrom} and observed_at < ${filter.observedBefore} and created_at <= ${filter.cutoff} group by facility_id)`;
  let q = db
    .selectFrom('facilities')
    .leftJoin(receipts.as('r'), (join) => join.onRef('r.facility_id', '=', 'facilities.id'))
    // Names only where nothing arrived: reading 30,000 names doubles this query's time at national scale (measured).
    .select(['facilities.id', 'facilities.type', 'facilities.area_path', 'facilities.opened_on', 'facilities.closed_on', 'r.received_at'])
    .select((eb) => [
      eb.case().when('r.received_at', 'is', null).then(eb.ref('facilities.name_uk')).end().as('name_uk'),
      eb.case().when('r.received_at', 'is', null).then(eb.ref('facilities.name_en')).end().as('name_en'),
    ])
    .where((eb) => facilityVisible(eb, filter.visible))
    .where((eb) => eb.or([eb('facilities.opened_on', 'is', null), eb('facilities.opened_on', '<=', filter.last)]))
    .where((eb) => eb.or([eb('facilities.closed_on', 'is', null), eb('facilities.closed_on', '>', filter.first)]));
  if (filter.areaPath !== undefined) q = q.where('facilities.area_path', 'like', `${filter.areaPath}%`);
  return q.execute();
}

/** Each facility's latest observation among the reports received by the cutoff (for the missing list: "last heard of"). */
export async function lastObserved(db: Kysely<DB>, facilityIds: readonly string[], cutoff: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < facilityIds.length; i += 500) {
    const rows = await db
      .selectFrom('status_reports')
      .select(['facility_id', (eb) => eb.fn.max<string>('observed_at').as('observed_at')])
      .where('facility_id', 'in', facilityIds.slice(i, i + 500))
      .where('created_at', '<=', cutoff)
      .groupBy('facility_id')
      .execute();
    for (const r of rows) out.set(r.facility_id, r.observed_at);
  }
  return out;
}

export async function listOverrides(db: Kysely<DB>): Promise<ReportingPeriodsTable[]> {
  return db.selectFrom('reporting_periods').selectAll().orderBy('facility_type').execute();
}

export async function findOverride(db: Kysely<DB>, facilityType: string): Promise<ReportingPeriodsTable | undefined> {
  return db.selectFrom('reporting_periods').selectAll().where('facility_type', '=', facilityType).executeTakeFirst();
}

export async function insertOverride(db: Kysely<DB>, row: ReportingPeriodsTable): Promise<void> {
  await db.insertInto('reporting_periods').values(row).execute();
}

/** Changes an override if it is still at `version`; false when someone changed or removed it meanwhile. */
export async function updateOverride(db: Kysely<DB>, facilityType: string, version: number, patch: Pick<ReportingPeriodsTable, 'period' | 'deadline_days' | 'updated_at' | 'version'>): Promise<boolean> {
  const r = await db.updateTable('reporting_periods').set(patch).where('facility_type', '=', facilityType).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteOverride(db: Kysely<DB>, facilityType: string, version: number): Promise<boolean> {
  const r = await db.deleteFrom('reporting_periods').where('facility_type', '=', facilityType).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
