import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { carebridge } from '../../../test/support/cli.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import type { AppError } from '../../errors.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import type { Facility, FacilityList } from '../facilities/facilities.schema.js';
import { createFacility } from '../facilities/facilities.service.js';
import { importAreaStatuses } from './area-status.import.js';
import type { AreaStatusList } from './area-status.schema.js';
import { accessStatusOf, assertReachable } from './area-status.service.js';
import { upsertAreas } from './geography.repository.js';

const KHERSON = 'UA65000000000030969';
const SKADOVSK_RAION = 'UA65080000000090947';
const KALANCHAK = 'UA65080070000011930';
const KHERSON_RAION = 'UA65100000000029736';
const LVIV = 'UA46000000000026241';

const csv = (text: string): Readable => Readable.from([text]);

for (const dialect of DIALECTS) {
  describe(`area access status on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    const ctx = systemContext('test');
    let inHromada: FacilityRow;
    let inKhersonRaion: FacilityRow;
    let inOblast: FacilityRow;
    let inLviv: FacilityRow;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      // As `import katottg` writes them: Ukrainian names only.
      await upsertAreas(testDb.database.db, [
        { katottg: SKADOVSK_RAION, level: 2, parent_katottg: KHERSON, path: `${KHERSON}/${SKADOVSK_RAION}/`, category: 'P', iso3166_2: null, pcode: null, name_uk: 'Скадовський', name_en: null, geometry: null },
        { katottg: KHERSON_RAION, level: 2, parent_katottg: KHERSON, path: `${KHERSON}/${KHERSON_RAION}/`, category: 'P', iso3166_2: null, pcode: null, name_uk: 'Херсонський', name_en: null, geometry: null },
        { katottg: KALANCHAK, level: 3, parent_katottg: SKADOVSK_RAION, path: `${KHERSON}/${SKADOVSK_RAION}/${KALANCHAK}/`, category: 'H', iso3166_2: null, pcode: null, name_uk: 'Каланчацька', name_en: null, geometry: null },
      ]);
      const at = { lat: 46.5, lon: 33.3 };
      inHromada = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: KALANCHAK, ...at, nameEn: 'Kalanchak hospital' }));
      inKhersonRaion = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: KHERSON_RAION, ...at }));
      inOblast = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: KHERSON, ...at }));
      inLviv = await createFacility(testDb.database, ctx, buildFacility({ areaKatottg: LVIV }));
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    const stored = async () => testDb.database.db.selectFrom('area_statuses').selectAll().execute();

    it('reports every bad row by row and column and writes nothing', async () => {
      const file = [
        'katottg,status,from,to',
        'UA6508000000009094,temporarily_occupied,2022-03-01,', // row 2: not a code
        'UA99000000000000000,temporarily_occupied,2022-03-01,', // row 3: unknown area
        `${SKADOVSK_RAION},occupied,2022-03-01,`, // row 4: unknown status
        `${SKADOVSK_RAION},temporarily_occupied,2022-02-30,`, // row 5: no such day
        `${KHERSON_RAION},temporarily_occupied,2022-03-02,2022-03-02`, // row 6: ends when it starts
        `${KHERSON},active_hostilities,2022-02-24,`, // row 7: good
        `${KHERSON},possible_hostilities,2023-01-01,`, // row 8: overlaps row 7
        `${KHERSON},active_hostilities,2022-02-24,`, // row 9: duplicate of row 7
      ].join('\n');
      const res = await app.inject({ method: 'POST', url: '/api/v1/area-statuses/import', headers: { ...(await userWithToken(testDb.database, 'admin')).headers, 'content-type': 'text/csv' }, payload: file });
      expect(res.statusCode, res.body).toBe(400);
      const rows = res.json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors;
      expect(rows.map((e) => [e.row, e.column])).toEqual([
        [2, 'katottg'],
        [3, 'katottg'],
        [4, 'status'],
        [5, 'from'],
        [6, 'to'],
        [8, 'from'],
        [9, 'from'],
      ]);
      expect(rows.find((e) => e.row === 8)?.message).toMatch(/overlaps row 7: active_hostilities from 2022-02-24/);
      expect(await stored()).toEqual([]);
      // Missing and unknown columns are named on the header row.
      const header = await importAreaStatuses(testDb.database, ctx, csv('katottg,state,from\nUA-43,temporarily_occupied,2014-02-20\n')).catch((e: unknown) => e as AppError);
      expect((header as AppError).extra.rowErrors?.filter((e) => e.row === 1)).toEqual([
        { row: 1, column: 'state', message: 'unknown column; expected katottg, status, from, to' },
        { row: 1, column: 'status', message: 'required column is missing' },
        { row: 1, column: 'to', message: 'required column is missing' },
      ]);
      expect(await stored()).toEqual([]);
    });

    it('refuses imports from anonymous callers and areas outside a coordinator’s scope', async () => {
      expect((await app.inject({ method: 'POST', url: '/api/v1/area-statuses/import', headers: { 'content-type': 'text/csv' }, payload: 'katottg,status,from,to\n' })).statusCode).toBe(401);
      const lviv = await userWithToken(testDb.database, 'coordinator', { scopeAreas: [LVIV] });
      const res = await app.inject({ method: 'POST', url: '/api/v1/area-statuses/import', headers: { ...lviv.headers, 'content-type': 'text/csv' }, payload: `katottg,status,from,to\n${KHERSON},active_hostilities,2022-02-24,\n` });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ rowErrors: unknown[] }>().rowErrors).toEqual([{ row: 2, column: 'katottg', message: `${KHERSON} is outside the areas you coordinate` }]);
      expect(await stored()).toEqual([]);
    });

    it('imports the list; a facility inherits its smallest area’s status, moves to no access on the date and back', async () => {
      const list = ['katottg,status,from,to', `${KHERSON},active_hostilities,2022-02-24,`, `${SKADOVSK_RAION},temporarily_occupied,2022-03-01,`, `${KHERSON_RAION},temporarily_occupied,2022-03-02,`].join('\n');
      expect(await importAreaStatuses(testDb.database, ctx, csv(list))).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
      expect(await importAreaStatuses(testDb.database, ctx, csv(list))).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
      const on = async (date: string) => {
        const m = await accessStatusOf(testDb.database.db, [inHromada, inKhersonRaion, inOblast, inLviv], date);
        return [inHromada, inKhersonRaion, inOblast, inLviv].map((f) => m.get(f.id)?.status ?? null);
      };
      expect(await on('2022-02-23')).toEqual([null, null, null, null]);
      expect(await on('2022-02-24')).toEqual(['active_hostilities', 'active_hostilities', 'active_hostilities', null]);
      expect(await on('2022-03-01')).toEqual(['temporarily_occupied', 'active_hostilities', 'active_hostilities', null]);
      expect(await on('2022-03-02T08:00:00.000Z')).toEqual(['temporarily_occupied', 'temporarily_occupied', 'active_hostilities', null]);
      // The list closes the right bank's occupation: the raion is back under the oblast's status from that day.
      expect(await importAreaStatuses(testDb.database, ctx, csv(`${list}2022-11-11\n`))).toEqual({ rows: 3, created: 0, updated: 1, unchanged: 2 });
      expect(await on('2022-11-10')).toEqual(['temporarily_occupied', 'temporarily_occupied', 'active_hostilities', null]);
      expect(await on('2022-11-11')).toEqual(['temporarily_occupied', 'active_hostilities', 'active_hostilities', null]);
      // A period that overlaps a stored one is refused, naming it.
      await expect(importAreaStatuses(testDb.database, ctx, csv(`katottg,status,from,to\n${KHERSON_RAION},possible_hostilities,2022-11-01,\n`))).rejects.toMatchObject({
        extra: { rowErrors: [{ row: 2, column: 'from', message: 'overlaps the stored period temporarily_occupied from 2022-03-02 to 2022-11-11; an area has one status at a time' }] },
      });
      expect(await stored()).toHaveLength(3);
    });

    it('refuses an occupied destination naming the area, and answers the status otherwise', async () => {
      await expect(assertReachable(testDb.database.db, { area_path: inHromada.area_path, name: inHromada.name_en }, '2024-06-01')).rejects.toMatchObject({
        status: 409,
        detail: 'Kalanchak hospital: Скадовський raion (Kherson Oblast) is temporarily occupied since 2022-03-01: the Ministry cannot deliver there.',
      });
      expect(await assertReachable(testDb.database.db, inOblast, '2024-06-01')).toMatchObject({ status: 'active_hostilities', areaName: 'Kherson Oblast', reachable: true });
      expect(await assertReachable(testDb.database.db, inLviv, '2024-06-01')).toBeNull();
      expect(await assertReachable(testDb.database.db, inHromada, '2022-02-28')).toMatchObject({ status: 'active_hostilities' });
    });

    it('lists statuses by area and date, and facilities carry theirs', async () => {
      const all = (await app.inject({ url: '/api/v1/area-statuses?area=UA-65' })).json<AreaStatusList>();
      expect(all.items).toHaveLength(3);
      const onDay = (await app.inject({ url: '/api/v1/area-statuses?area=UA-65&asOf=2022-03-01' })).json<AreaStatusList>();
      expect(onDay.items.map((i) => [i.areaKatottg, i.status]).sort()).toEqual([[KHERSON, 'active_hostilities'], [SKADOVSK_RAION, 'temporarily_occupied']]);
      const raion = (await app.inject({ url: `/api/v1/area-statuses?area=${KHERSON_RAION}` })).json<AreaStatusList>();
      expect(raion.items).toEqual([expect.objectContaining({ areaKatottg: KHERSON_RAION, areaLevel: 2, areaNameUk: 'Херсонський', since: '2022-03-02', until: '2022-11-11' })]);
      expect((await app.inject({ url: '/api/v1/area-statuses?area=UA-46' })).json<AreaStatusList>().items).toEqual([]);
      expect((await app.inject({ url: '/api/v1/area-statuses?status=occupied' })).statusCode).toBe(400);

      const analyst = await userWithToken(testDb.database, 'analyst');
      const one = (await app.inject({ url: `/api/v1/facilities/${inHromada.id}`, headers: analyst.headers })).json<Facility>();
      expect(one.accessStatus).toEqual({ status: 'temporarily_occupied', since: '2022-03-01', until: null, areaKatottg: SKADOVSK_RAION, areaName: 'Скадовський raion (Kherson Oblast)', reachable: false });
      const list = (await app.inject({ url: '/api/v1/facilities?limit=500', headers: analyst.headers })).json<FacilityList>();
      const byId = new Map(list.items.map((f) => [f.id, f.accessStatus?.status ?? null]));
      expect([inHromada, inKhersonRaion, inOblast, inLviv].map((f) => byId.get(f.id))).toEqual(['temporarily_occupied', 'active_hostilities', 'active_hostilities', null]);
    });

    it('imports from the command line, printing each bad row', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-area-status-'));
      try {
        const bad = path.join(dir, 'bad.csv');
        fs.writeFileSync(bad, 'katottg,status,from,to\nUA-43,temporarily_occupied,2014-02-20,\nUA-40,temporarily_occupied,20-02-2014,\n');
        const failed = await carebridge({ DATABASE_URL: testDb.url }, ['import', 'area-status', bad]);
        expect(failed).toMatchObject({ code: 2 });
        expect(failed.stderr).toContain('row 3, column from: "20-02-2014" is not a date (YYYY-MM-DD)');
        expect(await stored()).toHaveLength(3);
        const good = path.join(dir, 'good.csv');
        fs.writeFileSync(good, 'katottg,status,from,to\nUA-43,temporarily_occupied,2014-02-20,\nUA-40,temporarily_occupied,2014-02-20,\n');
        const ok = await carebridge({ DATABASE_URL: testDb.url }, ['import', 'area-status', good]);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stdout).toContain('Area statuses: 2 rows, 2 new');
        expect(await stored()).toHaveLength(5);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
}
