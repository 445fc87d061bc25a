import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { unknownEnumCases } from './enum-cases.testkit.js';
import { IncidentCreate } from './incidents.schema.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

const buildIncident = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  occurredAt: '2025-02-03T04:05:00Z',
  attackTypes: ['heavy_weapons', 'arson'],
  resourcesAffected: ['facility', 'transport'],
  healthWorkersKilled: 1,
  healthWorkersInjured: 2,
  patientsKilled: 3,
  patientsInjured: 4,
  certainty: 'confirmed',
  source: 'head nurse, by phone',
  narrative: 'Two strikes on the surgical wing at night.',
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`incidents on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { headers: { authorization: string } };
    let kharkivFacility = '';

    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'incidents' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { incidents: await n('incidents'), audit: await n('audit_events') };
    };
    const post = (payload: unknown, headers = admin.headers) => app.inject({ method: 'POST', url: '/api/v1/incidents', headers, payload: payload as Record<string, unknown> });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = await userWithToken(testDb.database, 'admin');
      kharkivFacility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: KHARKIV, type: 'district_hospital' }) })).json<{ id: string }>().id;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('rejects unknown enumerated values and bad places, naming the field, and writes nothing', async () => {
      const before = await counts();
      const cases: [Record<string, unknown>, string][] = [
        [{ attackTypes: ['drone_swarm'], facilityId: kharkivFacility }, '/attackTypes/0'],
        [{ attackTypes: [], facilityId: kharkivFacility }, '/attackTypes'],
        [{ certainty: 'rumour', facilityId: kharkivFacility }, '/certainty'],
        [{ resourcesAffected: ['morale'], facilityId: kharkivFacility }, '/resourcesAffected/0'],
        [{ patientsKilled: -1, facilityId: kharkivFacility }, '/patientsKilled'],
        [{}, '/facilityId'],
        [{ facilityId: '01900000-0000-7000-8000-000000000000' }, '/facilityId'],
        [{ areaKatottg: 'UA99999999999999999' }, '/areaKatottg'],
      ];
      for (const [override, path] of cases) {
        const res = await post(buildIncident(override));
        expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
      }
      expect(await counts()).toEqual(before);
    });

    it('rejects an unknown value in every enumerated field the schema declares, naming it, and writes nothing', async () => {
      const valid = buildIncident({ facilityId: kharkivFacility });
      const cases = unknownEnumCases(IncidentCreate, valid);
      expect(cases.map(([path]) => path).sort()).toEqual(['/attackTypes/0', '/certainty', '/resourcesAffected/0']);
      const before = await counts();
      for (const [path, change] of cases) {
        const res = await post({ ...valid, ...change });
        expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
      }
      expect(await counts()).toEqual(before);
    });

    it('records incidents in scope, hides source and narrative below coordinator-in-scope, and publishes only public fields', async () => {
      const lvivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      const kharkivCoordinator = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [KHARKIV] });
      expect((await post(buildIncident({ facilityId: kharkivFacility }), lvivCoordinator.headers)).statusCode).toBe(403);
      const created = await post(buildIncident({ facilityId: kharkivFacility }), kharkivCoordinator.headers);
      expect(created.statusCode, created.body).toBe(201);
      expect((await post(buildIncident({ areaKatottg: LVIV, occurredAt: '2025-01-01T00:00:00Z' }), lvivCoordinator.headers)).statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      const seen = async (headers: Record<string, string>) =>
        (await app.inject({ url: '/api/v1/incidents', headers })).json<{ items: { id: string; source: string | null; narrative: string | null; sourceVisible: boolean }[] }>().items.find((i) => i.id === id);
      expect(await seen(admin.headers)).toMatchObject({ sourceVisible: true, source: 'head nurse, by phone' });
      expect(await seen(kharkivCoordinator.headers)).toMatchObject({ sourceVisible: true });
      for (const role of ['analyst', 'donor_officer', 'warehouse_officer'] as const) {
        expect(await seen((await userWithToken(testDb.database, role)).headers)).toMatchObject({ sourceVisible: false, source: null, narrative: null });
      }
      expect(await seen(lvivCoordinator.headers)).toMatchObject({ sourceVisible: false, source: null, narrative: null });
      // A facility reporter reads only incidents at its own facilities.
      const reporter = await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [kharkivFacility] });
      const reporterItems = (await app.inject({ url: '/api/v1/incidents', headers: reporter.headers })).json<{ items: { id: string; source: string | null }[] }>().items;
      expect(reporterItems.map((i) => [i.id, i.source])).toEqual([[id, null]]);

      const pub = await app.inject({ url: '/api/v1/incidents/public?limit=1' });
      expect(pub.statusCode).toBe(200);
      const page = pub.json<{ items: Record<string, unknown>[]; nextCursor: string }>();
      expect(page.items[0]).toEqual({ id, date: '2025-02-03', oblastIso: 'UA-63', attackTypes: ['heavy_weapons', 'arson'], facilityType: 'district_hospital', killed: 4, injured: 6, certainty: 'confirmed' });
      const next = await app.inject({ url: `/api/v1/incidents/public?limit=1&cursor=${page.nextCursor}` });
      expect(next.json<{ items: { oblastIso: string }[] }>().items.map((i) => i.oblastIso)).toEqual(['UA-46']);
      expect(pub.body).not.toContain(kharkivFacility);
      expect(pub.body).not.toContain('nurse');
    });
  });
}
