import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { createDemoDatabase } from '../../test/support/demo-database.js';
import { EVERYTHING } from '../scope.js';
import { oblastIsoOfPath } from '../modules/facilities/facilities.presenter.js';
import { accessStatusOf } from '../modules/geography/area-status.service.js';
import { indicatorsFor } from '../modules/monitoring/indicators.service.js';
import { demoAreaOf } from './demo-access.js';

const DONETSK = 'UA14000000000091971';

it('places a point on the occupied side of the line in the nearest occupied raion, others in the oblast', () => {
  expect(demoAreaOf(DONETSK, 47.1, 37.5)).toBe('UA14140000000070889'); // Mariupol
  expect(demoAreaOf(DONETSK, 48.72, 37.56)).toBe(DONETSK); // Kramatorsk
  expect(demoAreaOf('UA65000000000030969', 46.64, 32.61)).toBe('UA65000000000030969'); // Kherson, right bank
  expect(demoAreaOf('UA65000000000030969', 46.5, 32.9)).toBe('UA65080000000090947'); // left bank: Skadovskyi
  expect(demoAreaOf('UA46000000000026241', 49.8, 24)).toBe('UA46000000000026241');
});

for (const dialect of DIALECTS) {
  describe(`demo area access on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createDemoDatabase(dialect, 7);
    }, 120_000);
    afterAll(async () => testDb.drop());

    it('occupies Crimea, Sevastopol, Luhansk and raions of Donetsk, Zaporizhzhia and Kherson; their facilities do not report', async () => {
      const db = testDb.database.db;
      const facilities = await db.selectFrom('facilities').select(['id', 'area_path']).execute();
      const access = await accessStatusOf(db, facilities, new Date().toISOString());
      const occupied = facilities.filter((f) => access.get(f.id)?.status === 'temporarily_occupied');
      const isos = new Set(occupied.map((f) => oblastIsoOfPath(f.area_path)));
      expect([...isos].sort()).toEqual(['UA-09', 'UA-14', 'UA-23', 'UA-40', 'UA-43', 'UA-65']);
      // Only parts of Donetsk, Zaporizhzhia and Kherson: the rest is under active hostilities.
      for (const iso of ['UA-14', 'UA-23', 'UA-65']) {
        const inOblast = facilities.filter((f) => oblastIsoOfPath(f.area_path) === iso);
        expect(inOblast.some((f) => access.get(f.id)?.status === 'active_hostilities'), iso).toBe(true);
      }
      const reports = await db.selectFrom('status_reports').select('facility_id').where('facility_id', 'in', occupied.map((f) => f.id)).execute();
      expect(reports).toEqual([]);
      const now = await indicatorsFor(testDb.database, EVERYTHING, {});
      expect(now.noAccess).toBe(occupied.length);
      expect(now.facilities + now.noAccess).toBe(facilities.length);
    });
  });
}
