import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../web/build/precompress.js';
import { appFor } from '../../test/support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';

/**
 * The web app's bytes on a bad link: the build's own precompression step writes .br and .gz copies,
 * the server sends the one the browser accepts, hashed assets are cached for a year and the shell
 * and service worker are always revalidated.
 */
describe('static web app', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-web-'));
  const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `"row ${i}"`).join(',')}];\n`;

  beforeAll(async () => {
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body>${'<!-- shell -->'.repeat(100)}</body></html>`);
    fs.writeFileSync(path.join(webDir, 'assets', 'app-Ab12Cd34.js'), script);
    fs.writeFileSync(path.join(webDir, 'sw.js'), `self.addEventListener('fetch', () => {});${' '.repeat(2000)}`);
    fs.writeFileSync(path.join(webDir, 'assets', 'logo-Ef56Gh78.png'), Buffer.alloc(4000, 1));
    // Run the build step as Vite would after writing the bundle.
    const plugin = precompress() as unknown as { configResolved(c: { root: string; build: { outDir: string } }): void; closeBundle(): void };
    plugin.configResolved({ root: webDir, build: { outDir: '.' } });
    plugin.closeBundle();
    testDb = await createTestDatabase('sqlite');
    app = await appFor(testDb, { CAREBRIDGE_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await app.close();
    await testDb.drop();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('writes Brotli and gzip copies of text files over 1 KB, not of images', () => {
    expect(fs.existsSync(path.join(webDir, 'assets', 'app-Ab12Cd34.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'assets', 'app-Ab12Cd34.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'assets', 'logo-Ef56Gh78.png.br'))).toBe(false);
  });

  it('answers a hashed asset in Brotli for a Brotli client, gzip otherwise, the same bytes once decoded, cached for a year', async () => {
    const url = '/assets/app-Ab12Cd34.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates the shell and the service worker every time, compressed as well', async () => {
    const shell = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.headers['content-encoding']).toBe('br');
    const sw = await app.inject({ url: '/sw.js', headers: { 'accept-encoding': 'gzip' } });
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-encoding']).toBe('gzip');
    // A client-side route loads the same shell, never cached.
    expect((await app.inject({ url: '/facilities/123' })).headers['cache-control']).toBe('no-cache');
  });
});
