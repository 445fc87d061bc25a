import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { csvLine } from '../../io/csv.js';
import { inPlace } from '../../io/import-run.js';
import { importFacilities } from './facilities.import.js';
import { IMPORT_COLUMNS } from './facilities.columns.js';

const HEADER = csvLine([...IMPORT_COLUMNS]);
const goodRow = (i: number, prefix: string) =>
  csvLine([`${prefix}-${i}`, `Лікарня ${i}`, `Hospital ${i}`, 'ambulatory', 'primary', 'communal', i % 2 === 0 ? 'UA-46' : 'UA63000000000041885', 49 + (i % 100) / 100, 30 + (i % 50) / 100, i % 40, 10, 'general_clinical;pharmacy', '2001-05-01']);

for (const dialect of DIALECTS) {
  describe(`facility import on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    const facilityCount = async () => Number((await testDb.database.db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const auditCount = async () => Number((await testDb.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('reports exactly the 3 bad rows among 1,000 (row, column, reason) and writes nothing', async () => {
      const lines = [HEADER];
      for (let i = 0; i < 1000; i++) lines.push(goodRow(i, 'BAD3'));
      // Spreadsheet numbering: header is row 1, so data row i is row i + 2.
      lines[1 + 10] = csvLine(['BAD3-10', 'Лікарня', 'Hospital', 'castle', 'primary', 'communal', 'UA-46', 49.5, 30.5, 1, 1, '', '']);
      lines[1 + 500] = csvLine(['BAD3-500', 'Лікарня', 'Hospital', 'ambulatory', 'primary', 'communal', 'UA-46', 'north', 30.5, 1, 1, '', '']);
      lines[1 + 999] = csvLine(['BAD3-999', 'Лікарня', 'Hospital', 'ambulatory', 'primary', 'communal', 'UA-99', 49.5, 30.5, 1, 1, '', '']);
      const before = { facilities: await facilityCount(), audit: await auditCount() };
      const res = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...coordinator, 'content-type': 'text/csv' }, payload: lines.join('') });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ rowErrors: { row: number; column: string; message: string }[] }>();
      expect(body.rowErrors.map((e) => [e.row, e.column])).toEqual([[12, 'type'], [502, 'lat'], [1001, 'area']]);
      expect(body.rowErrors[2]?.message).toContain('UA-99');
      expect({ facilities: await facilityCount(), audit: await auditCount() }).toEqual(before);

      const dry = await app.inject({ method: 'POST', url: '/api/v1/facilities/import?dryRun=true', headers: { ...coordinator, 'content-type': 'text/csv' }, payload: lines.join('') });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ dryRun: true, rows: 1000, imported: 0, errorCount: 3 });
      expect(await facilityCount()).toBe(before.facilities);
    });

    it('refuses duplicate codes within the file and against the registry, unknown and missing columns', async () => {
      const dup = HEADER + goodRow(1, 'DUP') + goodRow(1, 'DUP');
      const r1 = await importFacilities(testDb.database, systemContext('t'), Readable.from([dup]), 'csv', { dryRun: true });
      expect(r1.errors).toEqual([{ row: 3, column: 'code', message: 'duplicate of row 2' }]);
      const r2 = await importFacilities(testDb.database, systemContext('t'), Readable.from(['code,name_uk,colour\nX1,А,red\n']), 'csv', { dryRun: true });
      expect(r2.errors.filter((e) => e.row === 1).map((e) => e.column).sort()).toEqual(['area', 'colour', 'lat', 'lon', 'name_en', 'ownership', 'tier', 'type']);
    });

    it('imports 30,000 rows from CSV in one go, and a second run of the same file is refused whole', async () => {
      const rows = [HEADER];
      for (let i = 0; i < 30000; i++) rows.push(goodRow(i, 'BIG'));
      const before = await facilityCount();
      const progress: string[] = [];
      const run = inPlace(testDb.database, (done, total, phase) => progress.push(`${phase} ${done}/${total ?? '?'}`));
      const result = await importFacilities(testDb.database, systemContext('t'), Readable.from(rows), 'csv', { dryRun: false, run });
      expect(result).toMatchObject({ rows: 30000, imported: 30000, errorCount: 0 });
      // Rows checked as reading goes (total unknown until the end), in whole hundreds and rising, then written in steps of a thousand.
      const checked = progress.filter((p) => p.startsWith('checking') && p.endsWith('/?')).map((p) => Number(p.replace(/^checking (\d+)\/\?$/, '$1')));
      expect(checked.length).toBeGreaterThanOrEqual(2);
      expect(checked.every((n, i) => n % 100 === 0 && n > (checked[i - 1] ?? 0))).toBe(true);
      expect(progress).toContain('checking 30000/30000');
      expect(progress.filter((p) => p.startsWith('writing'))).toEqual(Array.from({ length: 31 }, (_, i) => `writing ${i * 1000}/30000`));
      expect(await facilityCount()).toBe(before + 30000);
      await expect(importFacilities(testDb.database, systemContext('t'), Readable.from(rows), 'csv', { dryRun: false })).rejects.toMatchObject({ code: 'import_failed' });
      expect(await facilityCount()).toBe(before + 30000);
    }, 180_000);

    it('imports XLSX with Cyrillic, and the CSV export imports back after removing the codes', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Лист1');
      sheet.addRow([...IMPORT_COLUMNS]);
      sheet.addRow(['XL-1', 'Лікарня «Надія»', 'Hope hospital', 'maternity', 'secondary', 'communal', 'UA-05', 49.2, 28.4, 80, 120, 'obstetrics;neonatal', '1999-01-01']);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...coordinator, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: buffer });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ imported: 1 });
      const found = await app.inject({ headers: coordinator, url: `/api/v1/facilities?q=${encodeURIComponent('надія')}` });
      expect(found.json<{ items: { nameUk: string; services: string[] }[] }>().items[0]).toMatchObject({ nameUk: 'Лікарня «Надія»', services: ['obstetrics', 'neonatal'] });

      const exported = await app.inject({ url: '/api/v1/facilities/export?format=csv&area=UA-05', headers: coordinator });
      const reimport = exported.body.replace(/XL-1/g, 'XL-2');
      const again = await app.inject({ method: 'POST', url: '/api/v1/facilities/import?dryRun=true', headers: { ...coordinator, 'content-type': 'text/csv' }, payload: reimport });
      expect(again.json()).toMatchObject({ rows: 1, errorCount: 0 });
    });

    it('refuses imports from roles that may not edit, and unreadable files with a clear message', async () => {
      const analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      const denied = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...analyst, 'content-type': 'text/csv' }, payload: HEADER });
      expect(denied.statusCode).toBe(403);
      const broken = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...coordinator, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: Buffer.from('not a zip') });
      expect(broken.statusCode).toBe(400);
      expect(broken.json<{ detail: string }>().detail).toContain('XLSX');
      const wrongType = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...coordinator, 'content-type': 'application/json' }, payload: '{}' });
      expect(wrongType.statusCode).toBe(400);
    });
  });
}
