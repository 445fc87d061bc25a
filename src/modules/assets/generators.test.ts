import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { daysFromNow, type Headers } from '../supply/supply.testkit.js';
import type { Asset } from './assets.schema.js';
import type { GeneratorUnit } from './generators.service.js';
import { storeTestGenerators } from './generators.testkit.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`generators as assets on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers, lvivCoordinator: Headers, analyst: Headers, reporter: Headers, warehouse: Headers;
    let lviv = '', kharkiv = '';
    let units: GeneratorUnit[] = [];

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      lviv = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
      kharkiv = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 }) })).json<{ id: string }>().id;
      lvivCoordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      warehouse = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [kharkiv] })).headers;
      units = await storeTestGenerators(testDb.database, [
        { ratingKva: 500, standby: true },
        { ratingKva: 125, facilityId: lviv, status: 'functioning' },
        { ratingKva: 250, facilityId: kharkiv, status: 'functioning' },
      ]);
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const list = async (query: string, headers: Headers) => {
      const res = await app.inject({ url: `/api/v1/assets${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Asset[] }>().items;
    };

    it('lists generators with their rating and fuel curve, in their warehouse location or at their facility', async () => {
      const items = await list('?kind=generator', admin);
      expect(items.map((a) => a.serial).sort()).toEqual(units.map((u) => u.serial).sort());
      const spare = items.find((a) => a.id === units[0]?.id);
      expect(spare).toMatchObject({ kind: 'generator', status: 'in_warehouse', facilityId: null, restricted: false, generator: { ratingKva: 500, ratingKw: 400, usableKw: 280, standby: true, fuelType: 'diesel', fuelCurve: { f0: 0.03, f1: 0.25 } } });
      expect(spare?.locationId).not.toBeNull();
      expect(items.find((a) => a.id === units[2]?.id)).toMatchObject({ facilityId: kharkiv, restricted: false });
      expect((await list('?kind=equipment', admin)).some((a) => a.kind === 'generator')).toBe(false);
    });

    it('withholds the facility of a generator from callers who may not see its power data, as energy does', async () => {
      const forCoordinator = await list('?kind=generator', lvivCoordinator);
      expect(forCoordinator.find((a) => a.id === units[1]?.id)).toMatchObject({ facilityId: lviv, restricted: false });
      expect(forCoordinator.find((a) => a.id === units[2]?.id)).toMatchObject({ facilityId: null, locationId: null, shipmentId: null, restricted: true });
      const forAnalyst = await list('?kind=generator', analyst);
      expect(forAnalyst.filter((a) => a.facilityId !== null)).toEqual([]);
      expect(forAnalyst.filter((a) => a.restricted)).toHaveLength(2);
      // Filtering by a facility does not reveal which generators are there.
      expect((await list(`?facilityId=${kharkiv}`, analyst)).filter((a) => a.kind === 'generator')).toEqual([]);
      expect((await list(`?facilityId=${kharkiv}`, admin)).map((a) => a.id)).toEqual([units[2]?.id]);
      // The reporter of the Kharkiv facility sees its unit, without the facility named (energy shows it so too).
      const own = await list('', reporter);
      expect(own.map((a) => a.id)).toEqual([units[2]?.id]);
      expect(own[0]).toMatchObject({ facilityId: null, restricted: true });
      const detail = await app.inject({ url: `/api/v1/assets/${units[2]?.id ?? ''}`, headers: analyst });
      expect(detail.json<Asset>()).toMatchObject({ facilityId: null, restricted: true });
    });

    it('keeps warranty, maintenance interval and log for generators, and lists them as due', async () => {
      const id = units[1]?.id ?? '';
      const before = (await app.inject({ url: `/api/v1/assets/${id}`, headers: admin })).json<Asset>();
      const patched = await app.inject({ method: 'PATCH', url: `/api/v1/assets/${id}`, headers: lvivCoordinator, payload: { warrantyUntil: daysFromNow(365), maintenanceIntervalDays: 1, version: before.version } });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json<Asset>()).toMatchObject({ warrantyUntil: daysFromNow(365), maintenanceIntervalDays: 1, nextMaintenanceDue: daysFromNow(1), maintenanceState: 'due' });
      expect((await list('?maintenance=due&kind=generator', admin)).map((a) => a.id)).toEqual([id]);
      const logged = await app.inject({ method: 'POST', url: `/api/v1/assets/${id}/maintenance`, headers: warehouse, payload: { performedOn: daysFromNow(0), kind: 'preventive', note: 'oil and filters' } });
      expect(logged.statusCode, logged.body).toBe(201);
      expect(logged.json<Asset>().kind).toBe('generator');
    });

    it('moves a generator between warehouse and facility only through an energy plan', async () => {
      const spare = (await app.inject({ url: `/api/v1/assets/${units[0]?.id ?? ''}`, headers: admin })).json<Asset>();
      const res = await app.inject({ method: 'POST', url: `/api/v1/assets/${spare.id}/status`, headers: admin, payload: { status: 'installed', facilityId: lviv, version: spare.version } });
      expect(res.statusCode).toBe(409);
      expect((await app.inject({ url: `/api/v1/assets/${spare.id}`, headers: admin })).json<Asset>()).toMatchObject({ status: 'in_warehouse', version: spare.version });
      const equipment = await app.inject({ method: 'POST', url: '/api/v1/assets', headers: admin, payload: { serial: 'X', productId: spare.productId, facilityId: lviv, status: 'functioning' } });
      expect(equipment.statusCode).toBe(400);
      expect(equipment.body).toContain('energy fleet');
    });
  });
}
