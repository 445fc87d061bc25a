import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
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
    filter.validatedOnly === true
      ? await latestValidated(db, facilities, cutoff)
      : cutoff === undefined
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
                  .where('r.observed_at', '<=', cutoff)
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

/**
 * Each facility's latest validated report (at or before the cutoff), counted per state and area. Driven from the
 * validated reviews (report_reviews by kind and state), not by a backward walk through every facility's series,
 * which for facilities with no validated report would read their whole history.
 */
async function latestValidated(db: Kysely<DB>, facilities: SelectQueryBuilder<DB, 'facilities', object>, cutoff: string | undefined) {
  const ranked = facilities
    .innerJoin('status_reports as r', 'r.facility_id', 'facilities.id')
    .innerJoin('report_reviews as v', (j) => j.onRef('v.report_id', '=', 'r.id').on('v.kind', '=', 'status').on('v.state', '=', 'validated'))
    .$if(cutoff !== undefined, (q) => q.where('r.observed_at', '<=', cutoff ?? ''))
    .select(['facilities.area_path', 'r.state', sql<number>`row_number() over (partition by r.facility_id order by r.observed_at desc, r.id desc)`.as('rn')]);
  return db
    .selectFrom(ranked.as('latest'))
    .where('latest.rn', '=', 1)
    .select(['latest.state', 'latest.area_path', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['latest.state', 'latest.area_path'])
    .execute();
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

