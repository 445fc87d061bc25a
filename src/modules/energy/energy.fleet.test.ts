import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import type { FleetArrival, GeneratorAsset } from './energy.schema.js';

const LVIV = 'UA46000000000026241';
type Headers = { authorization: string };

let serial = 0;
const arrival = (units: Partial<FleetArrival['units'][number]>[]): FleetArrival => ({
  warehouse: { name: 'Lviv central warehouse', lat: 49.84, lon: 24.03 },
  units: units.map((u) => ({ serial: `FLEET-${process.pid}-${serial++}`, productName: 'Diesel generator set 500 kVA', ratingKva: 500, standby: true, fuelType: 'diesel' as const, tankLitres: 600, ...u })),
});

for (const dialect of DIALECTS) {
  describe(`generator arrivals and outage levels on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: Headers, lvivCoordinator: Headers, warehouse: Headers, analyst: Headers;
    const fleetSize = async () => Number((await testDb.database.db.selectFrom('generator_specs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      lvivCoordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      warehouse = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('registers arriving units in their warehouse, with kW from kVA and the usable share of standby units', async () => {
      const body = arrival([{ ratingKva: 500, standby: true }, { ratingKva: 1250, standby: false }]);
      const res = await app.inject({ method: 'POST', url: '/api/v1/energy/fleet', headers: warehouse, payload: body });
      expect(res.statusCode, res.body).toBe(201);
      const items = res.json<{ items: GeneratorAsset[] }>().items;
      expect(items.map((u) => [u.serial, u.status, u.ratingKw, u.usableKw, u.warehouseName])).toEqual([
        [body.units[0]?.serial, 'in_warehouse', 400, 280, 'Lviv central warehouse'],
        [body.units[1]?.serial, 'in_warehouse', 1000, 1000, 'Lviv central warehouse'],
      ]);
      const audited = await testDb.database.db.selectFrom('audit_events').select('entity_id').where('entity', '=', 'asset').where('action', '=', 'create').execute();
      expect(audited.map((a) => a.entity_id)).toEqual(expect.arrayContaining(items.map((u) => u.id)));
    });

    it('refuses a batch with a repeated or taken serial, or a bad rating, naming the unit, and writes nothing', async () => {
      const before = await fleetSize();
      const first = arrival([{}]);
      expect((await app.inject({ method: 'POST', url: '/api/v1/energy/fleet', headers: coordinator, payload: first })).statusCode).toBe(201);
      const taken = await app.inject({ method: 'POST', url: '/api/v1/energy/fleet', headers: coordinator, payload: arrival([{}, { serial: first.units[0]?.serial ?? '' }]) });
      expect(taken.statusCode).toBe(400);
      expect(taken.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([{ path: '/units/1/serial', message: expect.stringContaining('already in the fleet') as string }]);
      const repeated = arrival([{ serial: 'SAME' }, { serial: 'SAME' }]);
      const rep = await app.inject({ method: 'POST', url: '/api/v1/energy/fleet', headers: coordinator, payload: repeated });
      expect(rep.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/units/1/serial']);
      const negative = await app.inject({ method: 'POST', url: '/api/v1/energy/fleet', headers: coordinator, payload: arrival([{ ratingKva: -5 }]) });
      expect(negative.statusCode).toBe(400);
      expect(negative.body).toContain('/units/0/ratingKva');
      expect(await fleetSize()).toBe(before + 1);
    });

    it('lets only planners and warehouse officers register units', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/energy/fleet', headers: analyst, payload: arrival([{}]) });
      expect(res.statusCode).toBe(403);
    });

    it('sets outage hours per oblast within the coordinator’s areas, and lists them', async () => {
      const set = await app.inject({ method: 'PUT', url: '/api/v1/energy/outages/UA-46', headers: lvivCoordinator, payload: { hoursPerDay: 6.5 } });
      expect(set.statusCode, set.body).toBe(200);
      const again = await app.inject({ method: 'PUT', url: '/api/v1/energy/outages/UA-46', headers: coordinator, payload: { hoursPerDay: 8 } });
      expect(again.statusCode).toBe(200);
      const outside = await app.inject({ method: 'PUT', url: '/api/v1/energy/outages/UA-63', headers: lvivCoordinator, payload: { hoursPerDay: 2 } });
      expect(outside.statusCode).toBe(403);
      const unknown = await app.inject({ method: 'PUT', url: '/api/v1/energy/outages/UA-99', headers: coordinator, payload: { hoursPerDay: 2 } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('UA-99');
      const tooMany = await app.inject({ method: 'PUT', url: '/api/v1/energy/outages/UA-46', headers: coordinator, payload: { hoursPerDay: 25 } });
      expect(tooMany.statusCode).toBe(400);
      const list = await app.inject({ method: 'GET', url: '/api/v1/energy/outages', headers: analyst });
      expect(list.json<{ items: { oblastIso: string; hoursPerDay: number }[] }>().items.map((o) => [o.oblastIso, o.hoursPerDay])).toEqual([['UA-46', 8]]);
    });
  });
}
