import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Completeness, ReportingSchedules, TypeSchedule } from './completeness.schema.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';
type Headers = { authorization: string };

for (const dialect of DIALECTS) {
  describe(`reporting routes on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { headers: Headers };
    const facility: Record<'lvivReporting' | 'lvivSilent' | 'kharkivSilent' | 'lvivAmbulatory', string> = { lvivReporting: '', lvivSilent: '', kharkivSilent: '', lvivAmbulatory: '' };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      const make = async (area: string, nameEn: string, type: 'city_hospital' | 'ambulatory' = 'city_hospital') =>
        (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: area, nameEn, nameUk: `${nameEn} (uk)`, type, ...(area === KHARKIV ? { lat: 49.99, lon: 36.23 } : {}) }) })).json<{ id: string }>().id;
      facility.lvivReporting = await make(LVIV, 'Lviv reporting');
      facility.lvivSilent = await make(LVIV, 'Lviv silent');
      facility.kharkivSilent = await make(KHARKIV, 'Kharkiv silent');
      facility.lvivAmbulatory = await make(LVIV, 'Lviv ambulatory', 'ambulatory');
      const report = await app.inject({
        method: 'POST',
        url: '/api/v1/status-reports',
        headers: admin.headers,
        payload: { facilityId: facility.lvivReporting, observedAt: '2025-03-04T10:00:00Z', buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid' },
      });
      expect(report.statusCode, report.body).toBe(201);
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const get = async (query: string, headers?: Headers) => app.inject({ url: `/api/v1/reporting/completeness${query}`, ...(headers === undefined ? {} : { headers }) });

    it('names the missing facilities by name, per oblast and nationally; a report sent long after its week is late', async () => {
      const res = await get('?period=2025-W10', admin.headers);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Completeness>();
      expect(body.period).toEqual({ code: '2025-W10', type: 'week', first: '2025-03-03', last: '2025-03-09' });
      // Observed on 4 March 2025 but sent today: received, and late.
      expect(body.totals).toEqual({ expected: 4, received: 1, onTime: 0, late: 1, missing: 3, noAccess: 0 });
      expect(body.missing.items.map((m) => m.nameEn).sort()).toEqual(['Kharkiv silent', 'Lviv ambulatory', 'Lviv silent']);
      expect(body.byOblast.map((o) => [o.iso, o.nameEn, o.expected, o.received])).toEqual([
        ['UA-46', 'Lviv Oblast', 3, 1],
        ['UA-63', 'Kharkiv Oblast', 1, 0],
      ]);
      // As of a day in that week, the report had not arrived yet.
      const then = (await get('?period=2025-W10&asOf=2025-03-05', admin.headers)).json<Completeness>();
      expect(then.totals).toMatchObject({ expected: 4, received: 0, missing: 4 });
      expect(then.missing.items.find((m) => m.nameEn === 'Lviv reporting')?.lastObservedAt).toBeNull();
      const lviv = (await get('?period=2025-W10&area=UA-46', admin.headers)).json<Completeness>();
      expect(lviv.area?.katottg).toBe(LVIV);
      expect(lviv.totals.expected).toBe(3);
      expect(lviv.missing.items.some((m) => m.nameEn === 'Kharkiv silent')).toBe(false);
      const limited = (await get('?period=2025-W10&limit=1', admin.headers)).json<Completeness>();
      expect([limited.missing.total, limited.missing.items.length]).toEqual([3, 1]);
    });

    it('shows a facility reporter only its own facilities; anonymous callers nothing', async () => {
      const reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility.lvivSilent] });
      const mine = (await get('', reporter.headers)).json<Completeness>();
      expect(mine.totals).toMatchObject({ expected: 1, missing: 1 });
      expect(mine.missing.items.map((m) => m.id)).toEqual([facility.lvivSilent]);
      expect(JSON.stringify(mine)).not.toContain('Kharkiv silent');
      expect((await get('')).statusCode).toBe(401);
    });

    it('answers bad input with a 400 naming the field, in a sentence', async () => {
      const cases: [string, string][] = [
        ['?period=2025-W60', '/querystring/period'],
        ['?period=2026-W53', '/querystring/asOf'],
        ['?period=2025-13', '/querystring/period'],
        ['?period=last-week', '/querystring/period'],
        ['?area=UA99000000000000000', '/querystring/area'],
        ['?area=Lviv', '/querystring/area'],
        ['?period=2025-03&asOf=2025-02-27', '/querystring/asOf'],
        ['?asOf=2025-02-30', '/querystring/asOf'],
        ['?limit=0', '/querystring/limit'],
      ];
      for (const [query, path] of cases) {
        const res = await get(query, admin.headers);
        expect(res.statusCode, query).toBe(400);
        const problem = res.json<{ detail: string; errors?: { path: string }[] }>();
        expect(problem.errors?.map((e) => e.path), query).toContain(path);
        expect(problem.detail.length, query).toBeGreaterThan(10);
      }
      // 2026 has 53 ISO weeks, 2025 does not.
      expect((await get('?period=2026-W53&asOf=2027-01-10', admin.headers)).statusCode).toBe(200);
      expect((await get('?period=2025-W53', admin.headers)).statusCode).toBe(400);
    });

    it('per-type schedules: admins and national coordinators set them, others may not; completeness follows them', async () => {
      const lvivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      const analyst = await userWithToken(testDb.database, 'analyst');
      const put = (headers: Headers, payload: unknown) => app.inject({ method: 'PUT', url: '/api/v1/reporting/periods/ambulatory', headers, payload: payload as Record<string, unknown> });
      expect((await put(analyst.headers, { period: 'month', deadlineDays: 10 })).statusCode).toBe(403);
      const scoped = await put(lvivCoordinator.headers, { period: 'month', deadlineDays: 10 });
      expect(scoped.statusCode).toBe(403);
      expect(scoped.json<{ detail: string }>().detail).toContain('national scope');
      expect((await put(admin.headers, { period: 'fortnight', deadlineDays: 10 })).statusCode).toBe(400);
      const created = await put(admin.headers, { period: 'month', deadlineDays: 10 });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json<TypeSchedule>()).toMatchObject({ facilityType: 'ambulatory', period: 'month', deadlineDays: 10, source: 'override', version: 1 });
      // A second write must name the version it read.
      expect((await put(admin.headers, { period: 'month', deadlineDays: 12 })).statusCode).toBe(409);
      expect((await put(admin.headers, { period: 'month', deadlineDays: 12, version: 1 })).statusCode).toBe(200);
      const list = (await app.inject({ url: '/api/v1/reporting/periods', headers: analyst.headers })).json<ReportingSchedules>();
      expect(list.default).toEqual({ period: 'week', deadlineDays: 3 });
      expect(list.types.find((t) => t.facilityType === 'ambulatory')).toMatchObject({ period: 'month', deadlineDays: 12, version: 2 });
      expect(list.types.find((t) => t.facilityType === 'city_hospital')).toMatchObject({ period: 'week', source: 'default', version: null });

      const weekly = (await get('', admin.headers)).json<Completeness>();
      expect(weekly.otherSchedule).toBe(1);
      expect(weekly.totals.expected).toBe(3);
      const month = new Date().toISOString().slice(0, 7);
      const monthly = (await get(`?period=${month}`, admin.headers)).json<Completeness>();
      expect(monthly.totals.expected).toBe(1);
      expect(monthly.missing.items.map((m) => m.nameEn)).toEqual(['Lviv ambulatory']);

      expect((await app.inject({ method: 'DELETE', url: '/api/v1/reporting/periods/ambulatory?version=1', headers: admin.headers })).statusCode).toBe(409);
      const removed = await app.inject({ method: 'DELETE', url: '/api/v1/reporting/periods/ambulatory?version=2', headers: admin.headers });
      expect(removed.json<TypeSchedule>()).toMatchObject({ source: 'default', period: 'week' });
      expect((await get('', admin.headers)).json<Completeness>().otherSchedule).toBe(0);
      const audit = await testDb.database.db.selectFrom('audit_events').select(['action']).where('entity', '=', 'reporting_period').orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    });
  });
}
