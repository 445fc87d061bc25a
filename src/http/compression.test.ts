import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../test/support/factories.js';

const LVIV = 'UA46000000000026241';
const BROTLI = { 'accept-encoding': 'gzip, deflate, br' };
const GZIP = { 'accept-encoding': 'gzip' };

/** The body as the client reads it once decoded, whatever the encoding. */
const decoded = (res: { rawPayload: Buffer; headers: Record<string, unknown> }): unknown => {
  const encoding = res.headers['content-encoding'];
  const bytes = encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload) : encoding === 'gzip' ? zlib.gunzipSync(res.rawPayload) : res.rawPayload;
  return JSON.parse(bytes.toString('utf8'));
};

for (const dialect of DIALECTS) {
  describe(`API answers compressed on the fly on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let reader: { authorization: string };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = (await userWithToken(testDb.database, 'admin')).headers;
      reader = (await userWithToken(testDb.database, 'analyst')).headers;
      for (let i = 0; i < 25; i++) expect((await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).statusCode).toBe(201);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('sends a signed-in GeoJSON export in Brotli or gzip as accepted, the same features once decoded', async () => {
      const url = '/api/v1/facilities/export?format=geojson';
      const plain = await app.inject({ url, headers: reader });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const features = (plain.json<{ features: unknown[] }>()).features;
      expect(features).toHaveLength(25);
      for (const [headers, encoding] of [[BROTLI, 'br'], [GZIP, 'gzip']] as const) {
        const res = await app.inject({ url, headers: { ...reader, ...headers } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
        expect(decoded(res)).toEqual(plain.json());
      }
    });

    it('compresses a public list kept by the public cache: miss and hit decode alike, the cache holds one plain copy', async () => {
      const url = '/api/v1/areas?level=1';
      const miss = await app.inject({ url, headers: BROTLI });
      expect(miss.headers['x-cache']).toBe('miss');
      expect(miss.headers['content-encoding']).toBe('br');
      const hit = await app.inject({ url, headers: GZIP });
      expect(hit.headers['x-cache']).toBe('hit');
      expect(hit.headers['content-encoding']).toBe('gzip');
      const plainHit = await app.inject({ url });
      expect(plainHit.headers['x-cache']).toBe('hit');
      expect(plainHit.headers['content-encoding']).toBeUndefined();
      expect(decoded(miss)).toEqual(plainHit.json());
      expect(decoded(hit)).toEqual(plainHit.json());
      expect((plainHit.json<{ items: unknown[] }>()).items).toHaveLength(27);
      // A compressed body is another representation: its tag is weak, and revalidating with it still gets a 304.
      expect(miss.headers.etag).toBe(`W/${String(plainHit.headers.etag)}`);
      const again = await app.inject({ url, headers: { ...BROTLI, 'if-none-match': String(miss.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    });

    it('sends the country outline (GeoJSON) compressed, and small answers as they are', async () => {
      const outline = await app.inject({ url: '/api/v1/areas/outline', headers: BROTLI });
      expect(outline.headers['content-encoding']).toBe('br');
      expect(outline.headers['content-type']).toContain('application/geo+json');
      expect(decoded(outline)).toEqual((await app.inject({ url: '/api/v1/areas/outline' })).json());
      const health = await app.inject({ url: '/api/health', headers: BROTLI });
      expect(health.rawPayload.length).toBeLessThan(1024);
      expect(health.headers['content-encoding']).toBeUndefined();
      expect(health.json()).toMatchObject({ status: 'ok' });
    });
  });
}
