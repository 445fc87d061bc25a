import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Need } from './needs.schema.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`needs registry on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { authorization: string };
    let lvivCoordinator: { authorization: string };
    let reporter: { authorization: string };
    let lvivFacility = '';
    let kharkivFacility = '';
    const need = (facilityId: string, priority: string, category = 'generator') => ({ facilityId, category, specification: '100 kW diesel generator', quantity: '1', unit: 'piece', priority, neededBy: '2025-01-15' });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      lvivFacility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
      kharkivFacility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 }) })).json<{ id: string }>().id;
      lvivCoordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [lvivFacility] })).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('registers needs in the coordinator scope, approves them, and refuses outside it', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/needs', headers: lvivCoordinator, payload: need(lvivFacility, 'critical') });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json<Need>();
      expect(created).toMatchObject({ status: 'submitted', approved: false, version: 1 });
      expect((await app.inject({ method: 'POST', url: '/api/v1/needs', headers: lvivCoordinator, payload: need(kharkivFacility, 'high') })).statusCode).toBe(403);
      const approved = await app.inject({ method: 'POST', url: `/api/v1/needs/${created.id}/approve`, headers: lvivCoordinator, payload: { version: 1 } });
      expect(approved.json<Need>()).toMatchObject({ status: 'approved', approved: true, version: 2 });
      expect((await app.inject({ method: 'POST', url: `/api/v1/needs/${created.id}/approve`, headers: lvivCoordinator, payload: { version: 1 } })).statusCode).toBe(409);
      const bad = await app.inject({ method: 'POST', url: '/api/v1/needs', headers: admin, payload: { ...need(lvivFacility, 'urgent'), quantity: '-1' } });
      expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['/priority', '/quantity']);
    });

    it('lists a reporter only the needs of its own facilities', async () => {
      for (const body of [need(kharkivFacility, 'high', 'fuel'), need(kharkivFacility, 'medium', 'fuel'), need(lvivFacility, 'critical', 'generator')]) {
        expect((await app.inject({ method: 'POST', url: '/api/v1/needs', headers: admin, payload: body })).statusCode).toBe(201);
      }
      const mine = (await app.inject({ url: '/api/v1/needs', headers: reporter })).json<{ items: Need[] }>().items;
      expect(mine.map((n) => n.facilityId).every((f) => f === lvivFacility)).toBe(true);
      expect(mine).toHaveLength(2);
    });

    it('filters needs by area (an oblast by ISO or KATOTTG code, sub-areas included) and by priority', async () => {
      const list = async (query: string) => (await app.inject({ url: `/api/v1/needs?${query}`, headers: admin })).json<{ items: Need[] }>().items;
      const inKharkiv = await list('area=UA-63');
      expect(inKharkiv.length).toBeGreaterThan(0);
      expect(inKharkiv.every((n) => n.facilityId === kharkivFacility)).toBe(true);
      expect((await list(`area=${KHARKIV}`)).map((n) => n.id)).toEqual(inKharkiv.map((n) => n.id));
      const critical = await list('priority=critical');
      expect(critical.length).toBeGreaterThan(0);
      expect(critical.every((n) => n.priority === 'critical')).toBe(true);
      expect(await list('area=UA-63&priority=critical')).toEqual([]);
      const unknown = await app.inject({ url: '/api/v1/needs?area=UA-99', headers: admin });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/area');
    });
  });
}
