import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { addMonths, checkDonationRules } from './donation-rules.js';
import type { Product } from './products.schema.js';
import type { RuleFinding, Shipment } from './shipments.schema.js';
import { createShipment, daysFromNow, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, type Headers } from './supply.testkit.js';

const LVIV = 'UA46000000000026241';

describe('donation rules (pure)', () => {
  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 14)).toBe('2027-01-15');
  });

  it('finds every rule at once and passes a clean notice', () => {
    const line = { lineNo: 1, productName: 'Amoxicillin', productKind: 'medicine', essential: true, lotCode: 'L1', expiry: '2027-01-01', need: null };
    const clean = { arrival: '2025-06-01', noticeReceivedAt: '2025-05-01T10:00:00Z', recipientAgreedOn: '2025-05-02', lines: [line], cartons: [{ cartonNo: 1, weightKg: '50' }] };
    expect(checkDonationRules(clean)).toEqual([]);
    const bad = checkDonationRules({ ...clean, noticeReceivedAt: null, recipientAgreedOn: null, lines: [{ ...line, expiry: '2026-05-31', essential: false }], cartons: [{ cartonNo: 7, weightKg: '50.001' }] });
    expect(bad.map((f) => f.rule).sort()).toEqual(['advance_notice', 'carton_weight', 'essential_list', 'need_or_agreement', 'shelf_life']);
    expect(bad.find((f) => f.rule === 'shelf_life')?.message).toContain('needs 2026-06-01 or later');
    expect(bad.find((f) => f.rule === 'carton_weight')).toMatchObject({ cartonNo: 7 });
    // Exactly the minimum shelf life passes; equipment has no shelf-life or essential-list check.
    expect(checkDonationRules({ ...clean, lines: [{ ...line, expiry: '2026-06-01' }] })).toEqual([]);
    expect(checkDonationRules({ ...clean, lines: [{ ...line, productKind: 'equipment', essential: false, expiry: '2025-07-01' }] })).toEqual([]);
    expect(checkDonationRules({ ...clean, lines: [{ ...line, expiry: '2026-01-01' }] }, { minShelfLifeMonths: 6, maxCartonKg: 50 })).toEqual([]);
  });
});

