import type { Principal } from '../../context.js';
import { readerOf, type Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { registryScope } from '../../scope.js';
import { accessThrough } from '../geography/area-status.service.js';
import { publicPlaces, resolveArea } from '../geography/geography.service.js';
import { OBLASTS } from '../geography/oblasts.js';
import { classifier, count, emptyCounts } from './completeness.compute.js';
import { facilityReceipts, lastObserved, type FacilityReceipt } from './completeness.repository.js';
import type { AreaCompleteness, Completeness, CompletenessCounts, CompletenessQuery, MissingFacility } from './completeness.schema.js';
import { addDays, parsePeriod, periodContaining, previousPeriod, type ReportingPeriod } from './periods.js';
import { schedulesByType, type ScheduleDefaults } from './periods.service.js';

const ISO_OF = new Map(OBLASTS.map((o) => [o.katottg, o.iso3166_2]));
const endOfDay = (date: string): string => `${date}T23:59:59.999Z`;
// One collator for the whole sort: localeCompare with a locale builds one per call (seconds for a national list).
const UK = new Intl.Collator('uk');

/** The period asked for, or the last one of the default schedule that ended before the as-of date. */
function periodOf(code: string | undefined, asOf: string, defaults: ScheduleDefaults): ReportingPeriod {
  if (code === undefined) return previousPeriod(periodContaining(defaults.period, asOf));
  const period = parsePeriod(code);
  if (period === null) {
    throw new AppError('validation_failed', `"${code}" is not a reporting period: write an ISO week as 2025-W10 (weeks 01 to 52, or 53 in a long year) or a month as 2025-03.`, {
      errors: [{ path: '/querystring/period', message: 'no such week or month' }],
    });
  }
  if (asOf < period.first) {
    throw new AppError('validation_failed', `The as-of date ${asOf} is before period ${period.code} begins (${period.first}): no report for it can have arrived yet.`, {
      errors: [{ path: '/querystring/asOf', message: `must be on or after ${period.first}` }],
    });
  }
  return period;
}

/** Oblast and raion codes of an area path ("UA46…/UA46060…/UA46060…/"). */
const levelsOf = (areaPath: string): [string, string | undefined] => {
  const first = areaPath.indexOf('/');
  const second = areaPath.indexOf('/', first + 1);
  return [areaPath.slice(0, first), second < 0 ? undefined : areaPath.slice(first + 1, second)];
};

/**
 * Reporting completeness and timeliness for one period, as of a date, in an area (or the country), within the caller's
 * read scope (a facility reporter sees its own facilities). Three queries whatever the number of facilities (the
 * facilities with their receipts, the area statuses of the period, the schedules), then names for the areas and the
 * missing facilities listed.
 */
export async function completenessFor(database: Database, principal: Principal | null, query: CompletenessQuery, defaults: ScheduleDefaults): Promise<Completeness> {
  const asOf = query.asOf ?? nowIso().slice(0, 10);
  const period = periodOf(query.period, asOf, defaults);
  const area = query.area === undefined ? undefined : await resolveArea(database.db, query.area, '/querystring/area');
  const [rows, segments, scheduleOf] = await Promise.all([
    facilityReceipts(readerOf(database), database.kind, {
      visible: registryScope(principal),
      ...(area === undefined ? {} : { areaPath: area.path }),
      first: period.first,
      last: period.last,
      observedFrom: `${period.first}T00:00:00.000Z`,
      observedBefore: `${addDays(period.last, 1)}T00:00:00.000Z`,
      cutoff: endOfDay(asOf),
    }),
    accessThrough(database.db, period.first, period.last),
    schedulesByType(database, defaults),
  ]);

  const totals = emptyCounts();
  const byOblast = new Map<string, CompletenessCounts>();
  const byRaion = new Map<string, CompletenessCounts>();
  const missing: FacilityReceipt[] = [];
  let otherSchedule = 0;
  const outcomeOf = classifier(period, segments);
  for (const f of rows) {
    const outcome = outcomeOf(f, scheduleOf(f.type));
    if (outcome === 'otherSchedule') otherSchedule += 1;
    if (outcome === 'otherSchedule' || outcome === 'notOpen') continue;
    if (outcome === 'missing') missing.push(f);
    const [oblast, raion] = levelsOf(f.area_path);
    count(totals, outcome);
    if (!byOblast.has(oblast)) byOblast.set(oblast, emptyCounts());
    count(byOblast.get(oblast) ?? totals, outcome);
    if (raion !== undefined) {
      if (!byRaion.has(raion)) byRaion.set(raion, emptyCounts());
      count(byRaion.get(raion) ?? totals, outcome);
    }
  }

  // The first page of the missing, by place then name, so an oblast's list reads raion by raion.
  missing.sort((a, b) => (a.area_path < b.area_path ? -1 : a.area_path > b.area_path ? 1 : UK.compare(a.name_uk ?? '', b.name_uk ?? '') || (a.id < b.id ? -1 : 1)));
  const listed = missing.slice(0, query.limit ?? 200);
  const [names, last] = await Promise.all([
    publicPlaces(database.db, [...byOblast.keys(), ...byRaion.keys(), ...(area === undefined ? [] : [area.katottg])]),
    lastObserved(database.db, listed.map((f) => f.id), endOfDay(asOf)),
  ]);
  const nameOf = (katottg: string) => ({ katottg, nameUk: names.get(katottg)?.nameUk ?? katottg, nameEn: names.get(katottg)?.nameEn ?? null });
  const areaRow = (katottg: string, c: CompletenessCounts, iso: string | null): AreaCompleteness => ({ ...nameOf(katottg), iso, ...c });
  const items: MissingFacility[] = listed.map((f) => {
    const [oblast, raion] = levelsOf(f.area_path);
    return { id: f.id, nameUk: f.name_uk ?? '', nameEn: f.name_en ?? '', type: f.type as MissingFacility['type'], oblast: nameOf(oblast), raion: raion === undefined ? null : nameOf(raion), lastObservedAt: last.get(f.id) ?? null };
  });
  return {
    period: { code: period.code, type: period.type, first: period.first, last: period.last },
    asOf,
    area: area === undefined ? null : nameOf(area.katottg),
    totals,
    byOblast: [...byOblast].sort((a, b) => a[0].localeCompare(b[0])).map(([k, c]) => areaRow(k, c, ISO_OF.get(k) ?? null)),
    byRaion: [...byRaion].sort((a, b) => a[0].localeCompare(b[0])).map(([k, c]) => areaRow(k, c, null)),
    otherSchedule,
    missing: { total: missing.length, items },
  };
}
