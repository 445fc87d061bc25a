import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Shipment } from './shipments.schema.js';
import type { RecallTrace, StockMove } from './stock.schema.js';
import { createShipment, facilityLocation, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, type Headers } from './supply.testkit.js';

for (const dialect of DIALECTS) {
  describe(`recall trace on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('separates, per location, what was given to patients from what was sent on, written off or is still there', async () => {
      const post = async <T>(url: string, payload: Record<string, unknown>) => {
        const res = await app.inject({ method: 'POST', url, headers: admin, payload });
        expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
        return res.json<T>();
      };
      const donor = await makeDonor(app, admin);
      const product = await makeProduct(app, admin);
      const warehouse = (await makeWarehouse(app, admin)).id;
      const facility = async () => (await facilityLocation(app, admin, (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility() })).json<{ id: string }>().id)).id;
      const [hospital, clinic] = [await facility(), await facility()];
      const moving = await markInTransit(app, admin, await createShipment(app, admin, notice(donor.id, warehouse, [{ productId: product.id, quantity: 100, lotCode: 'TRACE1', expiry: monthsFromNow(30) }])));
      await post(`/api/v1/shipments/${moving.id}/receipts`, { version: moving.version, entries: moving.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 100 })) });
      const lotId = (await app.inject({ url: `/api/v1/lots?productId=${product.id}`, headers: admin })).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
      const move = (payload: Record<string, unknown>) => post<StockMove>('/api/v1/stock/moves', { lotId, ...payload });

      await post('/api/v1/stock/dispatches', { fromLocationId: warehouse, toLocationId: hospital, productId: product.id, quantity: 40 });
      await move({ kind: 'transfer', fromLocationId: warehouse, toLocationId: clinic, quantity: 10 });
      await move({ kind: 'damage', fromLocationId: warehouse, quantity: 2, reason: 'crushed carton' });
      await move({ kind: 'consumption', fromLocationId: hospital, quantity: 15 });
      // A consumption entered by mistake and reversed is not counted as given to patients.
      const mistake = await move({ kind: 'consumption', fromLocationId: hospital, quantity: 5 });
      await post(`/api/v1/stock/moves/${mistake.id}/reverse`, { reason: 'entered twice' });
      await move({ kind: 'transfer', fromLocationId: hospital, toLocationId: clinic, quantity: 10 });
      await move({ kind: 'consumption', fromLocationId: clinic, quantity: 3 });

      const trace = await post<RecallTrace>(`/api/v1/lots/${lotId}/recall`, { reason: 'manufacturer recall' });
      const at = (id: string) => trace.locations.find((l) => l.locationId === id);
      expect(at(warehouse)).toMatchObject({ onHand: 48, received: 100, consumed: 0, sentOn: 50, writtenOff: 2, counted: 0 });
      expect(at(hospital)).toMatchObject({ onHand: 15, received: 40, consumed: 15, sentOn: 10, writtenOff: 0, counted: 0 });
      expect(at(clinic)).toMatchObject({ onHand: 17, received: 20, consumed: 3, sentOn: 0, writtenOff: 0, counted: 0 });
      expect(trace.locations).toHaveLength(3);
      for (const l of trace.locations) expect(l.onHand, l.name).toBe(l.received - l.consumed - l.sentOn - l.writtenOff + l.counted);
      // What the recall can still retrieve is what is on hand anywhere; what patients received is apart.
      expect(trace.locations.reduce((s, l) => s + l.onHand, 0)).toBe(80);
      expect(trace.locations.reduce((s, l) => s + l.consumed, 0)).toBe(18);
    });
  });
}
