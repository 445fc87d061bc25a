import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import type { Location } from '../../src/modules/supply/locations.schema.js';
import type { Shipment } from '../../src/modules/supply/shipments.schema.js';
import { createShipment, facilityLocation, makeDonor, makeProduct, markInTransit, monthsFromNow, notice, onHand, type Headers } from '../../src/modules/supply/supply.testkit.js';
import { appFor } from '../support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { buildFacility, userWithToken } from '../support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';
const TABLES = ['audit_events', 'stock_moves', 'stock_balances', 'receipts', 'incidents', 'sync_records', 'sync_inbox', 'lots'] as const;

/** GS1 human-readable form of what a scanner reads off a box: GTIN, lot, expiry (YYMMDD). */
const gs1 = (gtin: string, lot: string, expiry: string) => `(01)${gtin}(10)${lot}(17)${expiry.slice(2, 4)}${expiry.slice(5, 7)}${expiry.slice(8, 10)}`;

/**
 * The facility's own work (issue 17 item 1, DESIGN §1): a facility reporter confirms deliveries to its facility,
 * uses, writes off and counts its stock, reports attacks and broken units there, online and through the offline
 * sync; the same on another facility is refused (403/404, or 400 naming a location it cannot see) with nothing written.
 */
for (const dialect of DIALECTS) {
  describe(`a facility reporter's own work on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let reporter: Headers;
    const own = { facility: '', location: undefined as unknown as Location, shipment: undefined as unknown as Shipment, asset: '' };
    const other = { facility: '', location: undefined as unknown as Location, shipment: undefined as unknown as Shipment, asset: '', lot: '' };
    let gtin = '';
    const lotCode = `FW${Date.now() % 100000}`;
    const expiry = monthsFromNow(24);

    /** Row counts of every table these actions write, and the units' versions: "nothing written" is "all equal". */
    const snapshot = async () => {
      const db = testDb.database.db;
      const counts: Record<string, number> = {};
      for (const t of TABLES) counts[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const versions = await db.selectFrom('assets').select(['id', 'version', 'status']).orderBy('id').execute();
      return { counts, versions: versions.map((v) => `${v.id}:${v.version}:${v.status}`) };
    };
    const call = (method: 'POST' | 'GET', url: string, payload?: unknown, headers: Headers = reporter) =>
      app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    const sync = async (records: unknown[]) => {
      const res = await call('POST', '/api/v1/sync', { records });
      expect(res.statusCode, res.body).toBe(202);
      return res.json<{ results: { clientId: string; status: number; id: string | null; detail: string | null }[] }>().results;
    };
    /** Expects a refusal that wrote nothing. */
    const refusedUnchanged = async (send: () => Promise<{ statusCode: number; body: string }>, statuses: readonly number[]) => {
      const before = await snapshot();
      const res = await send();
      expect(statuses, `${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(await snapshot()).toEqual(before);
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      const facility = async (area: string) => (await call('POST', '/api/v1/facilities', buildFacility({ areaKatottg: area }), admin)).json<{ id: string }>().id;
      own.facility = await facility(LVIV);
      other.facility = await facility(KHARKIV);
      reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [own.facility] })).headers;
      const donor = await makeDonor(app, admin);
      const medicine = await makeProduct(app, admin);
      gtin = medicine.gtin as string;
      const device = await makeProduct(app, admin, { kind: 'equipment', name: 'Oxygen concentrator 10 L', inn: null, atcCode: null, unit: 'device', packSize: 1, essential: false });
      for (const side of [own, other]) {
        side.location = await facilityLocation(app, admin, side.facility);
        side.shipment = await markInTransit(app, admin, await createShipment(app, admin, notice(donor.id, side.location.id, [{ productId: medicine.id, quantity: 10, lotCode, expiry }])));
        const asset = await call('POST', '/api/v1/assets', { serial: `OC-${side.facility.slice(-6)}`, productId: device.id, facilityId: side.facility, status: 'functioning' }, admin);
        expect(asset.statusCode, asset.body).toBe(201);
        side.asset = asset.json<{ id: string }>().id;
      }
      // The other facility's delivery arrives (received by an administrator), so it has stock the reporter must not touch.
      const received = await call('POST', `/api/v1/shipments/${other.shipment.id}/receipts`, { version: other.shipment.version, entries: [{ lineId: other.shipment.lines[0]?.id, quantity: 10 }] }, admin);
      expect(received.statusCode, received.body).toBe(201);
      other.lot = received.json<{ lotIds: string[] }>().lotIds[0] as string;
    }, 120_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('confirms a delivery to its facility by GS1 scan, with rejections, and not one addressed elsewhere', async () => {
      await refusedUnchanged(() => call('POST', `/api/v1/shipments/${other.shipment.id}/receipts`, { version: other.shipment.version, entries: [{ lineId: other.shipment.lines[0]?.id, quantity: 1 }] }), [404]);
      const res = await call('POST', `/api/v1/shipments/${own.shipment.id}/receipts`, {
        version: own.shipment.version,
        entries: [{ scan: gs1(gtin, lotCode, expiry), quantity: 4, rejectedQuantity: 1, rejectReason: 'broken vials' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const r = res.json<{ shipment: Shipment; lotIds: string[] }>();
      expect(r.shipment).toMatchObject({ status: 'partially_received', lines: [{ receivedQuantity: 4, rejectedQuantity: 1, outstandingQuantity: 5 }] });
      expect(await onHand(app, reporter, own.location.id, r.lotIds[0] as string)).toBe(4);
    });

    it('uses, writes off and counts stock at its facility only, and moves none elsewhere', async () => {
      const lot = (await call('GET', `/api/v1/stock?locationId=${own.location.id}`)).json<{ items: { lotId: string }[] }>().items[0]?.lotId as string;
      const consumed = await call('POST', '/api/v1/stock/moves', { kind: 'consumption', lotId: lot, fromLocationId: own.location.id, quantity: 1 });
      expect(consumed.statusCode, consumed.body).toBe(201);
      const damaged = await call('POST', '/api/v1/stock/moves', { kind: 'damage', lotId: lot, fromLocationId: own.location.id, quantity: 1, reason: 'dropped' });
      expect(damaged.statusCode, damaged.body).toBe(201);
      const counted = await call('POST', '/api/v1/stock/counts', { locationId: own.location.id, entries: [{ lotId: lot, countedQuantity: 1 }] });
      expect(counted.statusCode, counted.body).toBe(201);
      expect(await onHand(app, reporter, own.location.id, lot)).toBe(1);
      // Moving stock on is the supply writers' work, even from its own facility.
      await refusedUnchanged(() => call('POST', '/api/v1/stock/moves', { kind: 'transfer', lotId: lot, fromLocationId: own.location.id, toLocationId: own.location.id, quantity: 1 }), [403]);
      // Another facility's location is not even visible to the reporter: named as an unknown location.
      await refusedUnchanged(() => call('POST', '/api/v1/stock/moves', { kind: 'consumption', lotId: other.lot, fromLocationId: other.location.id, quantity: 1 }), [400, 403, 404]);
      await refusedUnchanged(() => call('POST', '/api/v1/stock/counts', { locationId: other.location.id, entries: [{ lotId: other.lot, countedQuantity: 0 }] }), [400, 403, 404]);
      expect(await onHand(app, admin, other.location.id, other.lot)).toBe(10);
    });

    it('reports a unit at its facility as needing attention, with a reason, but does not retire or move it, nor touch another', async () => {
      const asset = (await call('GET', `/api/v1/assets/${own.asset}`)).json<{ version: number }>();
      await refusedUnchanged(() => call('POST', `/api/v1/assets/${own.asset}/status`, { status: 'decommissioned', reason: 'old', version: asset.version }), [403]);
      await refusedUnchanged(() => call('POST', `/api/v1/assets/${other.asset}/status`, { status: 'not_functioning', reason: 'x', version: 1 }), [404]);
      const res = await call('POST', `/api/v1/assets/${own.asset}/status`, { status: 'needs_attention', reason: 'filter alarm', version: asset.version });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'needs_attention', statusReason: 'filter alarm' });
    });

    it('reports an attack on its facility, which a coordinator sees, and not on another', async () => {
      const attack = (facilityId: string) => ({ occurredAt: new Date(Date.now() - 60_000).toISOString(), facilityId, attackTypes: ['heavy_weapons'], certainty: 'confirmed' });
      await refusedUnchanged(() => call('POST', '/api/v1/incidents', attack(other.facility)), [403]);
      const res = await call('POST', '/api/v1/incidents', attack(own.facility));
      expect(res.statusCode, res.body).toBe(201);
      const coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      const list = (await call('GET', `/api/v1/incidents?limit=100`, undefined, coordinator)).json<{ items: { id: string }[] }>();
      expect(list.items.map((i) => i.id)).toContain(res.json<{ id: string }>().id);
    });

    it('picks only the facilities it works for', async () => {
      const coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      const ids = async (headers: Headers, scope: string) => (await call('GET', `/api/v1/facilities?limit=500${scope}`, undefined, headers)).json<{ items: { id: string }[] }>().items.map((f) => f.id);
      expect(await ids(reporter, '&scope=work')).toEqual([own.facility]);
      expect(await ids(coordinator, '')).toContain(other.facility);
      expect(await ids(coordinator, '&scope=work')).toContain(own.facility);
      expect(await ids(coordinator, '&scope=work')).not.toContain(other.facility);
    });

    it('sends the same work offline: each record stored once by its UUID, repeats answered alike, other facilities refused with nothing written', async () => {
      const shipment = (await call('GET', `/api/v1/shipments/${own.shipment.id}`)).json<Shipment>();
      const lot = (await call('GET', `/api/v1/stock?locationId=${own.location.id}`)).json<{ items: { lotId: string }[] }>().items[0]?.lotId as string;
      const asset = (await call('GET', `/api/v1/assets/${own.asset}`)).json<{ version: number }>();
      const records = [
        // The phone saw the shipment before the online receipt: the offline one applies to it as it is now.
        { clientId: newId(), kind: 'receipt', body: { shipmentId: shipment.id, entries: [{ scan: gs1(gtin, lotCode, expiry), quantity: 3 }] } },
        { clientId: newId(), kind: 'stock_move', body: { kind: 'consumption', lotId: lot, fromLocationId: own.location.id, quantity: 2 } },
        { clientId: newId(), kind: 'stock_count', body: { locationId: own.location.id, entries: [{ lotId: lot, countedQuantity: 2 }] } },
        { clientId: newId(), kind: 'asset_status', body: { assetId: own.asset, baseVersion: asset.version, status: 'not_functioning', reason: 'no output' } },
        { clientId: newId(), kind: 'incident', body: { occurredAt: new Date(Date.now() - 60_000).toISOString(), facilityId: own.facility, attackTypes: ['arson'], certainty: 'probable' } },
      ];
      const first = await sync(records);
      expect(first.map((r) => [r.status, r.detail])).toEqual(records.map(() => [202, null]));
      const after = await snapshot();
      expect((await call('GET', `/api/v1/shipments/${shipment.id}`)).json<Shipment>().lines[0]).toMatchObject({ receivedQuantity: 7, outstandingQuantity: 2 });
      expect(await onHand(app, reporter, own.location.id, lot)).toBe(2);
      expect((await call('GET', `/api/v1/assets/${own.asset}`)).json()).toMatchObject({ status: 'not_functioning', statusReason: 'no output' });
      const moves = (await call('GET', `/api/v1/stock/moves?locationId=${own.location.id}&limit=500`)).json<{ items: { id: string }[] }>().items.map((m) => m.id);
      expect(moves).toContain(records[1]?.clientId);

      // Sent again (the phone lost the answer): the first answers, nothing more stored.
      const again = await sync(records);
      expect(again.map((r) => [r.status, r.id])).toEqual(first.map((r) => [202, r.id]));
      expect(await snapshot()).toEqual(after);

      // The same kinds aimed at the other facility: each refused by its own rule, nothing written.
      const outside = [
        { clientId: newId(), kind: 'receipt', body: { shipmentId: other.shipment.id, entries: [{ lineId: other.shipment.lines[0]?.id, quantity: 1 }] } },
        { clientId: newId(), kind: 'stock_move', body: { kind: 'consumption', lotId: other.lot, fromLocationId: other.location.id, quantity: 1 } },
        { clientId: newId(), kind: 'stock_count', body: { locationId: other.location.id, entries: [{ lotId: other.lot, countedQuantity: 0 }] } },
        { clientId: newId(), kind: 'asset_status', body: { assetId: other.asset, baseVersion: 1, status: 'not_functioning', reason: 'x' } },
        { clientId: newId(), kind: 'incident', body: { occurredAt: new Date(Date.now() - 60_000).toISOString(), facilityId: other.facility, attackTypes: ['arson'], certainty: 'probable' } },
      ];
      const refused = await sync(outside);
      expect(refused.map((r) => r.status)).toEqual([404, 400, 400, 404, 403]);
      expect(await snapshot()).toEqual(after);
    });

    it('keeps a condition reported on a stale version for review, and refuses more stock than there is as a fixable failure', async () => {
      const before = await snapshot();
      const [stale, short] = await sync([
        { clientId: newId(), kind: 'asset_status', body: { assetId: own.asset, baseVersion: 1, status: 'functioning' } },
        { clientId: newId(), kind: 'stock_move', body: { kind: 'consumption', lotId: (await call('GET', `/api/v1/stock?locationId=${own.location.id}`)).json<{ items: { lotId: string }[] }>().items[0]?.lotId, fromLocationId: own.location.id, quantity: 999 } },
      ]);
      expect(stale).toMatchObject({ status: 409, id: own.asset });
      expect(stale?.detail).toContain('sent to the review inbox');
      expect(short?.status).toBe(422);
      expect(short?.detail).toContain('Not enough stock');
      const now = await snapshot();
      expect(now.counts.sync_inbox).toBe((before.counts.sync_inbox ?? 0) + 1);
      expect(now.counts.stock_moves).toBe(before.counts.stock_moves);
      expect(now.versions).toEqual(before.versions);
      // The coordinator of the area sees it in the inbox and applies it on the unit's current version.
      const coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      const entry = (await call('GET', '/api/v1/sync/inbox', undefined, coordinator)).json<{ items: { id: string; kind: string }[] }>().items.find((e) => e.kind === 'asset_status');
      expect(entry).toBeDefined();
      const applied = await call('POST', `/api/v1/sync/inbox/${entry?.id}/resolve`, { resolution: 'apply' }, coordinator);
      expect(applied.statusCode, applied.body).toBe(200);
      expect((await call('GET', `/api/v1/assets/${own.asset}`)).json()).toMatchObject({ status: 'functioning' });
    });
  });
}
