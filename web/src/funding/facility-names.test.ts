import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilityList } from '../../../src/modules/facilities/facilities.schema.js';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { facilitiesByIdRequest, facilityNameLookup } from './use-needs.js';

// What useFacilityNames asks and shows, against the real list route (in-process HTTP over a real database).
for (const dialect of DIALECTS) {
  describe(`facility names for a page of needs on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let own = '';
    let elsewhere = '';
    let closed = '';
    let reporter: { authorization: string };
    let analyst: { authorization: string };

    const create = async (headers: { authorization: string }, overrides: Parameters<typeof buildFacility>[0]) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers, payload: buildFacility(overrides) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const listAs = async (headers: { authorization: string }, url: string) => {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<FacilityList>();
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = (await userWithToken(testDb.database, 'admin')).headers;
      own = await create(admin, { nameUk: 'Лікарня Святої Анни', nameEn: 'St Anne hospital', areaKatottg: 'UA46000000000026241' });
      elsewhere = await create(admin, { nameUk: 'Харківська лікарня', nameEn: 'Kharkiv hospital', areaKatottg: 'UA63000000000041885' });
      closed = await create(admin, { nameUk: 'Закрита лікарня', nameEn: 'Closed hospital', areaKatottg: 'UA46000000000026241' });
      const shut = await app.inject({ method: 'POST', url: `/api/v1/facilities/${closed}/close`, headers: admin, payload: { version: 1, closedOn: '2024-03-01', reason: 'destroyed by shelling' } });
      expect(shut.statusCode, shut.body).toBe(200);
      reporter = (await userWithToken(testDb.database, 'facility_reporter', { scopeFacilities: [own] })).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('asks once for a whole page, whatever its order and repeats', () => {
      // A page of 50 needs over three facilities.
      const page = Array.from({ length: 50 }, (_, i) => [own, elsewhere, closed][i % 3] ?? own);
      const request = facilitiesByIdRequest(page);
      expect(request.ids).toEqual([own, elsewhere, closed].sort());
      expect(facilitiesByIdRequest([...page].reverse())).toEqual(request);
      expect(new URL(request.url, 'http://x').searchParams.getAll('id')).toEqual(request.ids);
    });

    it('names every facility the caller may read, closed ones too, in the reader’s language', async () => {
      const request = facilitiesByIdRequest([closed, own, elsewhere]);
      const list = await listAs(analyst, request.url);
      const name = (lang: string) => request.ids.map(facilityNameLookup(list, lang)).sort();
      expect(name('uk')).toEqual(['Закрита лікарня', 'Лікарня Святої Анни', 'Харківська лікарня']);
      expect(name('en')).toEqual(['Closed hospital', 'Kharkiv hospital', 'St Anne hospital']);
      // The registry has no Japanese names: a Japanese reader sees the English one.
      expect(name('ja')).toEqual(name('en'));
    });

    it('leaves out a facility outside the caller’s scope, which the page then calls one outside their area', async () => {
      const list = await listAs(reporter, facilitiesByIdRequest([own, elsewhere, closed]).url);
      const name = facilityNameLookup(list, 'en');
      expect([own, elsewhere, closed].map(name)).toEqual(['St Anne hospital', undefined, undefined]);
    });
  });
}
