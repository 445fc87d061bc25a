import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { FacilityCreate } from '../facilities/facilities.schema.js';
import { createFacility } from '../facilities/facilities.service.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { importStatusReportsFile } from './status.import.command.js';

/** Written by tools/survey-generate-heram.ts: a HeRAMS-like XLSForm and 200 submissions as KoBo exports them. */
const DATA = path.resolve('test/data/survey');
const FORM = path.join(DATA, 'heram-form.xlsx');
const EXPORT = path.join(DATA, 'heram-export.xlsx');
const MAPPING = path.join(DATA, 'heram-mapping.json');
type Entry = string | { column: string; values: Record<string, string> };
const mapping = JSON.parse(fs.readFileSync(MAPPING, 'utf8')) as Record<string, Entry>;
const facilities = JSON.parse(fs.readFileSync(path.join(DATA, 'heram-facilities.json'), 'utf8')) as Pick<FacilityCreate, 'code' | 'nameEn' | 'nameUk' | 'type' | 'areaKatottg' | 'services'>[];
const ctx = systemContext('test');

/** The export's rows as KoBo wrote them: cell text by header. */
async function exportRows(): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXPORT);
  const sheet = wb.worksheets[0];
  if (sheet === undefined) throw new Error('no sheet');
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  sheet.eachRow((r, n) => {
    // The generator writes only text and numbers.
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, String((r.values as (string | number | undefined)[])[i + 1] ?? '')])));
  });
  return rows;
}
const recoded = (key: string, raw: string): string => {
  const e = mapping[key];
  return typeof e === 'object' ? (e.values[raw] ?? raw) : raw;
};
/** Part of the mapping, for a file with only some of the form's questions (a mapped column the file lacks is an error). */
const only = (...keys: string[]): Record<string, Entry> => Object.fromEntries(keys.map((k) => [k, mapping[k] ?? '']));
const columnOf = (key: string): string => {
  const e = mapping[key];
  return typeof e === 'object' ? e.column : (e ?? '');
};

