import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../access/access.scope.js';
import { facilityVisible } from './status.repository.js';

/** What the indicators need of each facility's latest report. */
export interface LatestState {
  facility_id: string;
  area_path: string;
  functionality: string;
  building_condition: string;
  power_source: string;
  services: string;
}

export interface StateFilter {
  visible: Scope;
  areaPath?: string;
  /** End of the "as of" day (ISO); absent: now, read from facility_status_current. */
  cutoff?: string;
  /** The "as of" date: facilities closed on or before it are left out. */
  date: string;
}

/**
 * The latest report at or before the cutoff for every facility open on that date, in one query.
 * Each facility costs one backwards seek on (facility_id, observed_at, id), so the time grows with
 * the number of facilities, not with the length of the series (30,000 seeks for the whole country
 * whether it holds 100 k or 3 M reports). Without a cutoff the current-status table is joined instead.
 */
export async function latestStates(db: Kysely<DB>, filter: StateFilter): Promise<LatestState[]> {
  const cutoff = filter.cutoff;
  let q =
    cutoff === undefined
      ? db
          .selectFrom('facilities')
          .innerJoin('facility_status_current as c', 'c.facility_id', 'facilities.id')
          .innerJoin('status_reports', 'status_reports.id', 'c.report_id')
      : db.selectFrom('facilities').innerJoin('status_reports', (join) =>
          join.on((eb) =>
            eb(
              'status_reports.id',
              '=',
              eb
                .selectFrom('status_reports as r2')
                .select('r2.id')
                .whereRef('r2.facility_id', '=', 'facilities.id')
                .where('r2.observed_at', '<=', cutoff)
                .orderBy('r2.observed_at', 'desc')
                .orderBy('r2.id', 'desc')
                .limit(1),
            ),
          ),
        );
  q = q
    .where((eb) => facilityVisible(eb, filter.visible))
    .where((eb) => eb.or([eb('facilities.closed_on', 'is', null), eb('facilities.closed_on', '>', filter.date)]));
  if (filter.areaPath !== undefined) q = q.where('facilities.area_path', 'like', `${filter.areaPath}%`);
  return q
    .select(['facilities.id as facility_id', 'facilities.area_path', 'status_reports.functionality', 'status_reports.building_condition', 'status_reports.power_source', 'status_reports.services'])
    .execute();
}

/** Facilities open on the date in the area and scope (the denominator: reporting or not). */
export async function countOpenFacilities(db: Kysely<DB>, filter: StateFilter): Promise<number> {
  let q = db
    .selectFrom('facilities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => facilityVisible(eb, filter.visible))
    .where((eb) => eb.or([eb('facilities.closed_on', 'is', null), eb('facilities.closed_on', '>', filter.date)]));
  if (filter.areaPath !== undefined) q = q.where('facilities.area_path', 'like', `${filter.areaPath}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

