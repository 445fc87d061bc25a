import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('is valid for a standard validator, and a client typed from it type-checks', async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json<Record<string, unknown>>();
    // The validator dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-openapi-'));
    try {
      fs.writeFileSync(path.join(dir, 'api.d.ts'), astToString(await openapiTS(doc as never)));
      // A client's use of the generated types: a right path and field compile, a wrong one does not.
      fs.writeFileSync(
        path.join(dir, 'use.ts'),
        [
          "import type { paths } from './api.js';",
          "type List = paths['/api/v1/facilities']['get']['responses'][200]['content']['application/json'];",
          'export const firstName = (list: List): string | undefined => list.items[0]?.nameEn;',
          "type Create = NonNullable<paths['/api/v1/facilities']['post']['requestBody']>['content']['application/json'];",
          "export const beds = (body: Create): number | null | undefined => body.beds;",
          "// @ts-expect-error: no such path",
          "export type Wrong = paths['/api/v1/facilitiez'];",
        ].join('\n'),
      );
      const program = ts.createProgram([path.join(dir, 'use.ts')], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
