import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import type { Product } from './products.schema.js';
import type { Shipment } from './shipments.schema.js';
import type { ExpiryAlerts, LowStockAlerts, NeedsWaiting, Picking, RecallTrace, ReconcileResult, StockMove } from './stock.schema.js';
import { createShipment, daysFromNow, facilityLocation, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, onHand, type Headers } from './supply.testkit.js';

const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');

for (const dialect of DIALECTS) {
  describe(`stock, FEFO, recall and alerts on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let officer: Headers;
    let product: Product;
    let warehouse = '';
    let clinic = '';
    let facilityId = '';
    const lot: Record<string, string> = {};
    const suffix = String(Date.now() % 1e6);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      officer = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      const donor = await makeDonor(app, admin);
      product = await makeProduct(app, officer);
      warehouse = (await makeWarehouse(app, officer)).id;
      facilityId = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility() })).json<{ id: string }>().id;
      clinic = (await facilityLocation(app, officer, facilityId)).id;
      const expiries: Record<string, string> = { EARLY: daysFromNow(20), MID: daysFromNow(50), LATE: monthsFromNow(24), QUAR: monthsFromNow(13), PAST: daysFromNow(-5) };
      const s = await createShipment(app, officer, notice(donor.id, warehouse, Object.entries(expiries).map(([code, expiry]) => ({ productId: product.id, quantity: 10, lotCode: `${code}${suffix}`, expiry }))));
      const overridden = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/overrides`, headers: admin, payload: { rule: 'shelf_life', reason: 'short-dated stock accepted for the test' } });
      expect(overridden.statusCode).toBe(200);
      const moving = await markInTransit(app, officer, overridden.json<Shipment>());
      const received = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/receipts`, headers: officer, payload: { version: moving.version, entries: moving.lines.map((l) => ({ lineId: l.id, quantity: 10 })) } });
      expect(received.statusCode, received.body).toBe(201);
      const lots = (await app.inject({ method: 'GET', url: `/api/v1/lots?productId=${product.id}`, headers: officer })).json<{ items: { id: string; lotCode: string }[] }>().items;
      for (const l of lots) lot[l.lotCode.replace(suffix, '')] = l.id;
      const q = await app.inject({ method: 'POST', url: `/api/v1/lots/${lot.QUAR}/status`, headers: officer, payload: { status: 'quarantined', reason: 'temperature excursion', version: 1 } });
      expect(q.statusCode, q.body).toBe(200);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const pick = async (quantity: number) => (await app.inject({ method: 'GET', url: `/api/v1/stock/picking?locationId=${warehouse}&productId=${product.id}&quantity=${quantity}`, headers: officer })).json<Picking>();

    it('lists a facility location with its facility\'s Ukrainian name, a warehouse with its one name', async () => {
      const facility = (await app.inject({ url: `/api/v1/facilities/${facilityId}`, headers: admin })).json<{ nameUk: string }>();
      const items = (await app.inject({ url: '/api/v1/locations?limit=500', headers: admin })).json<{ items: { id: string; nameUk: string | null }[] }>().items;
      expect(items.find((l) => l.id === clinic)?.nameUk).toBe(facility.nameUk);
      expect(items.find((l) => l.id === warehouse)?.nameUk).toBeNull();
    });

    it('FEFO proposes the earliest expiry first and never a quarantined or expired lot', async () => {
      const p = await pick(25);
      expect(p.lines.map((l) => [l.lotId, l.quantity])).toEqual([[lot.EARLY, 10], [lot.MID, 10], [lot.LATE, 5]]);
      expect(p.shortfall).toBe(0);
      expect((await pick(100)).shortfall).toBe(70);
    });

    it('dispatches by FEFO, refuses blocked lots, and recalls a lot listing everywhere it is or was', async () => {
      const fefo = await app.inject({ method: 'POST', url: '/api/v1/stock/dispatches', headers: officer, payload: { fromLocationId: warehouse, toLocationId: clinic, productId: product.id, quantity: 14 } });
      expect(fefo.statusCode, fefo.body).toBe(201);
      expect(fefo.json<{ moves: StockMove[] }>().moves.map((m) => [m.lotId, m.quantity])).toEqual([[lot.EARLY, 10], [lot.MID, 4]]);
      const quarantined = await app.inject({ method: 'POST', url: '/api/v1/stock/dispatches', headers: officer, payload: { fromLocationId: warehouse, toLocationId: clinic, productId: product.id, quantity: 1, lots: [{ lotId: lot.QUAR, quantity: 1 }] } });
      expect(quarantined.statusCode).toBe(409);
      expect(quarantined.json<{ detail: string }>().detail).toContain('is quarantined');

      const notCoordinator = await app.inject({ method: 'POST', url: `/api/v1/lots/${lot.MID}/recall`, headers: officer, payload: { reason: 'manufacturer recall' } });
      expect(notCoordinator.statusCode).toBe(403);
      const recall = await app.inject({ method: 'POST', url: `/api/v1/lots/${lot.MID}/recall`, headers: admin, payload: { reason: 'manufacturer recall 2025-17' } });
      expect(recall.statusCode, recall.body).toBe(200);
      const trace = recall.json<RecallTrace>();
      expect(trace.lot.status).toBe('recalled');
      const where = Object.fromEntries(trace.locations.map((l) => [l.locationId, [l.onHand, l.received, l.sentOn]]));
      expect(where).toEqual({ [warehouse]: [6, 10, 4], [clinic]: [4, 4, 0] });
      expect((await pick(100)).lines.map((l) => l.lotId)).toEqual([lot.LATE]);
      const use = await app.inject({ method: 'POST', url: '/api/v1/stock/moves', headers: officer, payload: { kind: 'consumption', lotId: lot.MID, fromLocationId: clinic, quantity: 1 } });
      expect(use.statusCode).toBe(409);
      expect(use.json<{ detail: string }>().detail).toContain('is recalled');
      // Recalled stock can still be written off, to clear it.
      const writeOff = await app.inject({ method: 'POST', url: '/api/v1/stock/moves', headers: officer, payload: { kind: 'damage', lotId: lot.MID, fromLocationId: clinic, quantity: 4, reason: 'recalled, destroyed' } });
      expect(writeOff.statusCode, writeOff.body).toBe(201);
      expect(await onHand(app, officer, clinic, lot.MID as string)).toBe(0);
    });

    it('reverses a move exactly once and refuses a balance below zero', async () => {
      const move = (await app.inject({ method: 'POST', url: '/api/v1/stock/moves', headers: officer, payload: { kind: 'transfer', lotId: lot.LATE, fromLocationId: warehouse, toLocationId: clinic, quantity: 3 } })).json<StockMove>();
      expect(await onHand(app, officer, clinic, lot.LATE as string)).toBe(3);
      const reversal = await app.inject({ method: 'POST', url: `/api/v1/stock/moves/${move.id}/reverse`, headers: officer, payload: { reason: 'wrong clinic' } });
      expect(reversal.json<StockMove>()).toMatchObject({ kind: 'reversal', reversesId: move.id, fromLocationId: clinic, toLocationId: warehouse, quantity: 3 });
      expect(await onHand(app, officer, clinic, lot.LATE as string)).toBe(0);
      expect((await app.inject({ method: 'POST', url: `/api/v1/stock/moves/${move.id}/reverse`, headers: officer, payload: { reason: 'again' } })).statusCode).toBe(409);
      const tooMuch = await app.inject({ method: 'POST', url: '/api/v1/stock/moves', headers: officer, payload: { kind: 'consumption', lotId: lot.LATE, fromLocationId: warehouse, quantity: 11 } });
      expect(tooMuch.statusCode).toBe(409);
      expect(tooMuch.json<{ detail: string }>().detail).toContain('has 10, the move needs 11');
      expect(tooMuch.json<{ errors: { path: string }[] }>().errors).toEqual([expect.objectContaining({ path: '/quantity', message: expect.stringContaining('has 10, the move needs 11') as string })]);
      const ledger = (await app.inject({ method: 'GET', url: `/api/v1/stock/moves?lotId=${lot.LATE}`, headers: officer })).json<{ items: StockMove[] }>();
      expect(ledger.items.map((m) => m.kind)).toEqual(['reversal', 'transfer', 'receipt']);
    });

    it('counts by GS1 scan and turns the difference into a count adjustment', async () => {
      const scan = `01${product.gtin}17${yymmdd(monthsFromNow(24))}10LATE${suffix}`;
      const res = await app.inject({ method: 'POST', url: '/api/v1/stock/counts', headers: officer, payload: { locationId: warehouse, entries: [{ scan, countedQuantity: 7 }, { lotId: lot.QUAR, countedQuantity: 10 }] } });
      expect(res.statusCode, res.body).toBe(201);
      const result = res.json<{ adjustments: StockMove[]; unchanged: number }>();
      expect(result.unchanged).toBe(1);
      expect(result.adjustments).toEqual([expect.objectContaining({ kind: 'count_adjustment', lotId: lot.LATE, fromLocationId: warehouse, toLocationId: null, quantity: 3 })]);
      // A check digit one off the right one is always wrong (a fixed digit would be right for one GTIN in ten).
      const gtin = product.gtin ?? '';
      const wrongDigit = (Number(gtin.slice(13)) + 1) % 10;
      const bad = await app.inject({ method: 'POST', url: '/api/v1/stock/counts', headers: officer, payload: { locationId: warehouse, entries: [{ scan: `01${gtin.slice(0, 13)}${wrongDigit}`, countedQuantity: 1 }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({ path: '/entries/0/scan', message: expect.stringContaining('wrong check digit') as string });
    });

    it('alerts on lots expiring within 30/60/90 days, stock below a minimum, and needs waiting for warehouse stock', async () => {
      const in30 = (await app.inject({ method: 'GET', url: '/api/v1/stock/alerts/expiry?days=30', headers: officer })).json<ExpiryAlerts>();
      const lots30 = in30.locations.flatMap((l) => l.lots.map((x) => [l.locationId, x.lotId, x.band]));
      expect(lots30).toEqual([[clinic, lot.EARLY, '30']]);
      const in90 = (await app.inject({ method: 'GET', url: '/api/v1/stock/alerts/expiry?days=90', headers: officer })).json<ExpiryAlerts>();
      // MID is recalled (its own page), PAST already expired: neither is an expiry alert.
      expect(in90.locations.flatMap((l) => l.lots.map((x) => x.lotId))).toEqual([lot.EARLY]);
      expect((await app.inject({ method: 'GET', url: '/api/v1/stock/alerts/expiry?days=45', headers: officer })).statusCode).toBe(400);

      expect((await app.inject({ method: 'PUT', url: '/api/v1/stock/minimums', headers: officer, payload: { locationId: clinic, productId: product.id, minimum: 50 } })).statusCode).toBe(204);
      const low = (await app.inject({ method: 'GET', url: '/api/v1/stock/alerts/low', headers: officer })).json<LowStockAlerts>();
      expect(low.items).toEqual([expect.objectContaining({ locationId: clinic, productId: product.id, minimum: 50, onHand: 10 })]);

      const need = (await app.inject({ method: 'POST', url: '/api/v1/needs', headers: admin, payload: { facilityId, category: 'medicine', specification: 'Amoxicillin 500 mg for children', quantity: '40', unit: 'pack', priority: 'critical' } })).json<{ id: string; version: number }>();
      expect((await app.inject({ method: 'POST', url: `/api/v1/needs/${need.id}/approve`, headers: admin, payload: { version: need.version } })).statusCode).toBe(200);
      const waiting = (await app.inject({ method: 'GET', url: '/api/v1/stock/alerts/needs-waiting', headers: officer })).json<NeedsWaiting>();
      expect(waiting.items).toEqual([expect.objectContaining({ needId: need.id, productId: product.id, warehouses: [expect.objectContaining({ locationId: warehouse, available: 7 })] })]);
    });

    it('reconciles balances with the ledger and names the location and lot that differ', async () => {
      const ok = (await app.inject({ method: 'GET', url: '/api/v1/stock/reconcile', headers: admin })).json<ReconcileResult>();
      expect(ok).toMatchObject({ ok: true, differences: [] });
      expect((await app.inject({ method: 'GET', url: '/api/v1/stock/reconcile', headers: officer })).statusCode).toBe(403);
      await testDb.database.db.updateTable('stock_balances').set({ quantity: 99 }).where('location_id', '=', warehouse).where('lot_id', '=', lot.LATE as string).execute();
      const broken = (await app.inject({ method: 'GET', url: '/api/v1/stock/reconcile', headers: admin })).json<ReconcileResult>();
      expect(broken).toMatchObject({ ok: false, differences: [{ locationId: warehouse, lotId: lot.LATE, balance: 99, ledger: 7 }] });
      await testDb.database.db.updateTable('stock_balances').set({ quantity: 7 }).where('location_id', '=', warehouse).where('lot_id', '=', lot.LATE as string).execute();
    });
  });
}
