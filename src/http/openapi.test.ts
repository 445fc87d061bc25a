import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { appFor } from '../../test/support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';

describe('OpenAPI', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    app = await appFor(testDb);
  });
  afterAll(async () => {
    await app.close();
    await testDb.drop();
  });

  it('documents every declared route at /api/docs/json, with the request schemas', async () => {
    const res = await app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of app.declaredRoutes.filter((r) => !r.url.startsWith('/api/docs'))) {
      const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    expect(doc.paths['/api/v1/facilities/{id}']?.patch?.requestBody).toBeDefined();
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