for (const dialect of DIALECTS) {
  describe(`survey export (KoBo, with its XLSForm) import on ${dialect}`, () => {
    let testDb: TestDatabase;
    let dir = '';
    const counts = async () => {
      const db = testDb.database.db;
      const n = async (table: 'status_reports' | 'facility_status_current' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { reports: await n('status_reports'), current: await n('facility_status_current'), audit: await n('audit_events') };
    };
    const refusal = async (p: Promise<unknown>): Promise<AppError> => {
      const e = await p.then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    };
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-survey-'));
      for (const f of facilities) await createFacility(testDb.database, ctx, buildFacility(f));
    }, 120_000);
    afterAll(async () => {
      await testDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports all 200 submissions with every field recoded, and importing the export again changes nothing', async () => {
      const before = await counts();
      const dry = await importStatusReportsFile(testDb.database, ctx, EXPORT, { form: FORM, mapping: MAPPING, dryRun: true });
      expect(dry).toMatchObject({ rows: 200, imported: 0, errorCount: 0 });
      const result = await importStatusReportsFile(testDb.database, ctx, EXPORT, { form: FORM, mapping: MAPPING, dryRun: false });
      expect(result).toEqual({ dryRun: false, rows: 200, imported: 200, alreadyImported: 0, errors: [], errorCount: 0 });
      const after = await counts();
      expect(after).toEqual({ reports: before.reports + 200, current: before.current + 20, audit: before.audit + 200 });

      // Every submission is stored under its _uuid, its choices recoded through the mapping.
      const rows = await exportRows();
      const stored = new Map((await testDb.database.db.selectFrom('status_reports').selectAll().execute()).map((r) => [r.id, r]));
      const facilityIds = new Map((await testDb.database.db.selectFrom('facilities').select(['id', 'code']).execute()).map((f) => [f.id, f.code]));
      for (const raw of rows) {
        const r = stored.get(raw._uuid ?? '');
        expect(r, raw._uuid).toBeDefined();
        if (r === undefined) continue;
        expect(facilityIds.get(r.facility_id)).toBe(recoded('facilityCode', raw['hf/facility'] ?? ''));
        expect(r.observed_at).toBe(`${raw['hf/visit_date'] ?? ''}T00:00:00.000Z`);
        expect(r.building_condition).toBe(recoded('buildingCondition', raw['condition/building'] ?? ''));
        expect(r.functionality).toBe(recoded('functionality', raw['func/status'] ?? ''));
        expect(r.accessibility).toBe(recoded('accessibility', raw['access/status'] ?? ''));
        expect(r.water).toBe(recoded('water', raw['wash/water'] ?? ''));
        expect(r.cold_chain).toBe(recoded('coldChain', raw['cold/cold_chain'] ?? ''));
        expect(r.power_source).toBe(raw['energy/power_source']);
        expect(JSON.parse(r.functionality_reasons)).toEqual((raw['func/barriers'] ?? '').split(' ').filter((s) => s !== '').map((s) => recoded('functionalityReasons', s)));
        const services = JSON.parse(r.services) as { code: string; status: string; reasons: string[] }[];
        for (const s of services) {
          expect(s.status).toBe(recoded(`services.${s.code}`, raw[columnOf(`services.${s.code}`)] ?? ''));
          expect(s.reasons).toEqual((raw[columnOf(`serviceReasons.${s.code}`)] ?? '').split(' ').filter((x) => x !== '').map((x) => recoded(`serviceReasons.${s.code}`, x)));
        }
        expect(services).toHaveLength(8);
      }
      // Spot checks of fields that only some submissions carry.
      const first = stored.get(rows[0]?._uuid ?? '');
      expect(first?.outage_hours_7d).toBe(Number(rows[0]?.['energy/outage_hours']));
      const generator = rows.find((x) => x['energy/power_source'] === 'generator');
      expect(stored.get(generator?._uuid ?? '')).toMatchObject({ backup_kw: Number(generator?.['energy/backup_kw']), fuel_litres: Number(generator?.['energy/fuel_litres']) });
      const damaged = rows.find((x) => x['condition/building'] === 'major');
      expect(stored.get(damaged?._uuid ?? '')?.building_cause).toBe(damaged?.['condition/damage_cause']);
      const barriers = rows.find((x) => (x['access/barriers'] ?? '').includes('road_damage'));
      expect(JSON.parse(stored.get(barriers?._uuid ?? '')?.accessibility_barriers ?? '[]')).toContain('Damaged roads or bridges');
      const rehab = rows.find((x) => x['hr/therapists'] !== '');
      expect(stored.get(rehab?._uuid ?? '')).toMatchObject({ rehab_beds: Number(rehab?.['hr/rehab_beds']), therapists: Number(rehab?.['hr/therapists']) });
      const mental = rows.find((x) => x['hr/psychologists'] !== '');
      expect(stored.get(mental?._uuid ?? '')).toMatchObject({ psychologists: Number(mental?.['hr/psychologists']), psychiatrists: Number(mental?.['hr/psychiatrists']) });

      // The same export again: every _uuid is known, so nothing is written, not even an audit event.
      const again = await importStatusReportsFile(testDb.database, ctx, EXPORT, { form: FORM, mapping: MAPPING, dryRun: false });
      expect(again).toMatchObject({ rows: 200, imported: 0, alreadyImported: 200, errorCount: 0 });
      expect(await counts()).toEqual(after);
    });

    it('reads labels, split 0/1 columns, ODK Central headers (KEY, SubmissionDate, group-question) and the file\'s spelling', async () => {
      const form = { form: FORM, dryRun: false } as const;
      const before = await counts();
      // ODK Central: `group-question` headers, KEY as uuid:…, no visit date (SubmissionDate stands in), labels as values,
      // and the reasons only as split 0/1 columns.
      const odk = write('odk.csv', [
        'SubmissionDate,HF-Facility,condition-building,func-status,func-barriers/staff,func-barriers/finance,func-barriers/insecurity,access-status,energy-power_source,KEY',
        '2025-03-20T08:15:00.000Z,hf_001,Partially damaged (minor),Partially functioning,1,0,1,Fully accessible,grid,uuid:6f1c2b0e-8a4d-4c8e-9a51-0e9f3b2a7c11',
      ].join('\n'));
      const core = ['facilityCode', 'buildingCondition', 'functionality', 'functionalityReasons', 'accessibility', 'powerSource'];
      const mapped = write('odk-mapping.json', JSON.stringify(only(...core)));
      expect(await importStatusReportsFile(testDb.database, ctx, odk, { ...form, mapping: mapped })).toMatchObject({ imported: 1, errorCount: 0 });
      const r = await testDb.database.db.selectFrom('status_reports').selectAll().where('id', '=', '6f1c2b0e-8a4d-4c8e-9a51-0e9f3b2a7c11').executeTakeFirstOrThrow();
      expect(r).toMatchObject({ observed_at: '2025-03-20T08:15:00.000Z', building_condition: 'slightly_damaged', functionality: 'partially', accessibility: 'fully', power_source: 'grid' });
      expect(JSON.parse(r.functionality_reasons)).toEqual(['staff', 'security']);
      expect((await counts()).reports).toBe(before.reports + 1);

      // An unknown choice, a split cell that is not 0/1: named by row and by the column as the file spells it.
      const bad = write('bad.csv', [
        'HF/Facility,HF/Visit_Date,Condition/Building,FUNC/Status,func/barriers/staff,Access/Status,Energy/Power_Source,_id,_uuid',
        'hf_002,2025-03-21,none,kinda,,full,grid,418229001,0b3a1d54-96f0-4d64-8a2c-3d2f6c9e1a01',
        'hf_002,2025-03-22,none,part,yes,full,grid,418229002,0b3a1d54-96f0-4d64-8a2c-3d2f6c9e1a02',
        'hf_002,2025-03-23,none,fully,,full,solar,418229003,0b3a1d54-96f0-4d64-8a2c-3d2f6c9e1a03',
      ].join('\n'));
      const e = await refusal(importStatusReportsFile(testDb.database, ctx, bad, { ...form, mapping: write('core.json', JSON.stringify(only(...core, 'observedAt'))) }));
      expect(e.extra.rowErrors).toEqual([
        { row: 2, column: 'FUNC/Status', message: '"kinda" is not a choice of list "func_status" in the form: fully, part, nonfunct (submission _id 418229001)' },
        { row: 3, column: 'func/barriers/staff', message: '"yes" is not 1 or 0 (chosen or not) (submission _id 418229002)' },
        { row: 4, column: 'Energy/Power_Source', message: '"solar" is not a choice of list "power" in the form: grid, generator, none (submission _id 418229003)' },
      ]);
      expect((await counts()).reports).toBe(before.reports + 1);
    });

    it('takes the export with its XLSForm through the API as a multipart body', async () => {
      const app = await appFor(testDb);
      const admin = await userWithToken(testDb.database, 'admin');
      const boundary = 'carebridge-survey-boundary';
      const part = (name: string, file: string) => Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${path.basename(file)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
        fs.readFileSync(file),
        Buffer.from('\r\n'),
      ]);
      const post = (payload: Buffer) => app.inject({
        method: 'POST',
        url: `/api/v1/status-reports/import?dryRun=true&mapping=${encodeURIComponent(fs.readFileSync(MAPPING, 'utf8'))}`,
        headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      const before = await counts();
      const res = await post(Buffer.concat([part('file', EXPORT), part('form', FORM), Buffer.from(`--${boundary}--\r\n`)]));
      expect(res.statusCode, res.body).toBe(200);
      // The first test imported them all: the dry run finds every submission already there.
      expect(res.json()).toMatchObject({ dryRun: true, rows: 200, alreadyImported: 200, errorCount: 0 });
      const noFile = await post(Buffer.concat([part('form', FORM), Buffer.from(`--${boundary}--\r\n`)]));
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/body/file']);
      expect(await counts()).toEqual(before);
      await app.close();
    });

    it('refuses a form without choices, an unknown field, service code or choice in the mapping, naming them and writing nothing', async () => {
      const before = await counts();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(FORM);
      wb.removeWorksheet(wb.getWorksheet('choices')?.id ?? 0);
      const noChoices = path.join(dir, 'no-choices.xlsx');
      await wb.xlsx.writeFile(noChoices);
      const form = await refusal(importStatusReportsFile(testDb.database, ctx, EXPORT, { form: noChoices, mapping: MAPPING, dryRun: false }));
      expect(form.extra.errors).toEqual([{ path: '/form/choices', message: 'sheet "choices": the XLSForm has no "choices" sheet: select_one and select_multiple questions need their choice lists' }]);

      const bad = write('bad-mapping.json', JSON.stringify({ ...mapping, colour: 'hf/colour', 'services.xray': 'svc/xray', functionality: { column: 'func/status', values: { sorta: 'partially', part: 'partly' } } }));
      const m = await refusal(importStatusReportsFile(testDb.database, ctx, EXPORT, { form: FORM, mapping: bad, dryRun: false }));
      const messages = Object.fromEntries((m.extra.errors ?? []).map((x) => [x.path, x.message]));
      expect(Object.keys(messages).sort()).toEqual(['/mapping/colour', '/mapping/functionality/values/part', '/mapping/services.xray']);
      expect(messages['/mapping/colour']).toContain('our fields: facilityCode, facilityId, observedAt');
      expect(messages['/mapping/services.xray']).toContain('valid service codes: general_clinical, trauma, emergency');
      expect(messages['/mapping/functionality/values/part']).toBe('"partly" is not one of our values for functionality: fully, partially, not_functioning');
      // Against the form: a choice the question's list lacks, a column that is no question of the form.
      const offForm = write('off-form.json', JSON.stringify({ ...mapping, water: 'wash/wells', functionality: { column: 'func/status', values: { sorta: 'partially' } } }));
      const f = await refusal(importStatusReportsFile(testDb.database, ctx, EXPORT, { form: FORM, mapping: offForm, dryRun: false }));
      expect(f.extra.errors).toEqual([
        { path: '/mapping/functionality/values/sorta', message: '"sorta" is not a choice of list "func_status" (choices sheet): fully, part, nonfunct' },
        { path: '/mapping/water', message: expect.stringContaining('"wash/wells" is not a question of the form (survey sheet); its questions: start, end, today, hf/facility, hf/visit_date') as string },
      ]);
      expect(await counts()).toEqual(before);
    });
  });
}
