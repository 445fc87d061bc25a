import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import type { Need } from '../needs/needs.schema.js';
import type { Shipment } from '../supply/shipments.schema.js';
import { createShipment, facilityLocation, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice } from '../supply/supply.testkit.js';
import { notificationHarness, type Harness, type TestUser } from './notifications.testkit.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';

for (const dialect of DIALECTS) {
  describe(`notification kinds and their recipients on ${dialect}`, () => {
    let h: Harness;
    let admin: TestUser;
    let coordinator: TestUser;
    let kharkivCoordinator: TestUser;
    let reporter: TestUser;
    let otherReporter: TestUser;
    let officer: TestUser;
    let kharkivOfficer: TestUser;
    let analyst: TestUser;
    let hospital = '';
    let kharkivHospital = '';
    /** Everyone: each test names who must be told, and everyone else must get nothing of that kind. */
    let everyone: TestUser[] = [];
    /** Exactly `told` have one notification of the kind (about `link`, when given); everyone else has none. */
    const expectOnly = async (kind: Parameters<Harness['ofKind']>[1], told: TestUser[], link?: string) => {
      for (const u of everyone) {
        const found = (await h.ofKind(u, kind)).filter((n) => link === undefined || n.link === link);
        expect(found.length, `${u.email} for ${kind}`).toBe(told.includes(u) ? 1 : 0);
      }
    };

    beforeAll(async () => {
      h = await notificationHarness(dialect);
      admin = await h.user('admin');
      hospital = (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: LVIV }))).id;
      kharkivHospital = (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: KHARKIV, lat: 49.99, lon: 36.23 }))).id;
      coordinator = await h.user('coordinator', { scopeAreas: [LVIV] });
      kharkivCoordinator = await h.user('coordinator', { scopeAreas: [KHARKIV] });
      reporter = await h.user('facility_reporter', { scopeFacilities: [hospital] });
      otherReporter = await h.user('facility_reporter', { scopeFacilities: [kharkivHospital] });
      officer = await h.user('warehouse_officer', { scopeAreas: [LVIV] });
      kharkivOfficer = await h.user('warehouse_officer', { scopeAreas: [KHARKIV] });
      analyst = await h.user('analyst');
      everyone = [admin, coordinator, kharkivCoordinator, reporter, otherReporter, officer, kharkivOfficer, analyst];
    }, 60_000);
    afterAll(() => h.close());

    it('a recall reaches the reporters of facilities and the officers of warehouses that held the lot, and opens the lot', async () => {
      const donor = await makeDonor(h.app, admin.headers);
      const product = await makeProduct(h.app, admin.headers);
      const warehouse = (await makeWarehouse(h.app, admin.headers)).id;
      const ward = (await facilityLocation(h.app, admin.headers, hospital)).id;
      await facilityLocation(h.app, admin.headers, kharkivHospital);
      const moving = await markInTransit(h.app, admin.headers, await createShipment(h.app, admin.headers, notice(donor.id, warehouse, [{ productId: product.id, quantity: 50, lotCode: 'RECALL1', expiry: monthsFromNow(30) }])));
      await h.call('POST', `/api/v1/shipments/${moving.id}/receipts`, admin.headers, { version: moving.version, entries: moving.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 50 })) });
      const lotId = (await h.call<{ items: { id: string }[] }>('GET', `/api/v1/lots?productId=${product.id}`, admin.headers)).items[0]?.id ?? '';
      await h.call('POST', '/api/v1/stock/dispatches', admin.headers, { fromLocationId: warehouse, toLocationId: ward, productId: product.id, quantity: 20 });
      await h.drain();
      await h.call('POST', `/api/v1/lots/${lotId}/recall`, coordinator.headers, { reason: 'manufacturer recall' });
      await h.drain();
      // The first shipment went to the Lviv warehouse: its officer was told it was on its way (and only they).
      await expectOnly('shipment_dispatched', [officer], `/supply/shipments/${moving.id}`);
      await expectOnly('lot_recalled', [reporter, officer]);
      const [told] = await h.ofKind(reporter, 'lot_recalled');
      expect(told).toMatchObject({ link: `/supply/lots/${lotId}`, params: { lot: 'RECALL1', product: product.name, reason: 'manufacturer recall' }, readAt: null });
      // The link opens: the reporter may read the lot it was told about.
      await h.call('GET', `/api/v1/lots/${lotId}`, reporter.headers);
    });

    it('a shipment on its way reaches the reporters of the receiving facility only', async () => {
      const donor = await makeDonor(h.app, admin.headers, 'Dispatch donor');
      const product = await makeProduct(h.app, admin.headers);
      const ward = (await facilityLocation(h.app, admin.headers, hospital)).id;
      const shipment = await createShipment(h.app, admin.headers, notice(donor.id, ward, [{ productId: product.id, quantity: 5, lotCode: 'SHIP1', expiry: monthsFromNow(30) }]));
      await h.drain();
      await expectOnly('shipment_dispatched', [], `/supply/shipments/${shipment.id}`);
      await markInTransit(h.app, officer.headers, shipment);
      await h.drain();
      await expectOnly('shipment_dispatched', [reporter], `/supply/shipments/${shipment.id}`);
      const [told] = await h.ofKind(reporter, 'shipment_dispatched');
      expect(told).toMatchObject({ link: `/supply/shipments/${shipment.id}`, params: { donor: 'Dispatch donor', reference: shipment.donorReference } });
    });

    it('a need approved or rejected reaches the user who raised it, and nobody else', async () => {
      const raise = (spec: string) => h.call<Need>('POST', '/api/v1/needs', reporter.headers, { facilityId: hospital, category: 'medicine', specification: spec, quantity: '10', unit: 'vial', priority: 'high' });
      const a = await raise('Insulin glargine');
      const b = await raise('Ceftriaxone 1 g');
      await h.call('POST', `/api/v1/needs/${a.id}/approve`, coordinator.headers, { version: a.version });
      await h.call('POST', `/api/v1/needs/${b.id}/reject`, coordinator.headers, { version: b.version, reason: 'already covered by the oblast stock' });
      await h.drain();
      await expectOnly('need_approved', [reporter]);
      await expectOnly('need_rejected', [reporter]);
      expect((await h.ofKind(reporter, 'need_rejected'))[0]).toMatchObject({ link: `/needs/${b.id}`, params: { need: 'Ceftriaxone 1 g', reason: 'already covered by the oblast stock' } });
    });

    it('a new incident reaches the coordinators whose scope covers it', async () => {
      await h.call('POST', '/api/v1/incidents', otherReporter.headers, { occurredAt: '2025-02-03T10:00:00Z', facilityId: kharkivHospital, attackTypes: ['heavy_weapons'], certainty: 'confirmed' });
      await h.drain();
      await expectOnly('incident_new', [kharkivCoordinator]);
      expect((await h.ofKind(kharkivCoordinator, 'incident_new'))[0]).toMatchObject({ link: '/monitoring/incidents', params: { date: '2025-02-03' } });
    });

    it('a record the server refuses reaches the user who sent it', async () => {
      const results = await h.call<{ results: { status: number }[] }>('POST', '/api/v1/sync', reporter.headers, {
        records: [{ clientId: '01900000-0000-7000-8000-0000000000a1', kind: 'incident', body: { occurredAt: '2025-02-03T10:00:00Z', facilityId: kharkivHospital, attackTypes: ['arson'], certainty: 'probable' } }],
      });
      expect(results.results[0]?.status).toBe(403);
      await h.drain();
      await expectOnly('sync_refused', [reporter]);
      expect((await h.ofKind(reporter, 'sync_refused'))[0]).toMatchObject({ link: '/monitoring/outbox', params: { record: 'incident' } });
    });

    it('a record kept for review and then dismissed by a coordinator reaches the user who sent it', async () => {
      const clientId = '01900000-0000-7000-8000-0000000000a2';
      const record = (certainty: string) => ({ clientId, kind: 'incident', body: { occurredAt: '2025-02-04T10:00:00Z', facilityId: hospital, attackTypes: ['arson'], certainty } });
      await h.call('POST', '/api/v1/sync', reporter.headers, { records: [record('probable')] });
      // The same UUID with another body: kept in the review inbox (409), not refused.
      expect((await h.call<{ results: { status: number }[] }>('POST', '/api/v1/sync', reporter.headers, { records: [record('confirmed')] })).results[0]?.status).toBe(409);
      await h.drain();
      expect(await h.ofKind(reporter, 'sync_refused')).toHaveLength(1);
      const entry = (await h.call<{ items: { id: string }[] }>('GET', '/api/v1/sync/inbox', coordinator.headers)).items[0];
      await h.call('POST', `/api/v1/sync/inbox/${entry?.id}/resolve`, coordinator.headers, { resolution: 'dismiss', note: 'the first report was right' });
      await h.drain();
      const told = await h.ofKind(reporter, 'sync_refused');
      expect(told).toHaveLength(2);
      expect(told[0]).toMatchObject({ params: { record: 'incident', reason: 'the first report was right' } });
      for (const u of everyone.filter((x) => x !== reporter)) expect(await h.ofKind(u, 'sync_refused'), u.email).toEqual([]);
    });
  });
}
