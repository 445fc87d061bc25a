import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A KoBo-style export: metadata columns we ignore, choice names as values, one column per service. */
const HEADER = ['start', '_uuid', 'facility_code', 'visit_date', 'building_condition', 'functionality', 'functionality_reasons', 'accessibility', 'power_source', 'outage_hours_7d', 'service_surgery', 'service_surgery_reasons', 'service_emergency', 'service_dialysis'];

type Result = { dryRun: boolean; rows: number; imported: number; errorCount: number; errors: { row: number; column: string; message: string }[] };

for (const dialect of DIALECTS) {
  describe(`status report import on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let lviv = '';
    let kharkiv = '';

    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'status_reports' | 'facility_status_current' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { reports: await n('status_reports'), current: await n('facility_status_current'), audit: await n('audit_events') };
    };
    const csv = (rows: string[][], header = HEADER) => [header, ...rows].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n') + '\n';
    const upload = async (payload: string | Buffer, query = '', type = 'text/csv', headers = coordinator) =>
      app.inject({ method: 'POST', url: `/api/v1/status-reports/import${query}`, headers: { ...headers, 'content-type': type }, payload });
    const row = (code: string, date: string, overrides: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] => {
      const base: Record<string, string> = { start: '2025-03-01T09:12:00+02:00', _uuid: `${code}/${date}`, facility_code: code, visit_date: date, building_condition: 'slightly_damaged', functionality: 'partially', functionality_reasons: 'staff supplies', accessibility: 'fully', power_source: 'generator', outage_hours_7d: '12,5', service_surgery: 'partially', service_surgery_reasons: 'staff', service_emergency: 'available', service_dialysis: 'not_normally_provided', ...overrides };
      return HEADER.map((h) => base[h] ?? '');
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = await userWithToken(testDb.database, 'admin');
      coordinator = (await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] })).headers;
      const make = async (area: string, code: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: area, code }) });
        return res.json<{ id: string }>().id;
      };
      lviv = await make(LVIV, `IMP-L-${dialect}`);
      kharkiv = await make(KHARKIV, `IMP-K-${dialect}`);
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('imports a good KoBo-style file, dry run first, and keeps the current status', async () => {
      const file = csv([row(`IMP-L-${dialect}`, '2025-03-01'), row(`IMP-L-${dialect}`, '2025-03-08', { functionality: 'fully', functionality_reasons: '' })]);
      const before = await counts();
      const dry = await upload(file, '?dryRun=true');
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json<Result>()).toEqual({ dryRun: true, rows: 2, imported: 0, alreadyImported: 0, errorCount: 0, errors: [] });
      expect(await counts()).toEqual(before);
      const res = await upload(file);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Result>()).toMatchObject({ dryRun: false, rows: 2, imported: 2 });
      const after = await counts();
      expect(after).toEqual({ reports: before.reports + 2, current: before.current + 1, audit: before.audit + 2 });
      const status = (await app.inject({ url: `/api/v1/facilities/${lviv}/status`, headers: coordinator })).json<{ report: { observedAt: string; functionality: string; outageHours7d: number; services: { code: string; status: string; reasons: string[] }[] } }>().report;
      expect(status).toMatchObject({ observedAt: '2025-03-08T00:00:00.000Z', functionality: 'fully', outageHours7d: 12.5 });
      expect(status.services).toContainEqual({ code: 'surgery', status: 'partially', reasons: ['staff'] });
      // The same submissions again (same _uuid): nothing changes.
      const again = await upload(file);
      expect(again.json<Result>()).toMatchObject({ imported: 0, alreadyImported: 2, errorCount: 0 });
      expect(await counts()).toEqual(after);
      // The same visits under other submission keys would count twice: refused, naming the rows.
      const copy = csv([row(`IMP-L-${dialect}`, '2025-03-01', { _uuid: 'copy-1' }), row(`IMP-L-${dialect}`, '2025-03-08', { _uuid: 'copy-2' })]);
      const twice = await upload(copy);
      expect(twice.statusCode).toBe(400);
      expect(twice.json<{ rowErrors: { row: number; column: string }[] }>().rowErrors).toEqual([expect.objectContaining({ row: 2, column: 'visit_date' }), expect.objectContaining({ row: 3, column: 'visit_date' })]);
      // A known submission key with another visit is refused, not silently skipped.
      const changed = await upload(csv([row(`IMP-L-${dialect}`, '2025-03-09', { _uuid: `IMP-L-${dialect}/2025-03-01` })]));
      expect(changed.json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors).toEqual([{ row: 2, column: '_uuid', message: 'this submission was imported before for another facility or time; a correction is a new submission' }]);
      expect(await counts()).toEqual(after);
    });

    it('names every bad row by row, column and reason, and writes nothing', async () => {
      const code = `IMP-L-${dialect}`;
      const file = csv([
        row(code, '2025-04-01'),
        row(code, '2025-04-02', { functionality: 'sort_of' }),
        row(code, 'yesterday', { service_surgery: 'mostly' }),
        row('NO-SUCH', '2025-04-03'),
        row(`IMP-K-${dialect}`, '2025-04-03'),
        row(code, '2025-04-04', { service_dialysis: 'available', service_surgery_reasons: 'bad_luck' }),
        row(code, '2025-04-05', { outage_hours_7d: 'lots', power_source: '' }),
        row(code, '2025-04-01', { _uuid: 'another-key' }),
      ]);
      const before = await counts();
      const res = await upload(file);
      expect(res.statusCode).toBe(400);
      const errors = res.json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors;
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [3, 'functionality'],
        [4, 'visit_date'],
        [4, 'service_surgery'],
        [5, 'facility_code'],
        [6, 'facility_code'],
        [7, 'service_surgery_reasons'],
        [8, 'power_source'],
        [8, 'outage_hours_7d'],
        [9, 'visit_date'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])));
      const message = (r: number, c: string) => errors.find((e) => e.row === r && e.column === c)?.message ?? '';
      expect(message(3, 'functionality')).toContain('"sort_of" is not one of: fully, partially, not_functioning');
      expect(message(5, 'facility_code')).toContain('NO-SUCH');
      expect(message(6, 'facility_code')).toContain('outside the facilities and areas you report for');
      expect(message(8, 'power_source')).toBe('is required');
      expect(message(9, 'visit_date')).toContain('row 2');
      expect(await counts()).toEqual(before);
      // The dry run lists the same problems without refusing.
      const dry = (await upload(file, '?dryRun=true')).json<Result>();
      expect(dry).toMatchObject({ dryRun: true, rows: 8, imported: 0, errorCount: errors.length });
      // A service the facility does not offer must be "not normally provided": checked by the API's own rule.
      const offered = await upload(csv([row(code, '2025-04-06', { service_dialysis: 'available' })]));
      expect(offered.json<{ rowErrors: { column: string; message: string }[] }>().rowErrors).toEqual([{ row: 2, column: 'service_dialysis', message: 'must be not_normally_provided: the facility does not offer dialysis' }]);
      expect(await counts()).toEqual(before);
    });

    it('applies a column mapping, and refuses a bad mapping or a missing required column', async () => {
      const mapping = { facilityCode: 'Код закладу', observedAt: 'Дата', buildingCondition: 'Будівля', functionality: 'Робота', accessibility: 'Доступ', powerSource: 'Живлення', 'services.surgery': 'Хірургія' };
      const header = ['Код закладу', 'Дата', 'Будівля', 'Робота', 'Доступ', 'Живлення', 'Хірургія'];
      const file = csv([[`IMP-L-${dialect}`, '2025-05-01T10:00:00+03:00', 'not_damaged', 'fully', 'fully', 'grid', 'available']], header);
      const q = (m: unknown) => `?mapping=${encodeURIComponent(JSON.stringify(m))}`;
      const before = await counts();
      const res = await upload(file, q(mapping));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Result>().imported).toBe(1);
      const stored = (await app.inject({ url: `/api/v1/status-reports?facility=${lviv}&from=2025-05-01&to=2025-05-01`, headers: coordinator })).json<{ items: { observedAt: string; services: { code: string; status: string }[] }[] }>().items;
      expect(stored).toEqual([expect.objectContaining({ observedAt: '2025-05-01T07:00:00.000Z', services: [{ code: 'surgery', status: 'available', reasons: [] }] })]);
      expect((await counts()).reports).toBe(before.reports + 1);
      // Without the mapping the file's headers mean nothing to us.
      const unmapped = await upload(file);
      expect(unmapped.json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors.map((e) => [e.row, e.column])).toEqual([[1, 'facility_code'], [1, 'visit_date'], [1, 'building_condition'], [1, 'functionality'], [1, 'accessibility'], [1, 'power_source']]);
      const badKey = await upload(file, q({ ...mapping, colour: 'Колір' }));
      expect(badKey.statusCode).toBe(400);
      expect(badKey.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/mapping/colour']);
      const missing = await upload(file, q({ ...mapping, water: 'Вода' }));
      expect(missing.json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors).toEqual([{ row: 1, column: 'Вода', message: 'mapped to water, but the file has no such column' }]);
      expect((await upload(file, '?mapping=%7Bnot-json')).json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/query/mapping');
      expect((await counts()).reports).toBe(before.reports + 1);
    });

    it('reads XLSX, with date cells, and refuses a bad content type or an unreadable file', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('data');
      sheet.addRow(HEADER);
      const r = row(`IMP-L-${dialect}`, '');
      sheet.addRow(HEADER.map((h, i) => (h === 'visit_date' ? new Date(Date.UTC(2025, 5, 2)) : h === 'outage_hours_7d' ? 7 : r[i])));
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const before = await counts();
      const res = await upload(buffer, '', XLSX);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Result>()).toMatchObject({ rows: 1, imported: 1 });
      const status = (await app.inject({ url: `/api/v1/facilities/${lviv}/status?asOf=2025-06-02`, headers: coordinator })).json<{ report: { observedAt: string; outageHours7d: number } }>().report;
      expect(status).toMatchObject({ observedAt: '2025-06-02T00:00:00.000Z', outageHours7d: 7 });
      expect((await counts()).reports).toBe(before.reports + 1);
      expect((await upload(Buffer.from('not a zip'), '', XLSX)).statusCode).toBe(400);
      expect((await upload('{}', '', 'application/json')).statusCode).toBe(400);
      const analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      expect((await upload(csv([]), '', 'text/csv', analyst)).statusCode).toBe(403);
      expect((await counts()).reports).toBe(before.reports + 1);
      expect(kharkiv).not.toBe('');
    });
  });
}
