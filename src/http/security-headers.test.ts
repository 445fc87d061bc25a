import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { appFor } from '../../test/support/api-client.js';
import { userWithToken } from '../../test/support/factories.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(100, 0x20), Buffer.from('%%EOF\n')]);

/** The headers every response must carry, whatever produced it (page, API, error, download). */
function expectSecurityHeaders(res: LightMyRequestResponse, what: string, styles: 'own files' | 'inline too' = 'own files'): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toMatch(/script-src 'self'(;|$)/);
  expect(csp, what).toContain("script-src-attr 'none'");
  // Swagger UI injects a <style> element: inline styles (never scripts) are allowed on the docs alone.
  if (styles === 'inline too') expect(csp, what).toContain("style-src 'self' 'unsafe-inline'");
  else expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('unsafe-eval');
  expect(csp, what).toContain("object-src 'none'");
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
}

for (const dialect of DIALECTS) {
  describe(`security headers on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let webDir: string;
    let coordinator: { authorization: string };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      // A stand-in for the built web app, so the test does not depend on `npm run build:web`.
      webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-web-'));
      fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Carebridge</title><script type="module" src="/assets/app.js"></script>');
      fs.mkdirSync(path.join(webDir, 'assets'));
      fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'export {};');
      app = await appFor(testDb, { CAREBRIDGE_WEB_DIR: webDir });
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
      fs.rmSync(webDir, { recursive: true, force: true });
    });

    it('are on the web app, its files and its client-side routes', async () => {
      for (const url of ['/', '/assets/app.js', '/facilities/some-id']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expectSecurityHeaders(res, url);
      }
    });

    it('are on API answers, errors and the API docs', async () => {
      const cases: [string, Record<string, string>, number][] = [
        ['/api/health', {}, 200],
        ['/api/v1/facilities/summary', {}, 200],
        ['/api/v1/facilities', coordinator, 200],
        ['/api/v1/facilities', {}, 401],
        ['/api/v1/no-such-route', {}, 404],
        ['/api/v1/indicators/public?area=nowhere', {}, 400],
        ['/api/docs/', {}, 200],
        ['/api/docs/static/swagger-initializer.js', {}, 200],
        ['/api/docs/json', {}, 200],
      ];
      for (const [url, headers, status] of cases) {
        const res = await app.inject({ url, headers });
        expect(res.statusCode, url).toBe(status);
        expectSecurityHeaders(res, url, url.startsWith('/api/docs') ? 'inline too' : 'own files');
      }
    });

    it('are on document downloads', async () => {
      const org = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: coordinator, payload: { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', iatiOrgId: 'XM-DAC-701-8' } });
      const partner = org.json<{ id: string }>().id;
      const agreement = await app.inject({
        method: 'POST', url: '/api/v1/agreements', headers: coordinator,
        payload: { kind: 'memorandum', title: { en: 'Memorandum' }, status: 'in_force', signedOn: '2024-02-19', startDate: '2024-02-19', partnerIds: [partner], signatories: [], areas: [{ area: 'rehabilitation', targets: [] }], pledges: [] },
      });
      expect(agreement.statusCode, agreement.body).toBe(201);
      const agreementId = agreement.json<{ id: string }>().id;
      const doc = await app.inject({ method: 'POST', url: `/api/v1/agreements/${agreementId}/documents?filename=memo.pdf`, headers: { ...coordinator, 'content-type': 'application/pdf' }, payload: PDF });
      expect(doc.statusCode, doc.body).toBe(201);
      const download = await app.inject({ url: `/api/v1/agreements/${agreementId}/documents/${doc.json<{ id: string }>().id}`, headers: coordinator });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expectSecurityHeaders(download, 'document download');
    });

    it('send HSTS only on a request that came over TLS through the configured proxy', async () => {
      expect((await app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined();
      const proxied = await appFor(testDb, { CAREBRIDGE_TRUST_PROXY: '127.0.0.1' });
      try {
        const tls = await proxied.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
        expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        expect((await proxied.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'http' } })).headers['strict-transport-security']).toBeUndefined();
        // A peer that is not the configured proxy cannot claim TLS.
        const stranger = await proxied.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '203.0.113.9' });
        expect(stranger.headers['strict-transport-security']).toBeUndefined();
      } finally {
        await proxied.close();
      }
    });
  });
}
