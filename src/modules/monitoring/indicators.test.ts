import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { EVERYTHING } from '../../scope.js';
import { SERVICES, type ServiceCode } from '../facilities/facilities.schema.js';
import { createFacility } from '../facilities/facilities.service.js';
import { importAreaStatuses } from '../geography/area-status.import.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { appFor } from '../../../test/support/api-client.js';
import { indicatorsFor } from './indicators.service.js';
import { createIncident } from './incidents.service.js';
import type { StatusReportsTable } from './monitoring.tables.js';
import { BUILDING_CONDITIONS, FUNCTIONALITIES, POWER_SOURCES, SERVICE_STATUSES } from './status.schema.js';
import { createStatusReport, endOfDay } from './status.service.js';

const OFFERED: ServiceCode[] = ['surgery', 'emergency', 'obstetrics', 'mental_health_outpatient'];
const AREAS = ['UA46000000000026241', 'UA63000000000041885'];
const CRIMEA = 'UA01000000000013043';
const DAY0 = Date.parse('2025-01-01T00:00:00Z');
const dayOf = (offset: number): string => new Date(DAY0 + offset * 86_400_000).toISOString().slice(0, 10);

const reportArb = fc.record({
  facility: fc.nat({ max: 6 }),
  minute: fc.integer({ min: 0, max: 40 * 24 * 60 }),
  functionality: fc.constantFrom(...FUNCTIONALITIES),
  buildingCondition: fc.constantFrom(...BUILDING_CONDITIONS),
  powerSource: fc.constantFrom(...POWER_SOURCES),
  services: fc.subarray(OFFERED).chain((codes) => fc.tuple(...codes.map((code) => fc.record({ code: fc.constant(code), status: fc.constantFrom(...SERVICE_STATUSES) })))),
});

/**
 * The reference for service availability, written from the definition rather than the code under test: per
 * domain, the facilities reporting a service of it they provide, split by the best such service's status.
 */
function domainShares(servicesOfEach: readonly string[]): Record<string, { facilities: number; available: number; partially: number; notAvailable: number }> {
  const ranked = ['not_available', 'partially', 'available'];
  const tally = new Map<string, { facilities: number; available: number; partially: number; not_available: number }>();
  for (const services of servicesOfEach) {
    const best = new Map<string, string>();
    for (const svc of JSON.parse(services) as { code: ServiceCode; status: string }[]) {
      const prev = best.get(SERVICES[svc.code]);
      if (ranked.includes(svc.status) && (prev === undefined || ranked.indexOf(svc.status) > ranked.indexOf(prev))) best.set(SERVICES[svc.code], svc.status);
    }
    for (const [domain, status] of best) {
      const t = tally.get(domain) ?? { facilities: 0, available: 0, partially: 0, not_available: 0 };
      t.facilities += 1;
      t[status as 'available' | 'partially' | 'not_available'] += 1;
      tally.set(domain, t);
    }
  }
  const share = (n: number, of: number) => Math.round((n / of) * 10000) / 10000;
  return Object.fromEntries([...tally].map(([d, t]) => [d, { facilities: t.facilities, available: share(t.available, t.facilities), partially: share(t.partially, t.facilities), notAvailable: share(t.not_available, t.facilities) }]));
}

