import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { createFacility } from '../facilities/facilities.service.js';
import { importBoundaries } from '../geography/geography.import.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { dataQuality } from './quality.service.js';

const BOUNDARIES = path.resolve('../shared/data/geo/ua-adm1-geoboundaries-simplified.geojson');
const LVIV = 'UA46000000000026241';
const KYIV_OBLAST = 'UA32000000000030281';
const KYIV_CITY = 'UA80000000000093317';

for (const dialect of DIALECTS) {
  describe(`coordinates outside their oblast on ${dialect}`, () => {
    let testDb: TestDatabase;
    const ctx = systemContext('test');
    const ids: Record<string, string> = {};
    const outside = async () => {
      const report = await dataQuality(testDb.database, ctx.principal, { check: 'outside_oblast' });
      return { count: report.counts.outside_oblast, items: report.items.map((i) => [i.facilityId, i.detail]), fallsIn: Object.fromEntries(report.items.map((i) => [i.facilityId, i.fallsInOblastIso])) };
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      const make = async (name: string, overrides: Parameters<typeof buildFacility>[0]) => (await createFacility(testDb.database, ctx, buildFacility({ nameEn: name, nameUk: name, ...overrides }))).id;
      ids.lvivOk = await make('Lviv city hospital', { areaKatottg: LVIV, lat: 49.84, lon: 24.03 });
      ids.lvivInKharkiv = await make('Misplaced hospital', { areaKatottg: LVIV, lat: 49.99, lon: 36.23 });
      // Kyiv city is a hole in Kyiv oblast's polygon: a point there is outside the oblast.
      ids.oblastInCity = await make('Registered in the oblast, located in the city', { areaKatottg: KYIV_OBLAST, lat: 50.45, lon: 30.52 });
      ids.cityOk = await make('Kyiv city clinic', { areaKatottg: KYIV_CITY, lat: 50.45, lon: 30.52 });
      ids.oblastOk = await make('Bila Tserkva hospital', { areaKatottg: KYIV_OBLAST, lat: 49.8, lon: 30.11 });
      // In the Black Sea: inside the registry's bounding box, in no oblast.
      ids.sea = await make('At sea', { areaKatottg: LVIV, lat: 44.5, lon: 32.0 });
    }, 60_000);
    afterAll(async () => {
      await testDb.drop();
    });

    it('judges nothing until boundaries are loaded, then names the facility and where its point falls', async () => {
      expect(await outside()).toEqual({ count: 0, items: [], fallsIn: {} });
      await importBoundaries(testDb.database, ctx, fs.readFileSync(BOUNDARIES, 'utf8'));
      const found = await outside();
      expect(found.count).toBe(3);
      expect(Object.fromEntries(found.items)).toEqual({
        [ids.lvivInKharkiv ?? '']: 'coordinates are outside UA-46 (Lviv Oblast); they fall in UA-63 (Kharkiv Oblast)',
        [ids.oblastInCity ?? '']: 'coordinates are outside UA-32 (Kyiv Oblast); they fall in UA-30 (Kyiv)',
        [ids.sea ?? '']: 'coordinates are outside UA-46 (Lviv Oblast), and outside every loaded oblast boundary',
      });
      expect(found.fallsIn).toEqual({ [ids.lvivInKharkiv ?? '']: 'UA-63', [ids.oblastInCity ?? '']: 'UA-30', [ids.sea ?? '']: null });
    });
  });
}
