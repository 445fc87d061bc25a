import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { unknownEnumCases } from './enum-cases.testkit.js';
import { StatusReportCreate } from './status.schema.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

/** A valid report; override what the test is about. */
const buildReport = (facilityId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  facilityId,
  observedAt: '2025-03-01T10:00:00.000Z',
  buildingCondition: 'slightly_damaged',
  buildingCause: 'shelling nearby',
  functionality: 'partially',
  functionalityReasons: ['staff', 'supplies'],
  accessibility: 'fully',
  powerSource: 'generator',
  outageHours7d: 40,
  backupKw: 120,
  fuelLitres: 900,
  water: 'limited',
  coldChain: 'functioning',
  services: [
    { code: 'surgery', status: 'partially', reasons: ['staff'] },
    { code: 'emergency', status: 'available' },
    { code: 'dialysis', status: 'not_normally_provided' },
  ],
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`status reports on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { headers: { authorization: string } };
    let lvivFacility = '';
    let kharkivFacility = '';

    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'status_reports' | 'audit_events' | 'facility_status_current') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { reports: await n('status_reports'), current: await n('facility_status_current'), audit: await n('audit_events') };
    };
    const post = (payload: unknown, headers = admin.headers) => app.inject({ method: 'POST', url: '/api/v1/status-reports', headers, payload: payload as Record<string, unknown> });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      const make = async (area: string) => (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: area }) })).json<{ id: string }>().id;
      lvivFacility = await make(LVIV);
      kharkivFacility = await make(KHARKIV);
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('stores a report, keeps the current status and answers "as of" a past date', async () => {
      const first = await post(buildReport(lvivFacility, { observedAt: '2025-01-10T08:00:00+02:00', functionality: 'fully', functionalityReasons: [] }));
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json<{ observedAt: string; backupKw: number }>()).toMatchObject({ observedAt: '2025-01-10T06:00:00.000Z', backupKw: 120 });
      expect((await post(buildReport(lvivFacility, { observedAt: '2025-02-10T08:00:00Z', functionality: 'not_functioning' }))).statusCode).toBe(201);
      // A late offline report about an older day does not replace newer news.
      expect((await post(buildReport(lvivFacility, { observedAt: '2025-01-20T08:00:00Z', functionality: 'partially' }))).statusCode).toBe(201);
      const status = async (q: string) => (await app.inject({ url: `/api/v1/facilities/${lvivFacility}/status${q}`, headers: admin.headers })).json<{ report: { functionality: string } | null }>();
      expect((await status('')).report?.functionality).toBe('not_functioning');
      expect((await status('?asOf=2025-01-15')).report?.functionality).toBe('fully');
      expect((await status('?asOf=2025-01-20')).report?.functionality).toBe('partially');
      expect((await status('?asOf=2024-12-31')).report).toBeNull();
      const list = await app.inject({ url: `/api/v1/status-reports?facility=${lvivFacility}&limit=2`, headers: admin.headers });
      const page = list.json<{ items: { observedAt: string }[]; nextCursor: string }>();
      expect(page.items.map((i) => i.observedAt)).toEqual(['2025-02-10T08:00:00.000Z', '2025-01-20T08:00:00.000Z']);
      const next = await app.inject({ url: `/api/v1/status-reports?facility=${lvivFacility}&limit=2&cursor=${page.nextCursor}`, headers: admin.headers });
      expect(next.json<{ items: { observedAt: string }[] }>().items.map((i) => i.observedAt)).toEqual(['2025-01-10T06:00:00.000Z']);
      const ranged = await app.inject({ url: `/api/v1/status-reports?facility=${lvivFacility}&from=2025-01-15&to=2025-01-31`, headers: admin.headers });
      expect(ranged.json<{ items: unknown[] }>().items).toHaveLength(1);
    });

    it('rejects an unknown value of every enumerated field, naming the field, and writes nothing', async () => {
      const before = await counts();
      const cases: [Record<string, unknown>, string][] = [
        [{ buildingCondition: 'rubble' }, '/buildingCondition'],
        [{ functionality: 'sort_of' }, '/functionality'],
        [{ functionalityReasons: ['weather'] }, '/functionalityReasons/0'],
        [{ accessibility: 'maybe' }, '/accessibility'],
        [{ powerSource: 'solar' }, '/powerSource'],
        [{ water: 'wet' }, '/water'],
        [{ coldChain: 'frozen' }, '/coldChain'],
        [{ services: [{ code: 'astrology', status: 'available' }] }, '/services/0/code'],
        [{ services: [{ code: 'surgery', status: 'mostly' }] }, '/services/0/status'],
        [{ services: [{ code: 'surgery', status: 'partially', reasons: ['bad_luck'] }] }, '/services/0/reasons/0'],
        [{ services: [{ code: 'surgery', status: 'partially', reasons: ['staff', 'supplies', 'power', 'damage'] }] }, '/services/0/reasons'],
        [{ outageHours7d: 200 }, '/outageHours7d'],
        [{ observedAt: 'yesterday' }, '/observedAt'],
      ];
      for (const [override, path] of cases) {
        const res = await post(buildReport(lvivFacility, override));
        expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
      }
      expect(await counts()).toEqual(before);
    });

    it('rejects an unknown value in every enumerated field the schema declares, by the API and by sync', async () => {
      const valid = buildReport(lvivFacility);
      const cases = unknownEnumCases(StatusReportCreate, valid);
      // buildingCondition … coldChain, and each service's code, status and reasons.
      expect(cases.length).toBeGreaterThanOrEqual(10);
      const before = await counts();
      for (const [path, change] of cases) {
        const res = await post({ ...valid, ...change });
        expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
      }
      const synced = await app.inject({ method: 'POST', url: '/api/v1/sync', headers: admin.headers, payload: { records: cases.map(([, change], i) => ({ clientId: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, kind: 'status_report', body: { ...valid, ...change } })) } });
      expect(synced.json<{ results: { status: number; errors: { path: string }[] }[] }>().results.map((r) => [r.status, r.errors.map((e) => e.path)])).toEqual(cases.map(([path]) => [400, [path]]));
      expect(await counts()).toEqual(before);
    });

    it('refuses services the facility does not offer unless "not normally provided", and capacity without the service', async () => {
      const before = await counts();
      const res = await post(buildReport(lvivFacility, { services: [{ code: 'obstetrics', status: 'available' }], therapists: 3, psychiatrists: 1, observedAt: '2999-01-01T00:00:00Z' }));
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['/observedAt', '/psychiatrists', '/services/0/status', '/therapists']);
      expect(await counts()).toEqual(before);
    });

    it('refuses a report for an unknown or closed facility and writes nothing', async () => {
      const closed = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility() })).json<{ id: string }>().id;
      expect((await app.inject({ method: 'POST', url: `/api/v1/facilities/${closed}/close`, headers: admin.headers, payload: { version: 1, closedOn: '2024-06-01', reason: 'destroyed' } })).statusCode).toBe(200);
      const before = await counts();
      const unknown = await post(buildReport('01900000-0000-7000-8000-000000000000'));
      expect(unknown.statusCode).toBe(404);
      const shut = await post(buildReport(closed));
      expect(shut.statusCode).toBe(400);
      expect(shut.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/facilityId');
      expect(await counts()).toEqual(before);
    });

    it('lets facility reporters and coordinators report only in scope', async () => {
      const reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [lvivFacility] });
      const coordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      const analyst = await userWithToken(testDb.database, 'analyst');
      expect((await post(buildReport(lvivFacility, { observedAt: '2025-03-02T00:00:00Z' }), reporter.headers)).statusCode).toBe(201);
      expect((await post(buildReport(kharkivFacility), reporter.headers)).statusCode).toBe(404);
      expect((await post(buildReport(lvivFacility, { observedAt: '2025-03-03T00:00:00Z' }), coordinator.headers)).statusCode).toBe(201);
      expect((await post(buildReport(kharkivFacility), coordinator.headers)).statusCode).toBe(403);
      expect((await post(buildReport(lvivFacility), analyst.headers)).statusCode).toBe(403);
      const seen = await app.inject({ url: '/api/v1/status-reports?limit=500', headers: reporter.headers });
      expect(seen.json<{ items: { facilityId: string }[] }>().items.every((i) => i.facilityId === lvivFacility)).toBe(true);
    });

    it('shows power and fuel only to admins and coordinators whose scope covers the facility', async () => {
      expect((await post(buildReport(kharkivFacility, { observedAt: '2025-03-04T00:00:00Z' }))).statusCode).toBe(201);
      const lvivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      const donor = await userWithToken(testDb.database, 'donor_officer');
      const reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [kharkivFacility] });
      const power = async (headers: { authorization: string }) =>
        (await app.inject({ url: `/api/v1/facilities/${kharkivFacility}/status`, headers })).json<{ report: { powerVisible: boolean; powerSource: string | null; backupKw: number | null; fuelLitres: number | null; outageHours7d: number | null } }>().report;
      expect(await power(admin.headers)).toMatchObject({ powerVisible: true, powerSource: 'generator', backupKw: 120, fuelLitres: 900, outageHours7d: 40 });
      for (const caller of [lvivCoordinator, donor, reporter]) {
        expect(await power(caller.headers)).toMatchObject({ powerVisible: false, powerSource: null, backupKw: null, fuelLitres: null, outageHours7d: null });
      }
    });
  });
}
