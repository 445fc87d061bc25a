import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { loadNationalLedger } from '../../demo/demo-supply-national.js';
import { Random } from '../../demo/random.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import { reconcileStock } from './ledger.service.js';
import { makeDonor } from './supply.testkit.js';

/** The national bulk loader, at a small size: its ledger must reconcile and never hold a negative balance. */
for (const dialect of DIALECTS) {
  describe(`national supply loader on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('writes about the target number of moves, consistent with the balances', async () => {
      const admin = (await userWithToken(testDb.database, 'admin')).headers;
      await makeDonor(app, admin, 'Donor A');
      await makeDonor(app, admin, 'Donor B');
      for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility() })).statusCode).toBe(201);
      const facilities: FacilityRow[] = await testDb.database.db.selectFrom('facilities').selectAll().execute();
      await loadNationalLedger(testDb.database, systemContext('demo'), new Random(3), facilities, { products: 40, lots: 100, targetMoves: 20_000 });
      const verdict = await reconcileStock(testDb.database);
      expect(verdict.ok).toBe(true);
      expect(verdict.moves).toBeGreaterThan(18_000);
      expect(verdict.moves).toBeLessThan(22_000);
      const negative = await testDb.database.db.selectFrom('stock_balances').select('lot_id').where('quantity', '<', 0).execute();
      expect(negative).toEqual([]);
      const counts = await testDb.database.db.selectFrom('locations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(counts.n)).toBe(27 + 5);
    }, 120_000);
  });
}
