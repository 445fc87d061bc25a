import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { carebridge as runCli, type CliResult } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { createShipment, freshGtin, makeDonor, makeProduct, makeWarehouse, markInTransit, monthsFromNow, notice } from './supply.testkit.js';


/** The real `carebridge` command in a child process. */
async function carebridge(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  return runCli({ DATABASE_URL: databaseUrl }, args);
}

for (const dialect of DIALECTS) {
  describe(`supply commands on ${dialect}`, () => {
    let testDb: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-supply-'));
    });
    afterAll(async () => {
      await testDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const products = async () => Number((await testDb.database.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('imports products from a file, all rows or none', async () => {
      const file = path.join(dir, 'products.csv');
      fs.writeFileSync(file, `kind;name;inn;atc_code;unit;pack_size;gtin;essential\nmedicine;Ibuprofen 200 mg;ibuprofen;M01AE01;pack;24;${freshGtin()};yes\nmedicine;No INN;;;pack;1;;no\n`);
      const bad = await carebridge(testDb.url, 'import', 'products', file);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('row 3, column inn');
      expect(await products()).toBe(0);
      fs.writeFileSync(file, `kind;name;inn;atc_code;unit;pack_size;gtin;essential\nmedicine;Ibuprofen 200 mg;ibuprofen;M01AE01;pack;24;${freshGtin()};yes\n`);
      const dry = await carebridge(testDb.url, 'import', 'products', file, '--dry-run');
      expect(dry.stdout).toContain('Dry run: 1 rows, 0 problem(s)');
      expect(await products()).toBe(0);
      const ok = await carebridge(testDb.url, 'import', 'products', file);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('Imported 1 products');
      expect(await products()).toBe(1);
    }, 60_000);

    it('stock reconcile exits 0 when balances equal the ledger and 1 naming the location and lot otherwise', async () => {
      const app = await appFor(testDb);
      try {
        const admin = (await userWithToken(testDb.database, 'admin')).headers;
        const donor = await makeDonor(app, admin);
        const warehouse = await makeWarehouse(app, admin);
        const product = await makeProduct(app, admin);
        const s = await markInTransit(app, admin, await createShipment(app, admin, notice(donor.id, warehouse.id, [{ productId: product.id, quantity: 9, lotCode: 'REC1', expiry: monthsFromNow(20) }])));
        const r = await app.inject({ method: 'POST', url: `/api/v1/shipments/${s.id}/receipts`, headers: admin, payload: { version: s.version, entries: [{ lineId: s.lines[0]?.id, quantity: 9 }] } });
        expect(r.statusCode).toBe(201);
        const good = await carebridge(testDb.url, 'stock', 'reconcile');
        expect(good.code, good.stderr).toBe(0);
        expect(good.stdout).toMatch(/Stock reconciles: 1 balances equal the sums of 1 ledger moves/);
        const lotId = r.json<{ lotIds: string[] }>().lotIds[0] as string;
        await testDb.database.db.updateTable('stock_balances').set({ quantity: 8 }).where('lot_id', '=', lotId).execute();
        const bad = await carebridge(testDb.url, 'stock', 'reconcile');
        expect(bad.code).toBe(1);
        expect(bad.stderr).toContain(`location ${warehouse.id}, lot ${lotId}: balance 8, ledger 9`);
      } finally {
        await app.close();
      }
    }, 60_000);
  });
}
