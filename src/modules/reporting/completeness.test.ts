import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { createFacility } from '../facilities/facilities.service.js';
import { importAreaStatuses } from '../geography/area-status.import.js';
import { importKatottg } from '../geography/geography.import.js';
import { reportRow } from '../monitoring/status.service.js';
import type { Completeness, CompletenessCounts } from './completeness.schema.js';
import { completenessFor } from './completeness.service.js';
import { addDays, parsePeriod } from './periods.js';

const LVIV = 'UA46000000000026241';
const DROHOBYCH = 'UA46020000000075920';
const LVIVSKYI = 'UA46060000000042587';
const KHARKIV = 'UA63000000000041885';
const CRIMEA = 'UA01000000000013043';
/** Monday of 2025-W02; the histories play out around it. */
const DAY0 = '2025-01-06';
const day = (offset: number): string => addDays(DAY0, offset);
const KHARKIV_OCCUPIED = { from: day(4), to: day(12) };
const PLACES = [DROHOBYCH, DROHOBYCH, LVIVSKYI, LVIVSKYI, LVIVSKYI, KHARKIV, KHARKIV, CRIMEA];
const TYPES = ['city_hospital', 'ambulatory'] as const;

/** Days where off-by-one mistakes live: the periods' edges (W02, W03, January) and the Kharkiv occupation's. */
const edgeDay = fc.oneof(fc.constantFrom(-6, -5, -1, 0, 1, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 24, 25, 26), fc.integer({ min: -40, max: 40 }));
const facilityArb = fc.record({
  type: fc.constantFrom(...TYPES),
  opened: fc.option(edgeDay, { nil: null }),
  // Days after opening (or after day -40 when it has always been open); 0: closed the day it opened.
  closedAfter: fc.option(fc.oneof(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 70 })), { nil: null }),
});
const reportArb = fc.record({
  facility: fc.nat({ max: PLACES.length - 1 }),
  observedMinute: fc.oneof(fc.integer({ min: -3 * 1440, max: 33 * 1440 }), edgeDay.map((d) => d * 1440), edgeDay.map((d) => d * 1440 - 1)),
  // Whole days apart (the deadline's edge) or anything up to 25 days.
  delayMinutes: fc.oneof(fc.integer({ min: 0, max: 12 }).map((d) => d * 1440), fc.integer({ min: 0, max: 25 * 1440 })),
});
const caseArb = fc.record({
  facilities: fc.tuple(...PLACES.map(() => facilityArb)),
  reports: fc.array(reportArb, { maxLength: 30 }),
  period: fc.constantFrom('2025-W02', '2025-W03', '2025-01'),
  asOfAfterStart: fc.integer({ min: 0, max: 40 }),
  deadlineDays: fc.integer({ min: 0, max: 7 }),
  override: fc.option(fc.record({ period: fc.constantFrom('week', 'month'), deadlineDays: fc.integer({ min: 0, max: 10 }) }), { nil: null }),
  area: fc.constantFrom(null, LVIV, LVIVSKYI),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const minuteIso = (minute: number): string => new Date(Date.parse(`${DAY0}T00:00:00Z`) + minute * 60_000).toISOString();

for (const dialect of DIALECTS) {
  describe(`reporting completeness on ${dialect}`, () => {
    let testDb: TestDatabase;
    const ids: string[] = [];
    const paths: string[] = [];
    const ctx = systemContext('test');

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      const raions = [`${LVIV};${DROHOBYCH};;;;P;Дрогобицький`, `${LVIV};${LVIVSKYI};;;;P;Львівський`, `${KHARKIV};UA63020000000066931;;;;P;Богодухівський`];
      await importKatottg(testDb.database, ctx, Readable.from([`header\n${raions.join('\n')}\n`]));
      for (const [i, area] of PLACES.entries()) {
        const row = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: area, nameUk: `Лікарня ${i}`, nameEn: `Hospital ${i}`, ...(area === CRIMEA ? { lat: 44.95, lon: 34.1 } : area === KHARKIV ? { lat: 49.99, lon: 36.23 } : {}) }));
        ids.push(row.id);
        paths.push(row.area_path);
      }
      await importAreaStatuses(testDb.database, ctx, Readable.from([`katottg,status,from,to\n${CRIMEA},temporarily_occupied,2014-02-20,\n${KHARKIV},temporarily_occupied,${KHARKIV_OCCUPIED.from},${KHARKIV_OCCUPIED.to}\n`]));
    }, 60_000);
    afterAll(async () => {
      await testDb.drop();
    });

    /** The reference, from the definition (day by day, report by report), not from the code under test. */
    function reference(c: Case, opened: (string | null)[], closed: (string | null)[]) {
      const period = parsePeriod(c.period);
      if (period === null) throw new Error('bad period');
      const asOf = addDays(period.first, c.asOfAfterStart);
      const days: string[] = [];
      for (let d = period.first; d <= period.last; d = addDays(d, 1)) days.push(d);
      const occupied = (i: number, d: string) => PLACES[i] === CRIMEA || (PLACES[i] === KHARKIV && d >= KHARKIV_OCCUPIED.from && d < KHARKIV_OCCUPIED.to);
      const open = (i: number, d: string) => (opened[i] === null || (opened[i] ?? '') <= d) && (closed[i] === null || (closed[i] ?? '') > d);
      const totals: CompletenessCounts = { expected: 0, received: 0, onTime: 0, late: 0, missing: 0, noAccess: 0 };
      const missing: string[] = [];
      let otherSchedule = 0;
      for (const [i, f] of c.facilities.entries()) {
        if (c.area !== null && !(paths[i] ?? '').startsWith(`${c.area}/`) && !(paths[i] ?? '').includes(`/${c.area}/`)) continue;
        if (!days.some((d) => open(i, d))) continue;
        const schedule = f.type === 'ambulatory' && c.override !== null ? c.override : { period: 'week', deadlineDays: c.deadlineDays };
        if (schedule.period !== period.type) {
          otherSchedule += 1;
          continue;
        }
        if (!days.some((d) => open(i, d) && !occupied(i, d))) {
          totals.noAccess += 1;
          continue;
        }
        totals.expected += 1;
        const receipts = c.reports
          .filter((r) => r.facility === i)
          .filter((r) => {
            const observed = minuteIso(r.observedMinute).slice(0, 10);
            return observed >= period.first && observed <= period.last;
          })
          .map((r) => minuteIso(r.observedMinute + r.delayMinutes))
          .filter((received) => received.slice(0, 10) <= asOf)
          .sort();
        const firstReceipt = receipts[0];
        if (firstReceipt === undefined) {
          totals.missing += 1;
          missing.push(ids[i] ?? '');
        } else {
          totals.received += 1;
          if (firstReceipt.slice(0, 10) <= addDays(period.last, schedule.deadlineDays)) totals.onTime += 1;
          else totals.late += 1;
        }
      }
      return { totals, missing, otherSchedule, asOf };
    }

    it('equals a recomputation from the raw reports for random histories (late reports, facilities opened or closed within the period, no access)', async () => {
      const db = testDb.database.db;
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          await db.deleteFrom('status_reports').execute();
          await db.deleteFrom('reporting_periods').execute();
          const opened = c.facilities.map((f) => (f.opened === null ? null : day(f.opened)));
          const closed = c.facilities.map((f) => (f.closedAfter === null ? null : day((f.opened ?? -40) + f.closedAfter)));
          for (const [i, f] of c.facilities.entries()) {
            await db.updateTable('facilities').set({ type: f.type, opened_on: opened[i] ?? null, closed_on: closed[i] ?? null }).where('id', '=', ids[i] ?? '').execute();
          }
          const rows = c.reports.map((r) => ({
            ...reportRow(
              { facilityId: ids[r.facility] ?? '', observedAt: minuteIso(r.observedMinute), buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid' },
              'test',
              minuteIso(r.observedMinute + r.delayMinutes),
            ),
          }));
          if (rows.length > 0) await db.insertInto('status_reports').values(rows).execute();
          if (c.override !== null) {
            await db.insertInto('reporting_periods').values({ facility_type: 'ambulatory', period: c.override.period, deadline_days: c.override.deadlineDays, created_at: DAY0, updated_at: DAY0, version: 1 }).execute();
          }
          const want = reference(c, opened, closed);
          const got: Completeness = await completenessFor(testDb.database, ctx.principal, { period: c.period, asOf: want.asOf, limit: 1000, ...(c.area === null ? {} : { area: c.area }) }, { period: 'week', deadlineDays: c.deadlineDays });
          expect(got.totals).toEqual(want.totals);
          expect(got.otherSchedule).toBe(want.otherSchedule);
          expect(got.missing.total).toBe(want.missing.length);
          expect(got.missing.items.map((m) => m.id).sort()).toEqual([...want.missing].sort());
          // Oblasts and raions add up to the totals; every missing facility is named (not coded) with its place.
          const sum = (list: CompletenessCounts[], key: keyof CompletenessCounts) => list.reduce((s, a) => s + a[key], 0);
          for (const key of ['expected', 'received', 'onTime', 'late', 'missing', 'noAccess'] as const) expect(sum(got.byOblast, key)).toBe(want.totals[key]);
          const inRaions = got.byRaion.reduce((s, a) => s + a.expected + a.noAccess, 0);
          expect(inRaions).toBeLessThanOrEqual(want.totals.expected + want.totals.noAccess);
          for (const m of got.missing.items) expect(m.nameUk).toMatch(/^Лікарня \d$/);
        }),
        { numRuns: dialect === 'sqlite' ? 150 : 60 },
      );
    }, 240_000);
  });
}
