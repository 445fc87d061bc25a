import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Product } from './products.schema.js';
import type { Shipment } from './shipments.schema.js';
import { createShipment, daysFromNow, facilityLocation, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, onHand, type Headers } from './supply.testkit.js';

const LVIV = 'UA46000000000026241';

for (const dialect of DIALECTS) {
  describe(`shipments and receiving on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let warehouseOfficer: Headers;
    let coordinator: Headers;
    let donor: { id: string };
    let warehouse: { id: string };
    let amoxicillin: Product;
    let monitor: Product;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      warehouseOfficer = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      donor = await makeDonor(app, admin, 'JICA test');
      warehouse = await makeWarehouse(app, warehouseOfficer);
      amoxicillin = await makeProduct(app, warehouseOfficer);
      monitor = await makeProduct(app, warehouseOfficer, { kind: 'equipment', name: 'Patient monitor', inn: null, atcCode: null, unit: 'device', packSize: 1, essential: false });
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const count = async (table: 'stock_moves' | 'lots' | 'receipts' | 'assets' | 'shipments') => Number((await testDb.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('takes a notice with cartons, moves through the statuses, and receives partially, split and with rejections', async () => {
      const lot = `AMX${Date.now() % 100000}`;
      const shipment = await createShipment(app, warehouseOfficer, notice(donor.id, warehouse.id, [{ productId: amoxicillin.id, quantity: 100, lotCode: lot, expiry: monthsFromNow(24) }], {
        cartons: [{ cartonNo: 1, weightKg: '18.5', contents: [{ lineNo: 1, quantity: 60 }] }, { cartonNo: 2, weightKg: '12', contents: [{ lineNo: 1, quantity: 40 }] }],
      }));
      expect(shipment).toMatchObject({ status: 'planned', findings: [], lines: [{ lineNo: 1, quantity: 100, outstandingQuantity: 100 }] });
      expect(shipment.cartons.map((c) => c.cartonNo)).toEqual([1, 2]);

      // Receiving before the goods are in transit is an illegal transition.
      const early = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/receipts`, headers: warehouseOfficer, payload: { version: shipment.version, entries: [{ lineId: shipment.lines[0]?.id, quantity: 1 }] } });
      expect(early.statusCode).toBe(409);
      expect(early.json<{ detail: string }>().detail).toContain('mark it in_transit first');
      const moving = await markInTransit(app, warehouseOfficer, shipment);
      const back = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/status`, headers: warehouseOfficer, payload: { status: 'in_transit', version: moving.version } });
      expect(back.statusCode).toBe(409);

      const line = moving.lines[0]?.id as string;
      const otherLot = `${lot}B`;
      const first = await app.inject({
        method: 'POST',
        url: `/api/v1/shipments/${shipment.id}/receipts`,
        headers: warehouseOfficer,
        payload: { version: moving.version, entries: [{ lineId: line, quantity: 50, rejectedQuantity: 5, rejectReason: 'crushed carton' }, { lineId: line, quantity: 20, lotCode: otherLot, expiry: monthsFromNow(20) }] },
      });
      expect(first.statusCode, first.body).toBe(201);
      const r1 = first.json<{ shipment: Shipment; lotIds: string[]; moves: number }>();
      expect(r1.shipment.status).toBe('partially_received');
      expect(r1.shipment.lines[0]).toMatchObject({ receivedQuantity: 70, rejectedQuantity: 5, outstandingQuantity: 25 });
      expect(r1.lotIds).toHaveLength(2);
      expect(r1.moves).toBe(2);

      // Over-receipt is refused and nothing changes.
      const movesBefore = await count('stock_moves');
      const over = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/receipts`, headers: warehouseOfficer, payload: { version: r1.shipment.version, entries: [{ lineId: line, quantity: 26 }] } });
      expect(over.statusCode).toBe(400);
      expect(over.json<{ detail: string }>().detail).toContain('only 25 of 100 are outstanding');
      expect(await count('stock_moves')).toBe(movesBefore);

      const last = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/receipts`, headers: warehouseOfficer, payload: { version: r1.shipment.version, entries: [{ lineId: line, quantity: 25 }] } });
      expect(last.statusCode, last.body).toBe(201);
      const done = last.json<{ shipment: Shipment; lotIds: string[] }>();
      expect(done.shipment.status).toBe('received');
      expect(done.shipment.receipts).toHaveLength(2);
      // The first lot got 50 + 25, the split lot 20; the donor is on both lots.
      const lotRes = await app.inject({ method: 'GET', url: `/api/v1/lots?productId=${amoxicillin.id}`, headers: warehouseOfficer });
      const lots = lotRes.json<{ items: { id: string; lotCode: string; donorOrgId: string; onHand: number }[] }>().items;
      expect(lots.find((l) => l.lotCode === lot)).toMatchObject({ onHand: 75, donorOrgId: donor.id });
      expect(lots.find((l) => l.lotCode === otherLot)).toMatchObject({ onHand: 20, donorOrgId: donor.id });
      expect(await onHand(app, warehouseOfficer, warehouse.id, done.lotIds[0] as string)).toBe(75);
      const closed = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/status`, headers: warehouseOfficer, payload: { status: 'cancelled', reason: 'x', version: done.shipment.version } });
      expect(closed.statusCode).toBe(409);
      expect(closed.json<{ detail: string }>().detail).toContain('cannot become cancelled');
    });

    it('refuses a notice whose packing list or references are wrong, naming each field, and stores nothing', async () => {
      const before = await count('shipments');
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/shipments',
        headers: warehouseOfficer,
        payload: notice(donor.id, warehouse.id, [{ productId: amoxicillin.id, quantity: 10, lotCode: 'L1' }, { productId: '01900000-0000-7000-8000-000000000000', quantity: 1 }], { cartons: [{ cartonNo: 1, weightKg: '5', contents: [{ lineNo: 1, quantity: 9 }, { lineNo: 3, quantity: 1 }] }] }),
      });
      expect(res.statusCode).toBe(400);
      const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/lines/0/expiry', '/lines/1/productId', '/cartons/0/contents/1/lineNo', '/lines/0/quantity']));
      expect(await count('shipments')).toBe(before);
    });

    it('receives equipment as assets, one per serial, at the destination facility', async () => {
      const facility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>();
      const place = await facilityLocation(app, warehouseOfficer, facility.id);
      const shipment = await markInTransit(app, warehouseOfficer, await createShipment(app, warehouseOfficer, notice(donor.id, place.id, [{ productId: monitor.id, quantity: 2 }])));
      const missing = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/receipts`, headers: warehouseOfficer, payload: { version: shipment.version, entries: [{ lineId: shipment.lines[0]?.id, quantity: 2, serials: ['SN-1'] }] } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json<{ detail: string }>().detail).toContain('one serial per unit');
      const ok = await app.inject({ method: 'POST', url: `/api/v1/shipments/${shipment.id}/receipts`, headers: warehouseOfficer, payload: { version: shipment.version, entries: [{ lineId: shipment.lines[0]?.id, quantity: 2, serials: ['PM-001', 'PM-002'] }] } });
      expect(ok.statusCode, ok.body).toBe(201);
      const assetIds = ok.json<{ assetIds: string[] }>().assetIds;
      expect(assetIds).toHaveLength(2);
      const asset = (await app.inject({ method: 'GET', url: `/api/v1/assets/${assetIds[0]}`, headers: warehouseOfficer })).json<{ facilityId: string; donorOrgId: string; shipmentId: string; status: string; serial: string }>();
      expect(asset).toMatchObject({ facilityId: facility.id, donorOrgId: donor.id, shipmentId: shipment.id, status: 'in_transit', serial: 'PM-001' });
    });

    it('lets a donor officer see only their organisation’s shipments, and a reporter only those to their facilities', async () => {
      const otherDonor = await makeDonor(app, admin, 'Other donor');
      const mine = await createShipment(app, warehouseOfficer, notice(donor.id, warehouse.id, [{ productId: amoxicillin.id, quantity: 1, lotCode: 'V1', expiry: monthsFromNow(30) }]));
      const theirs = await createShipment(app, warehouseOfficer, notice(otherDonor.id, warehouse.id, [{ productId: amoxicillin.id, quantity: 1, lotCode: 'V2', expiry: monthsFromNow(30) }]));
      const donorOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: donor.id })).headers;
      const list = (await app.inject({ method: 'GET', url: '/api/v1/shipments?limit=500', headers: donorOfficer })).json<{ items: { id: string; donorOrgId: string }[] }>();
      expect(list.items.map((s) => s.id)).toContain(mine.id);
      expect(list.items.every((s) => s.donorOrgId === donor.id)).toBe(true);
      expect((await app.inject({ method: 'GET', url: `/api/v1/shipments/${theirs.id}`, headers: donorOfficer })).statusCode).toBe(404);
      const facility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>();
      const reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facility.id] })).headers;
      expect((await app.inject({ method: 'GET', url: `/api/v1/shipments/${mine.id}`, headers: reporter })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/v1/shipments', headers: reporter })).json<{ items: unknown[] }>().items).toEqual([]);
      // A coordinator scoped to Lviv may write at the Lviv warehouse; a Kharkiv warehouse is outside.
      const kharkiv = await makeWarehouse(app, admin, 'UA63000000000041885', 'Kharkiv warehouse');
      const refused = await app.inject({ method: 'POST', url: '/api/v1/shipments', headers: coordinator, payload: notice(donor.id, kharkiv.id, [{ productId: amoxicillin.id, quantity: 1, lotCode: 'K', expiry: monthsFromNow(30) }]) });
      expect(refused.statusCode).toBe(403);
      expect(daysFromNow(0)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
  });
}