for (const dialect of DIALECTS) {
  describe(`indicators on ${dialect}`, () => {
    let testDb: TestDatabase;
    const facilities: { id: string; areaPath: string }[] = [];
    const ctx = systemContext('test');

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      for (let i = 0; i < 6; i += 1) {
        const row = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: AREAS[i % 2] ?? '', services: OFFERED, openedOn: '2000-01-01' }));
        facilities.push({ id: row.id, areaPath: row.area_path });
      }
      // The seventh is in Crimea, occupied throughout; Kharkiv oblast is occupied from day 10 to day 20 of the histories.
      const crimean = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: CRIMEA, lat: 44.95, lon: 34.1, services: OFFERED, openedOn: '2000-01-01' }));
      facilities.push({ id: crimean.id, areaPath: crimean.area_path });
      await importAreaStatuses(testDb.database, ctx, Readable.from([`katottg,status,from,to\n${CRIMEA},temporarily_occupied,2014-02-20,\n${AREAS[1] ?? ''},temporarily_occupied,${dayOf(10)},${dayOf(20)}\n`]));
    }, 60_000);

    /** The reference for "no access", from the statuses as imported above rather than the code under test. */
    const occupiedOn = (f: { areaPath: string }, date: string): boolean =>
      f.areaPath.startsWith(`${CRIMEA}/`) || (f.areaPath.startsWith(`${AREAS[1] ?? ''}/`) && date >= dayOf(10) && date < dayOf(20));
    afterAll(async () => {
      await testDb.drop();
    });

    it('as of any past date equal a recomputation from the raw reports (random histories)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(reportArb, { maxLength: 25 }), fc.integer({ min: -2, max: 45 }), fc.boolean(), async (history, asOfDay, oneOblast) => {
          const db = testDb.database.db;
          await db.deleteFrom('facility_status_current').execute();
          await db.deleteFrom('status_reports').execute();
          for (const r of history) {
            const facility = facilities[r.facility] as { id: string };
            await createStatusReport(testDb.database, ctx, {
              facilityId: facility.id,
              observedAt: new Date(DAY0 + r.minute * 60_000).toISOString(),
              buildingCondition: r.buildingCondition,
              functionality: r.functionality,
              accessibility: 'fully',
              powerSource: r.powerSource,
              services: [...r.services],
            });
          }
          const asOf = dayOf(asOfDay);
          const areaPath = oneOblast ? `${AREAS[0] ?? ''}/` : undefined;
          const got = await indicatorsFor(testDb.database, EVERYTHING, { asOf, ...(oneOblast ? { area: AREAS[0] ?? '' } : {}) });

          // The reference: the raw series, filtered and ordered here, not by the query under test.
          const raw = await db.selectFrom('status_reports').selectAll().execute();
          const cutoff = endOfDay(asOf);
          const latest = new Map<string, StatusReportsTable>();
          for (const r of raw) {
            if (r.observed_at > cutoff) continue;
            const prev = latest.get(r.facility_id);
            if (prev === undefined || r.observed_at > prev.observed_at || (r.observed_at === prev.observed_at && r.id > prev.id)) latest.set(r.facility_id, r);
          }
          const inAreaAll = facilities.filter((f) => areaPath === undefined || f.areaPath.startsWith(areaPath));
          const inArea = inAreaAll.filter((f) => !occupiedOn(f, asOf));
          const states = inArea.flatMap((f) => {
            const r = latest.get(f.id);
            return r === undefined ? [] : [{ facility_id: f.id, area_path: f.areaPath, functionality: r.functionality, building_condition: r.building_condition, power_source: r.power_source, services: r.services }];
          });
          const count = (key: 'functionality' | 'building_condition', value: string) => states.filter((s) => s[key] === value).length;
          expect(got.facilities).toBe(inArea.length);
          expect(got.noAccess).toBe(inAreaAll.length - inArea.length);
          expect(got.reporting).toBe(states.length);
          for (const v of FUNCTIONALITIES) expect(got.byFunctionality[v]).toBe(count('functionality', v));
          for (const v of BUILDING_CONDITIONS) expect(got.byBuildingCondition[v]).toBe(count('building_condition', v));
          expect(got.onGenerator).toBe(states.filter((s) => s.power_source === 'generator').length);
          expect(got.withoutPower).toBe(states.filter((s) => s.power_source === 'none').length);
          expect(got.serviceAvailabilityByDomain).toEqual(domainShares(states.map((st) => st.services)));
          // Without a date, the current-status table must agree with the latest report of the whole series.
          const now = await indicatorsFor(testDb.database, EVERYTHING, {});
          const newest = new Map<string, StatusReportsTable>();
          for (const r of raw) {
            const prev = newest.get(r.facility_id);
            if (prev === undefined || r.observed_at > prev.observed_at || (r.observed_at === prev.observed_at && r.id > prev.id)) newest.set(r.facility_id, r);
          }
          const today = new Date().toISOString().slice(0, 10);
          const reachableNewest = [...newest.values()].filter((r) => !occupiedOn(facilities.find((f) => f.id === r.facility_id) as { areaPath: string }, today));
          expect(now.noAccess).toBe(1);
          expect(now.facilities).toBe(facilities.length - 1);
          expect(now.reporting).toBe(reachableNewest.length);
          for (const v of FUNCTIONALITIES) expect(now.byFunctionality[v]).toBe(reachableNewest.filter((r) => r.functionality === v).length);
        }),
        { numRuns: dialect === 'sqlite' ? 40 : 20 },
      );
    }, 240_000);

    it('counts incidents and casualties by month and type, publicly by oblast', async () => {
      await createIncident(testDb.database, ctx, { occurredAt: '2025-03-05T00:00:00Z', facilityId: facilities[1]?.id ?? '', attackTypes: ['heavy_weapons', 'arson'], patientsKilled: 2, healthWorkersInjured: 1, certainty: 'probable', source: 'x' });
      await createIncident(testDb.database, ctx, { occurredAt: '2025-03-20T00:00:00Z', areaKatottg: AREAS[1] ?? '', attackTypes: ['heavy_weapons'], healthWorkersKilled: 1, certainty: 'confirmed' });
      await createIncident(testDb.database, ctx, { occurredAt: '2025-04-01T00:00:00Z', areaKatottg: AREAS[0] ?? '', attackTypes: ['threat'], certainty: 'possible' });
      const app = await appFor(testDb);
      try {
        const kharkiv = await app.inject({ url: '/api/v1/indicators/public?oblast=UA-63&asOf=2025-03-31' });
        expect(kharkiv.statusCode, kharkiv.body).toBe(200);
        expect(kharkiv.json<{ incidentsByMonth: unknown[] }>().incidentsByMonth).toEqual([
          { month: '2025-03', attackType: 'arson', incidents: 1, killed: 2, injured: 1 },
          { month: '2025-03', attackType: 'heavy_weapons', incidents: 2, killed: 3, injured: 1 },
        ]);
        const national = await app.inject({ url: '/api/v1/indicators/public' });
        expect(national.json<{ incidentsByMonth: unknown[]; facilities: number }>().incidentsByMonth).toHaveLength(3);
        expect((await app.inject({ url: '/api/v1/indicators/public?oblast=UA46000000000026241' })).statusCode).toBe(400);
        expect((await app.inject({ url: '/api/v1/indicators' })).statusCode).toBe(401);
      } finally {
        await app.close();
      }
    });
  });
}