for (const dialect of DIALECTS) {
  describe(`donation rules over the API on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let officer: Headers;
    let coordinator: Headers;
    let donor: { id: string };
    let warehouse: { id: string };
    let essential: Product;
    let offList: Product;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      officer = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      donor = await makeDonor(app, admin);
      warehouse = await makeWarehouse(app, officer);
      essential = await makeProduct(app, officer);
      offList = await makeProduct(app, officer, { name: 'Branded cough syrup', inn: 'dextromethorphan', atcCode: 'R05DA09', essential: false });
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const receive = (s: Shipment, headers = officer) => app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/receipts`, headers, payload: { version: s.version, entries: s.lines.map((l) => ({ lineId: l.id, quantity: l.outstandingQuantity })) } });
    const rulesOf = (findings: RuleFinding[]) => [...new Set(findings.map((f) => f.rule))].sort();

    it('flags each violated rule on the notice, naming it, and refuses the receipt until a coordinator overrides', async () => {
      const s = await createShipment(app, officer, notice(donor.id, warehouse.id, [
        { productId: essential.id, quantity: 10, lotCode: 'SHORT', expiry: monthsFromNow(6) },
        { productId: offList.id, quantity: 5, lotCode: 'OFF', expiry: monthsFromNow(30) },
      ], { noticeReceivedAt: null, recipientAgreedOn: null, cartons: [{ cartonNo: 1, weightKg: '62.5', contents: [{ lineNo: 1, quantity: 10 }, { lineNo: 2, quantity: 5 }] }] }));
      expect(rulesOf(s.findings)).toEqual(['advance_notice', 'carton_weight', 'essential_list', 'need_or_agreement', 'shelf_life']);
      expect(s.findings.find((f) => f.rule === 'carton_weight')?.message).toContain('carton 1 weighs 62.5 kg, over the 50 kg');
      expect(s.findings.find((f) => f.rule === 'shelf_life')).toMatchObject({ lineNo: 1, overridden: false });

      const moving = await markInTransit(app, officer, s);
      const movesBefore = (await testDb.database.db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const refused = await receive(moving);
      expect(refused.statusCode).toBe(409);
      const body = refused.json<{ detail: string; errors: { path: string }[] }>();
      expect(body.detail).toContain('[shelf_life] Shelf life: line 1');
      expect(body.errors.map((e) => e.path).sort()).toEqual(['/rules/advance_notice', '/rules/carton_weight', '/rules/essential_list', '/rules/need_or_agreement', '/rules/need_or_agreement', '/rules/shelf_life']);
      expect((await testDb.database.db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(movesBefore);

      // A warehouse officer may not override: the route admits coordinators and admins only.
      const notAllowed = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/overrides`, headers: officer, payload: { rule: 'shelf_life', reason: 'urgent need at the front' } });
      expect(notAllowed.statusCode).toBe(403);
      let current = moving;
      for (const rule of ['shelf_life', 'essential_list', 'need_or_agreement', 'advance_notice', 'carton_weight']) {
        const res = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/overrides`, headers: coordinator, payload: { rule, reason: `accepted by the oblast: ${rule}` } });
        expect(res.statusCode, res.body).toBe(200);
        current = res.json<Shipment>();
      }
      expect(current.findings.every((f) => f.overridden)).toBe(true);
      const again = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/overrides`, headers: coordinator, payload: { rule: 'shelf_life', reason: 'twice is refused' } });
      expect(again.statusCode).toBe(409);
      const audit = await testDb.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'override_rule').where('entity_id', '=', s.id).execute();
      expect(audit).toHaveLength(5);
      expect(JSON.parse(audit[0]?.change ?? '{}')).toEqual({ rule: 'shelf_life', reason: 'accepted by the oblast: shelf_life' });
      expect(audit[0]?.actor).toContain('coordinator');
      const ok = await receive(current);
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('checks shelf life on receipt against the lot that actually arrived', async () => {
      const s = await markInTransit(app, officer, await createShipment(app, officer, notice(donor.id, warehouse.id, [{ productId: essential.id, quantity: 4, lotCode: 'GOOD', expiry: monthsFromNow(24) }])));
      expect(s.findings).toEqual([]);
      const res = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/receipts`, headers: officer, payload: { version: s.version, entries: [{ lineId: s.lines[0]?.id, quantity: 4, lotCode: 'OTHER', expiry: monthsFromNow(3) }] } });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ detail: string }>().detail).toMatch(/\[shelf_life\].*lot OTHER/);
    });

    it('accepts a line linked to an approved need and credits the need with what was received', async () => {
      const facility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>();
      const need = (await app.inject({ method: 'POST', url: '/api/v1/needs', headers: admin, payload: { facilityId: facility.id, category: 'medicine', specification: 'amoxicillin 500 mg', quantity: '30', unit: 'pack', priority: 'high' } })).json<{ id: string; version: number }>();
      const unapproved = await createShipment(app, officer, notice(donor.id, warehouse.id, [{ productId: essential.id, quantity: 12, lotCode: 'NEED1', expiry: monthsFromNow(24), needId: need.id }], { recipientAgreedOn: null }));
      expect(unapproved.findings.map((f) => f.message)).toEqual([expect.stringContaining('linked to a need that is not approved')]);
      expect((await app.inject({ method: 'POST', url: `/api/v1/needs/${need.id}/approve`, headers: admin, payload: { version: need.version } })).statusCode).toBe(200);
      const s = await markInTransit(app, officer, await createShipment(app, officer, notice(donor.id, warehouse.id, [{ productId: essential.id, quantity: 12, lotCode: 'NEED1', expiry: monthsFromNow(24), needId: need.id }], { recipientAgreedOn: null })));
      expect(s.findings).toEqual([]);
      expect((await receive(s)).statusCode).toBe(201);
      const row = await testDb.database.db.selectFrom('needs').selectAll().where('id', '=', need.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ quantity_delivered: '12', status: 'partially_met' });
    });

    it('reads the minimum shelf life from CAREBRIDGE_MIN_SHELF_LIFE_MONTHS', async () => {
      const lenient = await appFor(testDb, { CAREBRIDGE_MIN_SHELF_LIFE_MONTHS: '3' });
      try {
        const s = await createShipment(lenient, officer, notice(donor.id, warehouse.id, [{ productId: essential.id, quantity: 1, lotCode: 'SIXMO', expiry: monthsFromNow(6) }]));
        expect(s.findings).toEqual([]);
        const strict = await createShipment(app, officer, notice(donor.id, warehouse.id, [{ productId: essential.id, quantity: 1, lotCode: 'SIXMO2', expiry: monthsFromNow(6) }]));
        expect(rulesOf(strict.findings)).toEqual(['shelf_life']);
      } finally {
        await lenient.close();
      }
      expect(daysFromNow(1) > daysFromNow(0)).toBe(true);
    });
  });
}
