import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import type { Product } from './products.schema.js';
import { freshGtin, makeProduct, type Headers } from './supply.testkit.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

for (const dialect of DIALECTS) {
  describe(`product catalogue on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let officer: Headers;
    let analyst: Headers;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      officer = (await userWithToken(testDb.database, 'warehouse_officer')).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const count = async () => Number((await testDb.database.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const importCsv = (csv: string, dryRun = false) => app.inject({ method: 'POST', url: `/api/v1/products/import${dryRun ? '?dryRun=true' : ''}`, headers: { ...officer, 'content-type': 'text/csv' }, payload: csv });

    it('creates, reads, searches, updates and deletes a product; GTIN-13 is stored as GTIN-14', async () => {
      const created = await makeProduct(app, officer, { gtin: '6291041500213' });
      expect(created).toMatchObject({ gtin: '06291041500213', essential: true, inn: 'amoxicillin', atcCode: 'J01CA04' });
      const found = (await app.inject({ method: 'GET', url: '/api/v1/products?q=J01CA', headers: analyst })).json<{ items: Product[] }>();
      expect(found.items.map((p) => p.id)).toContain(created.id);
      const patched = await app.inject({ method: 'PATCH', url: `/api/v1/products/${created.id}`, headers: officer, payload: { version: 1, strength: '250 mg' } });
      expect(patched.json<Product>()).toMatchObject({ strength: '250 mg', version: 2, gtin: '06291041500213' });
      const stale = await app.inject({ method: 'PATCH', url: `/api/v1/products/${created.id}`, headers: officer, payload: { version: 1, strength: '1 g' } });
      expect(stale.statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: '/api/v1/products', headers: analyst, payload: {} })).statusCode).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/products/${created.id}`, headers: officer, payload: { version: 2 } })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: `/api/v1/products/${created.id}`, headers: officer })).statusCode).toBe(404);
    });

    it('refuses a wrong GTIN check digit, a medicine without INN, a duplicate GTIN, and a bad ATC code, naming the field', async () => {
      const before = await count();
      const bad = await app.inject({ method: 'POST', url: '/api/v1/products', headers: officer, payload: { kind: 'medicine', name: 'X', unit: 'pack', packSize: 1, gtin: '6291041500214', essential: true } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
        { path: '/inn', message: expect.stringContaining('INN') as string },
        { path: '/gtin', message: 'GTIN 6291041500214 has a wrong check digit: 4 (expected 3)' },
      ]);
      const atc = await app.inject({ method: 'POST', url: '/api/v1/products', headers: officer, payload: { kind: 'medicine', name: 'X', inn: 'x', atcCode: 'J1', unit: 'pack', packSize: 1, essential: true } });
      expect(atc.statusCode).toBe(400);
      expect(atc.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/atcCode');
      const gtin = freshGtin();
      await makeProduct(app, officer, { gtin });
      const dup = await app.inject({ method: 'POST', url: '/api/v1/products', headers: officer, payload: { kind: 'consumable', name: 'Gauze', unit: 'roll', packSize: 1, gtin, essential: false } });
      expect(dup.statusCode).toBe(409);
      expect(await count()).toBe(before + 1);
    });

    it('imports CSV all-or-nothing: a dry run lists every row error, a real run with errors writes nothing', async () => {
      const g1 = freshGtin();
      const g2 = freshGtin();
      const good = `kind,name,inn,atc_code,form,strength,unit,pack_size,gtin,essential\nmedicine,Paracetamol 500 mg tablets,paracetamol,N02BE01,tablet,500 mg,pack,100,${g1},yes\nconsumable,Syringe 5 ml,,,,,piece,100,${g2},no\n`;
      const broken = `${good}medicine,Bad row,,J1X,tablet,1 mg,pack,zero,12345678,maybe\nmedicine,Dup,ibuprofen,M01AE01,tablet,200 mg,pack,10,${g1},yes\ndevice,Thing,,,,,unit,1,,no\n`;
      const before = await count();
      const dry = await importCsv(broken, true);
      expect(dry.statusCode).toBe(200);
      const report = dry.json<{ errors: { row: number; column: string; message: string }[]; errorCount: number }>();
      expect(report.errors).toEqual(
        expect.arrayContaining([
          { row: 4, column: 'atc_code', message: '"J1X" is not an ATC code (e.g. J01CA04)' },
          { row: 4, column: 'pack_size', message: '"zero" is not a whole number from 1' },
          { row: 4, column: 'essential', message: '"maybe" is not yes or no' },
          { row: 5, column: 'gtin', message: 'duplicate of row 2' },
          { row: 6, column: 'kind', message: '"device" is not one of: medicine, consumable, equipment, generator' },
        ]),
      );
      const real = await importCsv(broken);
      expect(real.statusCode).toBe(400);
      expect(real.json<{ rowErrors: unknown[] }>().rowErrors.length).toBe(report.errorCount);
      expect(await count()).toBe(before);
      const ok = await importCsv(good);
      expect(ok.json<{ imported: number }>().imported).toBe(2);
      expect(await count()).toBe(before + 2);
      // The same file again: its GTINs are now taken, so nothing more is written.
      const again = await importCsv(good);
      expect(again.statusCode).toBe(400);
      expect(again.json<{ rowErrors: { message: string }[] }>().rowErrors[0]?.message).toContain('already in the catalogue');
      expect(await count()).toBe(before + 2);
    });

    it('imports XLSX with the same columns and reports unknown columns', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('products');
      sheet.addRow(['kind', 'name', 'inn', 'atc_code', 'unit', 'pack_size', 'gtin', 'essential', 'colour']);
      sheet.addRow(['medicine', 'Metformin 500 mg', 'metformin', 'A10BA02', 'pack', 60, freshGtin(), 'так', 'red']);
      const body = Buffer.from(await book.xlsx.writeBuffer());
      const res = await app.inject({ method: 'POST', url: '/api/v1/products/import?dryRun=true', headers: { ...officer, 'content-type': XLSX }, payload: body });
      expect(res.json<{ errors: unknown[] }>().errors).toEqual([{ row: 1, column: 'colour', message: expect.stringContaining('unknown column') as string }]);
    });
  });
}
