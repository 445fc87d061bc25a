import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { appFor } from '../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../test/support/factories.js';
import type { FacilitySummary } from '../modules/facilities/facilities.schema.js';
import { isOpenDataRoute } from './public-routes.js';

const LVIV = 'UA46000000000026241';
const maternities = (summary: FacilitySummary) => summary.items.filter((i) => i.oblastIso === 'UA-46' && i.type === 'maternity').reduce((n, i) => n + i.count, 0);

for (const dialect of DIALECTS) {
  describe(`public routes: rate limit and cache on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { authorization: string };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb, { CAREBRIDGE_PUBLIC_RATE_LIMIT: '6' });
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV, type: 'maternity' }) })).statusCode).toBe(201);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('guards exactly the anonymous GET routes (not health, the docs or sign-in)', () => {
      const guarded = app.declaredRoutes.filter((r) => isOpenDataRoute({ method: r.method, url: r.url, config: { access: r.rule } })).map((r) => r.url).sort();
      expect(guarded).toEqual(expect.arrayContaining([
        '/api/v1/areas', '/api/v1/facilities/summary', '/api/v1/funding/donors', '/api/v1/incidents/public', '/api/v1/indicators/public',
        '/api/v1/organizations', '/api/v1/projects/export/hxl', '/api/v1/projects/export/iati',
      ]));
      expect(guarded.filter((url) => url === '/api/health' || url.startsWith('/api/docs') || url === '/api/v1/sessions')).toEqual([]);
    });

    it('refuses an address past its limit with 429 and Retry-After; other addresses, signed-in callers and health go on', async () => {
      const from = (remoteAddress: string, url = '/api/v1/facilities/summary', headers: Record<string, string> = {}) => app.inject({ url, remoteAddress, headers });
      // The limit is shared by all public routes: 6 a minute from one address.
      for (const url of ['/api/v1/facilities/summary', '/api/v1/facilities/summary', '/api/v1/indicators/public', '/api/v1/incidents/public', '/api/v1/areas?level=1', '/api/v1/funding/donors?currency=USD']) {
        expect((await from('198.51.100.7', url)).statusCode, url).toBe(200);
      }
      const refused = await from('198.51.100.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json<{ detail: string }>().detail).toMatch(/Too many requests from your address.*try again in \d+ seconds/);
      expect((await from('198.51.100.7', '/api/v1/projects/export/hxl')).statusCode).toBe(429);
      expect((await from('198.51.100.8')).statusCode).toBe(200);
      expect((await from('198.51.100.7', '/api/health')).statusCode).toBe(200);
      expect((await from('198.51.100.7', '/api/v1/facilities/summary', admin)).statusCode).toBe(200);
    });

    it('answers from the cache while the data is unchanged, with an ETag and 304, and recomputes after a write', async () => {
      const get = (headers: Record<string, string> = {}) => app.inject({ url: '/api/v1/facilities/summary', remoteAddress: '192.0.2.1', headers });
      const first = await get();
      expect(first.statusCode).toBe(200);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers['cache-control']).toBe('no-cache');
      expect(maternities(first.json<FacilitySummary>())).toBe(3);

      // A change made behind the application's back (no audit event, so no new version) is not seen:
      // proof that the second answer is the stored one, not a new computation.
      await testDb.database.db.updateTable('facilities').set({ type: 'city_hospital' }).where('type', '=', 'maternity').where('code', 'like', 'T-%').execute();
      const second = await get();
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.headers.etag).toBe(etag);
      expect(second.body).toBe(first.body);
      expect(second.headers['content-type']).toBe(first.headers['content-type']);

      const notModified = await get({ 'if-none-match': etag });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe('');
      expect(notModified.headers.etag).toBe(etag);

      // A signed-in caller is answered afresh (its answer may depend on who asks) and is not given an ETag.
      const signedIn = await get(admin);
      expect(signedIn.headers['x-cache']).toBeUndefined();
      expect(maternities(signedIn.json<FacilitySummary>())).toBe(0);

      // A write through the application appends an audit event: a new version, a new ETag, a fresh answer.
      expect((await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV, type: 'maternity' }) })).statusCode).toBe(201);
      const afterWrite = await get({ 'if-none-match': etag });
      expect(afterWrite.statusCode).toBe(200);
      expect(afterWrite.headers['x-cache']).toBe('miss');
      expect(afterWrite.headers.etag).not.toBe(etag);
      expect(maternities(afterWrite.json<FacilitySummary>())).toBe(1);
      expect((await get()).headers['x-cache']).toBe('hit');
    });

    it('keeps a signed-in export per set of memberships: never one viewer\'s answer or 304 for another', async () => {
      const coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      const sameRights = (await userWithToken(testDb.database, 'coordinator')).headers;
      const donor = (await userWithToken(testDb.database, 'donor_officer')).headers;
      const url = '/api/v1/facilities/export?format=geojson';
      const get = (headers: Record<string, string>) => app.inject({ url, headers });
      type Points = { features: { geometry: { coordinates: number[] } }[] };
      const exact = await get(coordinator);
      expect(exact.statusCode).toBe(200);
      expect(exact.headers['cache-control']).toBe('private, no-cache');
      const etag = String(exact.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      // The same memberships: the stored answer (identical bytes) and its ETag, even for another person.
      const again = await get(sameRights);
      expect(again.headers['x-cache']).toBe('hit');
      expect(again.headers.etag).toBe(etag);
      expect(again.body).toBe(exact.body);
      expect((await get({ ...coordinator, 'if-none-match': etag })).statusCode).toBe(304);
      // Other memberships: computed for them (coordinates rounded to a tenth), and the coordinator's ETag is not theirs.
      const rounded = await get({ ...donor, 'if-none-match': etag });
      expect(rounded.statusCode).toBe(200);
      expect(rounded.headers['x-cache']).toBe('miss');
      expect(rounded.headers.etag).not.toBe(etag);
      const exactPoints = exact.json<Points>().features.map((f) => f.geometry.coordinates);
      const roundedPoints = rounded.json<Points>().features.map((f) => f.geometry.coordinates);
      expect(roundedPoints.length).toBe(exactPoints.length);
      expect(roundedPoints.every(([lon = 0, lat = 0]) => Math.round(lon * 10) === lon * 10 && Math.round(lat * 10) === lat * 10)).toBe(true);
      expect(exactPoints.some(([lon = 0, lat = 0]) => Math.round(lon * 10) !== lon * 10 || Math.round(lat * 10) !== lat * 10)).toBe(true);
      // A write: a new version, recomputed for everyone.
      expect((await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).statusCode).toBe(201);
      const fresh = await get(coordinator);
      expect(fresh.headers['x-cache']).toBe('miss');
      expect(fresh.json<Points>().features.length).toBe(exactPoints.length + 1);
    });

    it('keys answers by query, never keeps errors, and keeps streamed exports too (HXL)', async () => {
      let caller = 10;
      // One address per request: this app allows only 6 a minute from each.
      const get = (url: string) => app.inject({ url, remoteAddress: `192.0.2.${caller++}` });
      expect((await get('/api/v1/areas?level=1')).headers['x-cache']).toBe('miss');
      const raions = await get('/api/v1/areas?level=2');
      expect(raions.headers['x-cache']).toBe('miss');
      expect((await get('/api/v1/areas?level=2')).body).toBe(raions.body);
      // The summary takes no query: junk parameters find the same entry instead of making new ones.
      await get('/api/v1/facilities/summary');
      expect((await get('/api/v1/facilities/summary?bust=1')).headers['x-cache']).toBe('hit');
      expect((await get('/api/v1/areas?level=1&bust=1')).statusCode).toBe(400);
      const bad = await get('/api/v1/funding/donors?currency=XXX1');
      expect(bad.statusCode).toBe(400);
      expect(bad.headers.etag).toBeUndefined();
      expect((await get('/api/v1/funding/donors?currency=XXX1')).headers['x-cache']).toBeUndefined();

      const hxl = await get('/api/v1/projects/export/hxl?dataset=3w');
      expect(hxl.statusCode).toBe(200);
      expect(hxl.headers['x-cache']).toBe('miss');
      const again = await get('/api/v1/projects/export/hxl?dataset=3w');
      expect(again.headers['x-cache']).toBe('hit');
      expect(again.body).toBe(hxl.body);
      expect(again.headers['content-disposition']).toBe(hxl.headers['content-disposition']);
    });

    it('stays within its memory: an answer larger than the cache is not kept, yet still gets its ETag and 304', async () => {
      const small = await appFor(testDb, { CAREBRIDGE_PUBLIC_CACHE_BYTES: '64' });
      try {
        const first = await small.inject({ url: '/api/v1/facilities/summary' });
        expect(first.headers['x-cache']).toBe('miss');
        expect((await small.inject({ url: '/api/v1/facilities/summary' })).headers['x-cache']).toBe('miss');
        expect((await small.inject({ url: '/api/v1/facilities/summary', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);
      } finally {
        await small.close();
      }
    });
  });
}
