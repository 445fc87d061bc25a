import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { applyMoves, type MoveInput } from './ledger.service.js';
import type { Product } from './products.schema.js';
import type { MonthsOfStockAlerts, Replenishment } from './replenishment.schema.js';
import type { Shipment } from './shipments.schema.js';
import { createShipment, daysFromNow, facilityLocation, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, type Headers } from './supply.testkit.js';
import { withTransaction } from '../../db/transaction.js';

const ctx = systemContext('test');
const AS_OF = '2026-06-01'; // window: 2026-03-03 … 2026-05-31 (90 days)

for (const dialect of DIALECTS) {
  describe(`replenishment on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: Headers;
    let facilityId = '';
    let otherFacilityId = '';
    const product: Record<'P' | 'Q' | 'R' | 'S', Product> = {} as Record<'P' | 'Q' | 'R' | 'S', Product>;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      const donor = await makeDonor(app, admin);
      const warehouse = (await makeWarehouse(app, admin)).id;
      const newFacility = async () => (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility() })).json<{ id: string }>().id;
      facilityId = await newFacility();
      otherFacilityId = await newFacility();
      const clinic = (await facilityLocation(app, admin, facilityId)).id;
      for (const [key, name] of [['P', 'Paracetamol 500 mg'], ['Q', 'Quetiapine 25 mg'], ['R', 'Ringer lactate'], ['S', 'Salbutamol inhaler']] as const) product[key] = await makeProduct(app, admin, { name, inn: name.split(' ')[0]?.toLowerCase() ?? name });
      // Stock arrives at the warehouse today; the facility's ledger below is dated in the past (the ledger writer takes the time).
      const moving = await markInTransit(app, admin, await createShipment(app, admin, notice(donor.id, warehouse, Object.values(product).map((p, i) => ({ productId: p.id, quantity: 200, lotCode: `REP${i}`, expiry: monthsFromNow(30) })))));
      const receipt = await app.inject({ method: 'POST', url: `/api/v1/shipments/${moving.id}/receipts`, headers: admin, payload: { version: moving.version, entries: moving.lines.map((l: Shipment['lines'][number]) => ({ lineId: l.id, quantity: 200 })) } });
      expect(receipt.statusCode, receipt.body).toBe(201);
      const lots = new Map((await app.inject({ url: '/api/v1/lots?limit=50', headers: admin })).json<{ items: { id: string; productId: string }[] }>().items.map((l) => [l.productId, l.id]));
      const move = async (key: keyof typeof product, day: string, kind: MoveInput['kind'], quantity: number, reversesId?: string) => {
        const p = product[key];
        const into = kind === 'dispatch' ? { from: warehouse, to: clinic } : kind === 'reversal' ? { from: null, to: clinic } : { from: clinic, to: null };
        const [row] = await withTransaction(testDb.database, (trx) => applyMoves(trx, ctx, [{ kind, lotId: lots.get(p.id) as string, productId: p.id, ...into, quantity, reason: 'test ledger', reversesId: reversesId ?? null }], `${day}T10:00:00.000Z`));
        return row?.id as string;
      };
      // P: 100 in, consumed 30 + 40 + 30 (out of stock 21 April – 9 May: 19 days), 62 in, 2 damaged (a loss, not consumption), 12 consumed; 6 more after asOf.
      await move('P', '2026-02-15', 'dispatch', 100);
      await move('P', '2026-03-10', 'consumption', 30);
      await move('P', '2026-04-01', 'consumption', 40);
      await move('P', '2026-04-20', 'consumption', 30);
      await move('P', '2026-05-10', 'dispatch', 62);
      await move('P', '2026-05-15', 'damage', 2);
      await move('P', '2026-05-20', 'consumption', 12);
      await move('P', '2026-06-03', 'consumption', 6);
      // Q: 50 in before the window, a consumption of 10 entered by mistake and reversed, 45 consumed.
      await move('Q', '2026-02-01', 'dispatch', 50);
      const mistake = await move('Q', '2026-03-05', 'consumption', 10);
      await move('Q', '2026-03-06', 'reversal', 10, mistake);
      await move('Q', '2026-03-15', 'consumption', 45);
      // R: used up before the window: out of stock all 90 days.
      await move('R', '2026-02-01', 'dispatch', 10);
      await move('R', '2026-02-10', 'consumption', 10);
      // S: recent, for today's alerts: 100 in 30 days ago, 90 consumed 20 days ago.
      await move('S', daysFromNow(-30), 'dispatch', 100);
      await move('S', daysFromNow(-20), 'consumption', 90);
      // 20 of P on a planned shipment to the facility: on order.
      await createShipment(app, admin, notice(donor.id, clinic, [{ productId: product.P.id, quantity: 20, lotCode: 'REPNEXT', expiry: monthsFromNow(30) }]));
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('computes average monthly consumption, months of stock, stock-out days and the suggested order as by hand', async () => {
      const res = await app.inject({ url: `/api/v1/replenishment?facilityId=${facilityId}&asOf=${AS_OF}`, headers: admin });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json<Replenishment>();
      expect(r).toMatchObject({ asOf: AS_OF, window: { from: '2026-03-03', to: '2026-05-31' }, maxMonths: 3, minMonths: 1 });
      const line = (p: Product) => r.items.find((i) => i.productId === p.id);
      // P: consumed 112 over 90 − 19 = 71 days in stock → 112 × 30 / 71 = 47.32 a month; 48 on hand → 1.01 months;
      // order up to 3 months: 3 × 47.3239 − 48 − 20 on order = 73.97 → 74.
      expect(line(product.P)).toMatchObject({ onHand: 48, onOrder: 20, consumed: 112, stockOutDays: 19, averageMonthlyConsumption: 47.32, monthsOfStock: 1.01, suggestedQuantity: 74, belowMinimum: false });
      // Q: the reversed 10 is not consumption: 45 × 30 / 90 = 15 a month; 5 on hand → 0.33 months, under the minimum; order 45 − 5 = 40.
      expect(line(product.Q)).toMatchObject({ onHand: 5, onOrder: 0, consumed: 45, stockOutDays: 0, averageMonthlyConsumption: 15, monthsOfStock: 0.33, suggestedQuantity: 40, belowMinimum: true });
      // R: out of stock the whole window: consumption unknown, nothing suggested.
      expect(line(product.R)).toMatchObject({ onHand: 0, consumed: 0, stockOutDays: 90, averageMonthlyConsumption: null, monthsOfStock: null, suggestedQuantity: 0, belowMinimum: false });
    });

    it('alerts on products under the minimum months of stock today, and shows a facility only to those who see its stock', async () => {
      const alerts = (await app.inject({ url: '/api/v1/stock/alerts/months-of-stock', headers: admin })).json<MonthsOfStockAlerts>();
      // S: 90 consumed in the 30 days it was there (the 60 days before it arrived had none, and are left out)
      // → 90 × 30 / 30 = 90 a month; 10 on hand → 0.11 months.
      expect(alerts.items.map((i) => [i.productName, i.facilityId, i.stockOutDays, i.averageMonthlyConsumption, i.monthsOfStock])).toEqual([[product.S.name, facilityId, 60, 90, 0.11]]);

      const reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [facilityId] })).headers;
      const own = await app.inject({ url: `/api/v1/replenishment?facilityId=${facilityId}&asOf=${AS_OF}`, headers: reporter });
      expect(own.statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/stock/alerts/months-of-stock', headers: reporter })).json<MonthsOfStockAlerts>().items).toHaveLength(1);
      const otherReporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [otherFacilityId] })).headers;
      expect((await app.inject({ url: `/api/v1/replenishment?facilityId=${facilityId}`, headers: otherReporter })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/stock/alerts/months-of-stock', headers: otherReporter })).json<MonthsOfStockAlerts>().items).toEqual([]);
      const donorOfficer = (await userWithToken(testDb.database, 'donor_officer')).headers;
      expect((await app.inject({ url: `/api/v1/replenishment?facilityId=${facilityId}`, headers: donorOfficer })).statusCode).toBe(404);
      const bad = await app.inject({ url: `/api/v1/replenishment?facilityId=${facilityId}&asOf=2026-13-01`, headers: admin });
      expect(bad.statusCode).toBe(400);
    });
  });
}
