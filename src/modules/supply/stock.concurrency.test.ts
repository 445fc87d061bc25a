import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { openDatabase, type Database } from '../../db/database.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { AppError } from '../../errors.js';
import { reconcileStock } from './ledger.service.js';
import { dispatchStock } from './stock.service.js';
import { createShipment, facilityLocation, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice, onHand, type Headers } from './supply.testkit.js';

/**
 * Two dispatches race for the last units of a lot: exactly one may win. Once through the HTTP API
 * (parallel requests), and once through two separate database connections.
 */
for (const dialect of DIALECTS) {
  describe(`racing dispatches on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let officer: Headers;
    let productId = '';
    let warehouseId = '';
    let clinicId = '';

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = (await userWithToken(testDb.database, 'admin')).headers;
      officer = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      const donor = await makeDonor(app, admin);
      productId = (await makeProduct(app, officer)).id;
      warehouseId = (await makeWarehouse(app, officer)).id;
      const facility = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility() })).json<{ id: string }>();
      clinicId = (await facilityLocation(app, officer, facility.id)).id;
      void donor;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    /** A fresh lot with `units` in the warehouse. */
    async function stockLot(units: number): Promise<string> {
      const donor = await makeDonor(app, (await userWithToken(testDb.database, 'admin')).headers);
      const s = await markInTransit(app, officer, await createShipment(app, officer, notice(donor.id, warehouseId, [{ productId, quantity: units, lotCode: `RACE${Date.now() % 1e6}`, expiry: monthsFromNow(24) }])));
      const res = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/receipts`, headers: officer, payload: { version: s.version, entries: [{ lineId: s.lines[0]?.id, quantity: units }] } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ lotIds: string[] }>().lotIds[0] as string;
    }

    const dispatch = (lotId: string, quantity: number) => ({ fromLocationId: warehouseId, toLocationId: clinicId, productId, quantity, lots: [{ lotId, quantity }] });

    it('parallel HTTP requests: one dispatch of the last 6 units wins, the other is refused', async () => {
      const lotId = await stockLot(10);
      const results = await Promise.all([1, 2].map(() => app.inject({ method: 'POST', url: '/api/v1/stock/dispatches', headers: officer, payload: dispatch(lotId, 6) })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)?.json<{ detail: string }>().detail).toContain('has 4, the move needs 6');
      expect(await onHand(app, officer, warehouseId, lotId)).toBe(4);
      expect(await onHand(app, officer, clinicId, lotId)).toBe(6);
      expect((await reconcileStock(testDb.database)).ok).toBe(true);
    });

    it('two database connections: one dispatch wins, the other is refused, the balance never goes below zero', async () => {
      const lotId = await stockLot(5);
      const connections: Database[] = [1, 2].map(() => (dialect === 'sqlite' ? openDatabase({ url: testDb.url, kind: 'sqlite', sqlitePath: testDb.url.slice('sqlite:'.length) }) : openDatabase({ url: testDb.url, kind: 'postgres', poolSize: 1 })));
      try {
        const outcomes = await Promise.allSettled(connections.map((db) => dispatchStock(db, systemContext('race'), dispatch(lotId, 5))));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const loser = outcomes.find((o) => o.status === 'rejected');
        // Refused as short stock (it waited for the lock) or turned away by the lock itself (SQLite's busy
        // timeout: the HTTP layer answers that with 503 and a retry hint); never half applied.
        expect(loser?.status === 'rejected' && ((loser.reason instanceof AppError && loser.reason.code === 'conflict') || isDatabaseUnavailable(loser.reason))).toBe(true);
      } finally {
        await Promise.all(connections.map((c) => c.close()));
      }
      expect(await onHand(app, officer, warehouseId, lotId)).toBe(0);
      expect(await onHand(app, officer, clinicId, lotId)).toBe(5);
      expect((await reconcileStock(testDb.database)).ok).toBe(true);
    }, 30_000);
  });
}
