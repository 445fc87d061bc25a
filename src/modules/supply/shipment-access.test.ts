import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import type { Facility } from '../facilities/facilities.schema.js';
import { importAreaStatuses } from '../geography/area-status.import.js';
import type { Location } from './locations.schema.js';
import type { Product } from './products.schema.js';
import type { Shipment } from './shipments.schema.js';
import { createShipment, daysFromNow, facilityLocation, makeDonor, makeProduct, markInTransit, monthsFromNow, notice, type Headers } from './supply.testkit.js';

const CRIMEA = 'UA01000000000013043';
const KHERSON = 'UA65000000000030969';
const POLTAVA = 'UA53000000000028050';

/** Shipments and dispatches to areas the Ministry cannot reach (issue 17, item 4). */
for (const dialect of DIALECTS) {
  describe(`shipments and area access on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let donor: { id: string };
    let product: Product;
    let crimea: Location;
    let kherson: Location;
    let poltava: Location;
    const shipments = async () => Number((await testDb.database.db.selectFrom('shipments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const statuses = (csv: string) => importAreaStatuses(testDb.database, systemContext('test'), Readable.from([`katottg,status,from,to\n${csv}`]));

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      donor = await makeDonor(app, admin);
      product = await makeProduct(app, admin);
      const place = async (areaKatottg: string, lat: number, lon: number, nameEn: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg, lat, lon, nameEn, nameUk: nameEn }) });
        expect(res.statusCode, res.body).toBe(201);
        return facilityLocation(app, admin, res.json<Facility>().id);
      };
      crimea = await place(CRIMEA, 44.95, 34.1, 'Simferopol hospital');
      kherson = await place(KHERSON, 46.64, 32.61, 'Kherson hospital');
      poltava = await place(POLTAVA, 49.59, 34.55, 'Poltava hospital');
      await statuses(`${CRIMEA},temporarily_occupied,2014-02-20,\n${KHERSON},active_hostilities,2022-02-24,\n`);
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const line = (quantity: number) => [{ productId: product.id, quantity, lotCode: `L${quantity}`, expiry: monthsFromNow(24) }];

    it('refuses a shipment to an occupied facility (409 naming the area) and stores nothing', async () => {
      const before = await shipments();
      const res = await app.inject({ method: 'POST', url: '/api/v1/shipments', headers: admin, payload: notice(donor.id, crimea.id, line(10)) });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<{ detail: string }>().detail).toMatch(/^[^:]+: Autonomous Republic of Crimea is temporarily occupied since 2014-02-20: the Ministry cannot deliver there\.$/);
      expect(await shipments()).toBe(before);
    });

    it('accepts one under active hostilities with a finding that does not block the receipt', async () => {
      const shipment = await createShipment(app, admin, notice(donor.id, kherson.id, line(20)));
      expect(shipment.findings).toEqual([
        { rule: 'destination_hostilities', lineNo: null, cartonNo: null, overridden: false, message: expect.stringContaining('Kherson Oblast is under active hostilities since 2022-02-24') as string },
      ]);
      const moving = await markInTransit(app, admin, shipment);
      const received = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/receipts`, headers: admin, payload: { version: moving.version, entries: [{ lineId: moving.lines[0]?.id, quantity: 20 }] } });
      expect(received.statusCode, received.body).toBe(201);
      // Goods at the facility cannot be sent on into an occupied area either.
      const dispatch = await app.inject({ method: 'POST', url: '/api/v1/stock/dispatches', headers: admin, payload: { fromLocationId: kherson.id, toLocationId: crimea.id, productId: product.id, quantity: 5 } });
      expect(dispatch.statusCode, dispatch.body).toBe(409);
      expect(dispatch.json<{ detail: string }>().detail).toContain('Autonomous Republic of Crimea is temporarily occupied since 2014-02-20');
    });

    it('refuses to send a planned shipment once its destination is occupied', async () => {
      const shipment = await createShipment(app, admin, notice(donor.id, poltava.id, line(30), { expectedArrival: daysFromNow(10) }));
      await statuses(`${POLTAVA},temporarily_occupied,${daysFromNow(0)},\n`);
      const res = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/status`, headers: admin, payload: { status: 'in_transit', version: shipment.version } });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<{ detail: string }>().detail).toContain('Poltava Oblast is temporarily occupied since');
      const after = await app.inject({ url: `/api/v1/shipments/${shipment.id}`, headers: admin });
      expect(after.json<Shipment>().status).toBe('planned');
    });
  });
}
