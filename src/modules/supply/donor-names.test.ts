import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import type { Shipment, ShipmentSummary } from './shipments.schema.js';
import type { Lot, RecallTrace } from './stock.schema.js';
import { createShipment, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, type Headers } from './supply.testkit.js';

type Donor = { id: string; nameUk: string; nameEn: string; nameJa: string | null };

/** Shipments and lots carry their donor's three names, so a reader sees the donor in their own language. */
for (const dialect of DIALECTS) {
  describe(`donor names on shipments and lots on ${dialect}`, () => {
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

    const get = async <T>(url: string): Promise<T> => {
      const res = await app.inject({ url, headers: admin });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json<T>();
    };
    const makeOrg = async (body: Omit<Donor, 'id' | 'nameJa'> & { nameJa?: string }): Promise<Donor> => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { ...body, type: 'bilateral_agency', country: 'JP' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Donor>();
    };

    it('shows the Ukrainian, English and Japanese names on the shipment list, a shipment, the lot list, a lot and its trace', async () => {
      const jica = await makeOrg({ nameUk: 'Японське агентство міжнародного співробітництва', nameEn: 'Japan International Cooperation Agency', nameJa: '独立行政法人国際協力機構' });
      const warehouse = await makeWarehouse(app, admin);
      const product = await makeProduct(app, admin);
      const lotCode = `DN${Date.now() % 100000}`;
      const moving = await markInTransit(app, admin, await createShipment(app, admin, notice(jica.id, warehouse.id, [{ productId: product.id, quantity: 5, lotCode, expiry: monthsFromNow(24) }])));
      const names = { donorOrgId: jica.id, donorName: jica.nameEn, donorNameUk: jica.nameUk, donorNameJa: jica.nameJa };
      expect(moving).toMatchObject(names);
      expect(await get<Shipment>(`/api/v1/shipments/${moving.id}`)).toMatchObject(names);
      const listed = (await get<{ items: ShipmentSummary[] }>(`/api/v1/shipments?donorOrgId=${jica.id}`)).items;
      expect(listed.map((s) => [s.id, s.donorName, s.donorNameUk, s.donorNameJa])).toEqual([[moving.id, jica.nameEn, jica.nameUk, jica.nameJa]]);

      const receipt = await app.inject({ method: 'POST', url: `/api/v1/shipments/${moving.id}/receipts`, headers: admin, payload: { version: moving.version, entries: [{ lineId: moving.lines[0]?.id, quantity: 5 }] } });
      expect(receipt.statusCode, receipt.body).toBeLessThan(300);
      const lots = (await get<{ items: Lot[] }>(`/api/v1/lots?donorOrgId=${jica.id}`)).items;
      expect(lots).toHaveLength(1);
      expect(lots[0]).toMatchObject({ lotCode, ...names });
      const lotId = lots[0]?.id as string;
      expect(await get<Lot>(`/api/v1/lots/${lotId}`)).toMatchObject(names);
      expect((await get<RecallTrace>(`/api/v1/lots/${lotId}/trace`)).lot).toMatchObject(names);
    });

    it('gives null for the Japanese name of a donor that has none, with the English name beside it', async () => {
      const nhsu = await makeOrg({ nameUk: 'Національна служба здоров’я України', nameEn: 'National Health Service of Ukraine' });
      const warehouse = await makeWarehouse(app, admin);
      const product = await makeProduct(app, admin);
      const shipment = await createShipment(app, admin, notice(nhsu.id, warehouse.id, [{ productId: product.id, quantity: 1, lotCode: 'NOJA', expiry: monthsFromNow(24) }]));
      const [listed] = (await get<{ items: ShipmentSummary[] }>(`/api/v1/shipments?donorOrgId=${nhsu.id}`)).items;
      expect(listed).toMatchObject({ id: shipment.id, donorName: 'National Health Service of Ukraine', donorNameUk: 'Національна служба здоров’я України', donorNameJa: null });
    });
  });
}
