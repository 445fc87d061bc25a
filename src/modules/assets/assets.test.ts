import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Asset } from './assets.schema.js';
import { daysFromNow, makeProduct, type Headers } from '../supply/supply.testkit.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`equipment in service on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let coordinator: Headers;
    let productId = '';
    let lviv = '';
    let kharkiv = '';

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      productId = (await makeProduct(app, admin, { kind: 'equipment', name: 'Oxygen concentrator 10 L', inn: null, atcCode: null, unit: 'device', packSize: 1, essential: false })).id;
      lviv = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
      kharkiv = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 }) })).json<{ id: string }>().id;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const register = (serial: string, facilityId: string, headers = coordinator, extra: Record<string, unknown> = {}) =>
      app.inject({ method: 'POST', url: '/api/v1/assets', headers, payload: { serial, productId, facilityId, status: 'functioning', installedOn: daysFromNow(-200), maintenanceIntervalDays: 180, ...extra } });

    it('registers assets in scope, computes when maintenance is due, and moves the date on when maintenance is logged', async () => {
      const res = await register('OC-1', lviv);
      expect(res.statusCode, res.body).toBe(201);
      const asset = res.json<Asset>();
      expect(asset).toMatchObject({ nextMaintenanceDue: daysFromNow(-20), maintenanceState: 'overdue' });
      expect((await register('OC-2', kharkiv)).statusCode).toBe(403);
      expect((await register('OC-1', lviv)).statusCode).toBe(409);
      const soon = (await register('OC-3', lviv, coordinator, { installedOn: daysFromNow(-170) })).json<Asset>();
      expect(soon.maintenanceState).toBe('due');
      const overdue = (await app.inject({ method: 'GET', url: '/api/v1/assets?maintenance=overdue', headers: coordinator })).json<{ items: Asset[] }>();
      expect(overdue.items.map((a) => a.serial)).toEqual(['OC-1']);
      const due = (await app.inject({ method: 'GET', url: '/api/v1/assets?maintenance=due', headers: coordinator })).json<{ items: Asset[] }>();
      expect(due.items.map((a) => a.serial).sort()).toEqual(['OC-1', 'OC-3']);

      const logged = await app.inject({ method: 'POST', url: `/api/v1/assets/${asset.id}/maintenance`, headers: coordinator, payload: { performedOn: daysFromNow(0), kind: 'preventive', note: 'filters replaced' } });
      expect(logged.statusCode, logged.body).toBe(201);
      expect(logged.json<Asset & { maintenance: unknown[] }>()).toMatchObject({ lastMaintainedOn: daysFromNow(0), nextMaintenanceDue: daysFromNow(180), maintenanceState: 'ok', maintenance: [expect.objectContaining({ kind: 'preventive', note: 'filters replaced' })] });
      const future = await app.inject({ method: 'POST', url: `/api/v1/assets/${asset.id}/maintenance`, headers: coordinator, payload: { performedOn: daysFromNow(3), kind: 'repair' } });
      expect(future.statusCode).toBe(400);
    });

    it('changes status with a reason, and keeps decommissioned final', async () => {
      const asset = (await register('OC-9', lviv)).json<Asset>();
      const noReason = await app.inject({ method: 'POST', url: `/api/v1/assets/${asset.id}/status`, headers: coordinator, payload: { status: 'not_functioning', version: asset.version } });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/reason');
      const broken = await app.inject({ method: 'POST', url: `/api/v1/assets/${asset.id}/status`, headers: coordinator, payload: { status: 'not_functioning', reason: 'compressor failed', version: asset.version } });
      expect(broken.json<Asset>()).toMatchObject({ status: 'not_functioning', statusReason: 'compressor failed', version: 2 });
      const gone = await app.inject({ method: 'POST', url: `/api/v1/assets/${asset.id}/status`, headers: coordinator, payload: { status: 'decommissioned', reason: 'beyond repair', version: 2 } });
      expect(gone.statusCode).toBe(200);
      const back = await app.inject({ method: 'POST', url: `/api/v1/assets/${asset.id}/status`, headers: coordinator, payload: { status: 'functioning', version: 3 } });
      expect(back.statusCode).toBe(409);
      const reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [kharkiv] })).headers;
      expect((await app.inject({ method: 'GET', url: `/api/v1/assets/${asset.id}`, headers: reporter })).statusCode).toBe(404);
    });
  });
}
