import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { storeTestGenerators } from '../assets/generators.testkit.js';
import type { Plan } from '../energy/energy.schema.js';
import type { Need } from '../needs/needs.schema.js';
import { systemContext } from '../../context.js';
import { applyMoves } from '../supply/ledger.service.js';
import type { Shipment } from '../supply/shipments.schema.js';
import { createShipment, facilityLocation, makeDonor, makeProduct, markInTransit, monthsFromNow, notice } from '../supply/supply.testkit.js';
import { notificationHarness, type Harness, type TestUser } from './notifications.testkit.js';
import { withTransaction } from '../../db/transaction.js';

const DNIPRO = 'UA12000000000090473';
const KHARKIV = 'UA63000000000041885';
const LVIV = 'UA46000000000026241';

for (const dialect of DIALECTS) {
  describe(`more notification kinds on ${dialect}`, () => {
    let h: Harness;
    let admin: TestUser;
    let dniproCoordinator: TestUser;
    let kharkivCoordinator: TestUser;
    let lvivCoordinator: TestUser;
    let reporter: TestUser;
    let kharkivReporter: TestUser;
    let donorOfficer: TestUser;
    let otherDonorOfficer: TestUser;
    let outsider: TestUser;
    let dnipro = '';
    let kharkiv = '';
    let donorOrg = '';
    let everyone: TestUser[] = [];
    const expectOnly = async (kind: Parameters<Harness['ofKind']>[1], told: TestUser[]) => {
      for (const u of everyone) expect((await h.ofKind(u, kind)).length, `${u.email} for ${kind}`).toBe(told.includes(u) ? 1 : 0);
    };

    beforeAll(async () => {
      h = await notificationHarness(dialect);
      admin = await h.user('admin');
      const make = async (area: string, lat: number, lon: number) => (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: area, lat, lon, type: 'regional_hospital', beds: 600, services: ['surgery', 'intensive_care'] }))).id;
      dnipro = await make(DNIPRO, 48.46, 35.04);
      kharkiv = await make(KHARKIV, 49.99, 36.23);
      donorOrg = (await makeDonor(h.app, admin.headers, 'Partner agency')).id;
      const otherOrg = (await makeDonor(h.app, admin.headers, 'Another agency')).id;
      dniproCoordinator = await h.user('coordinator', { scopeAreas: [DNIPRO] });
      kharkivCoordinator = await h.user('coordinator', { scopeAreas: [KHARKIV] });
      lvivCoordinator = await h.user('coordinator', { scopeAreas: [LVIV] });
      reporter = await h.user('facility_reporter', { scopeFacilities: [dnipro] });
      kharkivReporter = await h.user('facility_reporter', { scopeFacilities: [kharkiv] });
      donorOfficer = await h.user('donor_officer', { organizationId: donorOrg });
      otherDonorOfficer = await h.user('donor_officer', { organizationId: otherOrg });
      // A reporter of a facility where nothing happens, with an organisation that owns nothing: told nothing, ever.
      const quiet = (await h.call<{ id: string }>('POST', '/api/v1/facilities', admin.headers, buildFacility({ areaKatottg: LVIV }))).id;
      outsider = await h.user('facility_reporter', { scopeFacilities: [quiet], organizationId: otherOrg });
      everyone = [admin, dniproCoordinator, kharkivCoordinator, lvivCoordinator, reporter, kharkivReporter, donorOfficer, otherDonorOfficer, outsider];
    }, 60_000);
    afterAll(() => h.close());

    it('a need met reaches the user who raised it', async () => {
      const need = await h.call<Need>('POST', '/api/v1/needs', reporter.headers, { facilityId: dnipro, category: 'medicine', specification: 'Ceftriaxone 1 g vials', quantity: '10', unit: 'vial', priority: 'high' });
      await h.call('POST', `/api/v1/needs/${need.id}/approve`, dniproCoordinator.headers, { version: need.version });
      const vial = await makeProduct(h.app, admin.headers, { name: 'Ceftriaxone 1 g vial', inn: 'ceftriaxone', atcCode: 'J01DD04', form: 'powder for injection', unit: 'vial', packSize: 1 });
      const ward = (await facilityLocation(h.app, admin.headers, dnipro)).id;
      const s = await markInTransit(h.app, admin.headers, await createShipment(h.app, admin.headers, notice(donorOrg, ward, [{ productId: vial.id, quantity: 10, lotCode: 'MET1', expiry: monthsFromNow(24), needId: need.id }])));
      await h.drain();
      await expectOnly('need_met', []);
      await h.call('POST', `/api/v1/shipments/${s.id}/receipts`, reporter.headers, { version: s.version, entries: s.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 10 })) });
      expect((await h.call<Need>('GET', `/api/v1/needs/${need.id}`, admin.headers)).status).toBe('met');
      await h.drain();
      // The reporter confirmed the delivery itself: whoever's write caused an event is not told what they just did.
      await expectOnly('need_met', []);
      // Met by a receipt someone else confirmed: the raiser is told.
      const other = await h.call<Need>('POST', '/api/v1/needs', reporter.headers, { facilityId: dnipro, category: 'medicine', specification: 'More vials', quantity: '5', unit: 'vial', priority: 'high' });
      await h.call('POST', `/api/v1/needs/${other.id}/approve`, dniproCoordinator.headers, { version: other.version });
      const s2 = await markInTransit(h.app, admin.headers, await createShipment(h.app, admin.headers, notice(donorOrg, ward, [{ productId: vial.id, quantity: 5, lotCode: 'MET2', expiry: monthsFromNow(24), needId: other.id }])));
      await h.call('POST', `/api/v1/shipments/${s2.id}/receipts`, admin.headers, { version: s2.version, entries: s2.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 5 })) });
      await h.drain();
      await expectOnly('need_met', [reporter]);
      expect((await h.ofKind(reporter, 'need_met'))[0]).toMatchObject({ link: `/needs/${other.id}`, params: { need: 'More vials', quantity: '5' } });
    });

    it('stock under its minimum months reaches the facility’s reporters once, until it recovers', async () => {
      const product = await makeProduct(h.app, admin.headers, { name: 'Paracetamol 500 mg tablets' });
      const ward = (await facilityLocation(h.app, admin.headers, kharkiv)).id;
      const s = await markInTransit(h.app, admin.headers, await createShipment(h.app, admin.headers, notice(donorOrg, ward, [{ productId: product.id, quantity: 100, lotCode: 'LOW1', expiry: monthsFromNow(24) }])));
      await h.call('POST', `/api/v1/shipments/${s.id}/receipts`, admin.headers, { version: s.version, entries: s.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 100 })) });
      const lotId = (await h.call<{ items: { id: string }[] }>('GET', `/api/v1/lots?productId=${product.id}`, admin.headers)).items[0]?.id ?? '';
      // Consumption over the last weeks (the window is the 90 days before today; the ledger writer takes the time).
      const day = new Date(Date.now() - 10 * 86_400_000).toISOString();
      await withTransaction(h.testDb.database, (trx) => applyMoves(trx, systemContext('test'), [{ kind: 'consumption', lotId, productId: product.id, from: ward, to: null, quantity: 95, reason: 'given to patients', reversesId: null }], day));
      expect((await h.checks()).lowStock).toBe(1);
      await h.drain();
      await expectOnly('stock_low', [kharkivReporter]);
      expect((await h.ofKind(kharkivReporter, 'stock_low'))[0]).toMatchObject({ link: `/my-facility/${kharkiv}`, params: { product: 'Paracetamol 500 mg tablets' } });
      // Still low at the next check: not told again.
      expect((await h.checks()).lowStock).toBe(0);
      await h.drain();
      await expectOnly('stock_low', [kharkivReporter]);
      // Restocked (the window's consumption, 95 on a single day in stock, is 2,850 a month): the condition clears, so a later shortage is told again.
      const more = await markInTransit(h.app, admin.headers, await createShipment(h.app, admin.headers, notice(donorOrg, ward, [{ productId: product.id, quantity: 5000, lotCode: 'LOW2', expiry: monthsFromNow(24) }])));
      await h.call('POST', `/api/v1/shipments/${more.id}/receipts`, admin.headers, { version: more.version, entries: more.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 5000 })) });
      expect((await h.checks()).lowStock).toBe(0);
      expect(await h.testDb.database.db.selectFrom('notification_conditions').select('key').where('key', 'like', 'stock_low:%').execute()).toEqual([]);
    });

    it('an overdue action item reaches the members of the owning organisation who may read its meeting, once per due date', async () => {
      const meeting = await h.call<{ actionItems: { id: string; version: number }[] }>('POST', '/api/v1/meetings', kharkivCoordinator.headers, {
        heldOn: '2025-01-05', title: { en: 'Generator coordination' }, participants: [{ organizationId: donorOrg, role: 'donor' }],
        actionItems: [{ text: { en: 'Send the generator list', uk: 'Надіслати перелік генераторів' }, owner: 'Partner agency', ownerOrgId: donorOrg, dueOn: '2025-01-10' }],
      });
      expect((await h.checks()).overdue).toBe(1);
      expect((await h.checks()).overdue).toBe(0);
      await h.drain();
      await expectOnly('action_item_overdue', [donorOfficer]);
      // Users are Ukrainian-speaking by default: the item's Ukrainian text.
      expect((await h.ofKind(donorOfficer, 'action_item_overdue'))[0]).toMatchObject({ params: { item: 'Надіслати перелік генераторів', due: '2025-01-10' } });
      const item = meeting.actionItems[0];
      await h.call('PATCH', `/api/v1/action-items/${item?.id}`, kharkivCoordinator.headers, { status: 'done', version: item?.version });
      expect((await h.checks()).overdue).toBe(0);
      expect(await h.testDb.database.db.selectFrom('notification_conditions').select('key').where('key', 'like', 'overdue:%').execute()).toEqual([]);
    });

    it('a status report returned reaches its reporter with the comment', async () => {
      const report = await h.call<{ id: string }>('POST', '/api/v1/status-reports', reporter.headers, { facilityId: dnipro, observedAt: '2025-02-01T09:00:00Z', buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid' });
      await h.call('POST', `/api/v1/status-reports/${report.id}/review`, dniproCoordinator.headers, { decision: 'return', comment: 'Power source says grid but outages were reported', version: 0 });
      await h.drain();
      await expectOnly('report_returned', [reporter]);
      expect((await h.ofKind(reporter, 'report_returned'))[0]).toMatchObject({ link: `/my-facility/${dnipro}`, params: { date: '2025-02-01', comment: 'Power source says grid but outages were reported' } });
    });

    it('an approved allocation plan reaches the coordinators of the facilities it assigns units to', async () => {
      await storeTestGenerators(h.testDb.database, Array.from({ length: 4 }, () => ({ ratingKva: 500, donorOrgId: donorOrg, warehouse: { name: 'Dnipro hub', lat: 48.45, lon: 35.0 } })));
      const plan = await h.call<Plan>('POST', '/api/v1/energy/plans', admin.headers, { timeLimitSeconds: 1 }, 201);
      const assigned = new Set(plan.assignments.map((a) => a.facilityId));
      expect(assigned.size).toBeGreaterThan(0);
      await h.call('POST', `/api/v1/energy/plans/${plan.id}/approve`, admin.headers, { version: plan.version });
      await h.drain();
      const told = [...(assigned.has(dnipro) ? [dniproCoordinator] : []), ...(assigned.has(kharkiv) ? [kharkivCoordinator] : [])];
      await expectOnly('plan_approved', told);
      const mine = plan.assignments.filter((a) => a.facilityId === (told[0] === dniproCoordinator ? dnipro : kharkiv));
      expect((await h.ofKind(told[0] as TestUser, 'plan_approved'))[0]).toMatchObject({ link: '/energy', params: { units: mine.length, facilities: 1 } });
    });

    it('a user outside every scope was told nothing at all', async () => {
      const inbox = await h.inbox(outsider);
      expect(inbox.items).toEqual([]);
      expect(inbox.unreadCount).toBe(0);
    });
  });
}
