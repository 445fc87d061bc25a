import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../access/access.scope.js';
import { facilityVisible } from './status.repository.js';

/** How many facilities of one area are in one packed state (indicators.state.ts). */
export interface StateCount {
  state: string;
  /** The facilities' area: the service sets apart those the Ministry cannot reach (occupied areas) on the date. */
  areaPath: string;
  n: number;
}

export interface StateFilter {
  visible: Scope;
  areaPath?: string;
  /** End of the "as of" day (ISO); absent: now, read from facility_status_current. */
  cutoff?: string;
  /** The "as of" date: facilities closed on or before it are left out. */
  date: string;
  /** Each facility by its latest validated report (review.service.ts), read from the series. */
  validatedOnly?: boolean;
}

/**
 * The number of facilities per latest state, at or before the cutoff, for the facilities open on that date.
 * "As of": one backwards seek per facility on the covering index (facility_id, observed_at, id, state), which
 * yields the state without touching the report's row, so the time grows with the number of facilities, not
 * with the length of the series; the database then counts per distinct state and area (rows come back per
 * area with facilities, not per facility). Without a cutoff the current-status table, which carries the same
 * state, is read instead.
 */
export async function latestStates(db: Kysely<DB>, filter: StateFilter): Promise<StateCount[]> {
  const cutoff = filter.cutoff;
  let facilities = db
    .selectFrom('facilities')
    .where((eb) => facilityVisible(eb, filter.visible))
    .where((eb) => eb.or([eb('facilities.closed_on', 'is', null), eb('facilities.closed_on', '>', filter.date)]));
  if (filter.areaPath !== undefined) facilities = facilities.where('facilities.area_path', 'like', `${filter.areaPath}%`);
  const rows =
    cutoff === undefined && filter.validatedOnly !== true
      ? await facilities
          .innerJoin('facility_status_current as c', 'c.facility_id', 'facilities.id')
          .select(['c.state', 'facilities.area_path', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['c.state', 'facilities.area_path'])
          .execute()
      : await db
          .selectFrom(
            facilities
              .select('facilities.area_path')
              .select((eb) =>
                eb
                  .selectFrom('status_reports as r')
                  .select('r.state')
                  .whereRef('r.facility_id', '=', 'facilities.id')
                  .$if(cutoff !== undefined, (q) => q.where('r.observed_at', '<=', cutoff ?? ''))
                  .$if(filter.validatedOnly === true, (q) =>
                    q.where((v) => v.exists(v.selectFrom('report_reviews as v').select('v.report_id').whereRef('v.report_id', '=', 'r.id').where('v.kind', '=', 'status').where('v.state', '=', 'validated'))),
                  )
                  .orderBy('r.observed_at', 'desc')
                  .orderBy('r.id', 'desc')
                  .limit(1)
                  .as('state'),
              )
              .as('latest'),
          )
          .select(['latest.state', 'latest.area_path', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['latest.state', 'latest.area_path'])
          .execute();
  // Facilities with no report by then form the null group. Filtering it here, not in SQL, because a WHERE on
  // the subquery's column makes SQLite evaluate the subquery twice per facility.
  return rows.flatMap((r) => (r.state === null ? [] : [{ state: r.state, areaPath: r.area_path, n: Number(r.n) }]));
}

/** Facilities open on the date in the area and scope (the denominator: reporting or not), per area. */
export async function openFacilitiesByArea(db: Kysely<DB>, filter: StateFilter): Promise<{ areaPath: string; n: number }[]> {
  let q = db
    .selectFrom('facilities')
    .select(['facilities.area_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => facilityVisible(eb, filter.visible))
    .where((eb) => eb.or([eb('facilities.closed_on', 'is', null), eb('facilities.closed_on', '>', filter.date)]));
  if (filter.areaPath !== undefined) q = q.where('facilities.area_path', 'like', `${filter.areaPath}%`);
  return (await q.groupBy('facilities.area_path').execute()).map((r) => ({ areaPath: r.area_path, n: Number(r.n) }));
}

