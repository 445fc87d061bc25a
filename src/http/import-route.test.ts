import { Readable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import type { Principal } from '../context.js';
import type { Database } from '../db/database.js';
import type { RowError } from '../errors.js';
import { readTable } from '../io/table-reader.js';
import { jobRoutes } from '../modules/jobs/jobs.routes.js';
import { installAccess, rolesOnly } from './access-rule.js';
import { ImportResult, importResultWith, ImportResultNoDryRun } from './common.schema.js';
import { installErrorHandler } from './error-handler.js';
import { importRoute, XLSX_TYPE } from './import-route.js';
import { validatorCompiler } from './validation.js';

const ADMIN: Principal = { userId: 'u1', email: 'a@example.org', memberships: [{ role: 'admin', organizationId: null, scope: { all: true, areaPaths: [], facilityIds: [] } }], sessionId: null, csrfToken: null };
const headers = (contentType: string) => ({ authorization: 'Bearer admin', 'content-type': contentType });

/** A tiny importer as a module writes one: every row checked, nothing stored when a row is refused or on a dry run. */
const stored: { code: string; beds: number }[] = [];

async function build(database: Database): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  installAccess(app, { authenticateToken: async (token) => (token === 'admin' ? ADMIN : null), authenticateSession: async () => null });
  await app.register(jobRoutes(database));
  importRoute(app, {
    database,
    url: '/api/things/import',
    job: 'thing_import',
    access: rolesOnly('admin'),
    tags: ['test'],
    bodyLimit: 10_000,
    accepts: { formats: ['csv', 'xlsx'] },
    result: ImportResult,
    run: async ({ body, dryRun, run }) => {
      if (body.format !== 'csv' && body.format !== 'xlsx') throw new Error('a table import gets a table');
      const errors: RowError[] = [];
      const valid: { code: string; beds: number }[] = [];
      let rows = 0;
      for await (const { row, values } of readTable(body.stream, body.format)) {
        rows += 1;
        const beds = Number(values.beds);
        if (!Number.isInteger(beds) || beds < 0) errors.push({ row, column: 'beds', message: 'must be a whole number of beds' });
        else valid.push({ code: values.code ?? '', beds });
      }
      const imported = errors.length > 0 || dryRun ? 0 : valid.length;
      const result = { dryRun, rows, imported, errorCount: errors.length, errors };
      // Writes go through the run's transaction; this importer's store is a list.
      return imported === 0 ? result : run.write(async () => (stored.push(...valid), result));
    },
  });
  // Another route of the same app: a text body parser of its own, a result with more, a query field, no dry run.
  importRoute(app, {
    database,
    url: '/api/docs-of-things/import',
    job: 'doc_import',
    access: rolesOnly('admin'),
    tags: ['test'],
    bodyLimit: 10_000,
    accepts: { formats: ['xml', 'json'] },
    expects: (query) => (query.format === 'json' ? { formats: ['json'], noun: 'JSON list' } : { formats: ['xml'], noun: 'XML document' }),
    query: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('xml'), Type.Literal('json')])) }),
    dryRun: false,
    result: ImportResultNoDryRun,
    run: async ({ body }) => ({ rows: body.format === 'xml' ? body.text.length : 1, imported: 0, errorCount: 0, errors: [] }),
  });
  return app;
}

interface ProblemBody {
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

describe('importRoute', () => {
  let app: FastifyInstance;
  // The jobs table: an import run as a job is recorded there.
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    app = await build(testDb.database);
  });
  afterAll(async () => {
    await app.close();
    await testDb.drop();
  });
  beforeEach(() => {
    stored.length = 0;
  });

  it('a dry run reads and checks every row and writes nothing; the same file without it is stored', async () => {
    const csv = 'code,beds\nA1,10\nA2,20\n';
    const dry = await app.inject({ method: 'POST', url: '/api/things/import?dryRun=true', headers: headers('text/csv'), payload: csv });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({ dryRun: true, rows: 2, imported: 0, errorCount: 0, errors: [] });
    expect(stored).toEqual([]);

    const real = await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('text/csv; charset=utf-8'), payload: csv });
    expect(real.json()).toEqual({ dryRun: false, rows: 2, imported: 2, errorCount: 0, errors: [] });
    expect(stored).toEqual([{ code: 'A1', beds: 10 }, { code: 'A2', beds: 20 }]);
  });

  it('reports a bad row with its row number as a spreadsheet shows it (the header is row 1), in CSV and XLSX', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('text/csv'), payload: 'code,beds\nA1,10\nA2,many\nA3,3\n' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, rows: 3, imported: 0, errorCount: 1, errors: [{ row: 3, column: 'beds', message: 'must be a whole number of beds' }] });
    expect(stored).toEqual([]);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('things');
    sheet.addRows([['code', 'beds'], ['B1', -1], ['B2', 5]]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const fromXlsx = await app.inject({ method: 'POST', url: '/api/things/import?dryRun=true', headers: headers(XLSX_TYPE), payload: xlsx });
    expect(fromXlsx.json<{ errors: unknown[] }>().errors).toEqual([{ row: 2, column: 'beds', message: 'must be a whole number of beds' }]);
  });

  it('refuses a body of another type, naming the header and the types it takes', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('application/json'), payload: '{"code":"A1"}' });
    expect(res.statusCode).toBe(400);
    const body = res.json<ProblemBody>();
    expect(body.detail).toBe('Send the file as the body with Content-Type text/csv or the XLSX type.');
    expect(body.errors).toEqual([{ path: '/headers/content-type', message: `must be text/csv or ${XLSX_TYPE}` }]);

    const json = await app.inject({ method: 'POST', url: '/api/docs-of-things/import?format=json', headers: headers('application/xml'), payload: '<a/>' });
    expect(json.statusCode).toBe(400);
    expect(json.json<ProblemBody>().detail).toBe('Send the JSON list as the body with Content-Type application/json.');
  });

  it('takes each format only on the route that declares it, within the size limit', async () => {
    const xml = await app.inject({ method: 'POST', url: '/api/docs-of-things/import', headers: headers('application/xml'), payload: '<a/>' });
    expect(xml.statusCode).toBe(200);
    expect(xml.json()).toEqual({ rows: 4, imported: 0, errorCount: 0, errors: [] });
    // A file of a kind the route does not take is refused by the route, naming what it takes.
    const csvToXml = await app.inject({ method: 'POST', url: '/api/docs-of-things/import', headers: headers('text/csv'), payload: 'a\n1\n' });
    expect(csvToXml.statusCode).toBe(400);
    expect(csvToXml.json<ProblemBody>().detail).toBe('Send the XML document as the body with Content-Type application/xml.');
    const xmlToCsv = await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('application/xml'), payload: '<a/>' });
    expect(xmlToCsv.statusCode).toBe(400);
    expect(xmlToCsv.json<ProblemBody>().errors).toEqual([{ path: '/headers/content-type', message: `must be text/csv or ${XLSX_TYPE}` }]);
    // Another type altogether is Fastify's 415.
    expect((await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('image/png'), payload: 'x' })).statusCode).toBe(415);
    // No dry run is offered there, so the parameter is unknown.
    expect((await app.inject({ method: 'POST', url: '/api/docs-of-things/import?dryRun=true', headers: headers('application/xml'), payload: '<a/>' })).statusCode).toBe(400);

    const big = await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('text/csv'), payload: `code,beds\n${'A1,1\n'.repeat(3000)}` });
    expect(big.statusCode).toBe(413);
    expect(big.json<ProblemBody>().detail).toBe('The file is larger than the import limit of 10000 bytes (CAREBRIDGE_IMPORT_LIMIT).');
    // Sent in chunks without a declared length, the body is counted as it is read.
    const chunked = await app.inject({ method: 'POST', url: '/api/things/import', headers: headers('text/csv'), payload: Readable.from([`code,beds\n${'A1,1\n'.repeat(3000)}`]) });
    expect(chunked.statusCode).toBe(413);
    expect(stored).toEqual([]);
  });

  it('runs as a job for a caller who prefers one: 202 and Location at once, the file read before the answer, the same answer as its result', async () => {
    const csv = 'code,beds\nJ1,7\nJ2,8\n';
    const res = await app.inject({ method: 'POST', url: '/api/things/import', headers: { ...headers('text/csv'), prefer: 'respond-async' }, payload: Readable.from([csv]) });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    const location = String(res.headers.location);
    expect(res.json()).toMatchObject({ kind: 'thing_import', status: 'queued' });
    let job = res.json<{ status: string; resultUrl: string | null; progress: { phase: string } }>();
    for (let i = 0; i < 100 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await app.inject({ url: location, headers: { authorization: 'Bearer admin' } })).json();
    }
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const result = await app.inject({ url: String(job.resultUrl), headers: { authorization: 'Bearer admin' } });
    expect(result.json()).toEqual({ dryRun: false, rows: 2, imported: 2, errorCount: 0, errors: [] });
    expect(stored).toEqual([{ code: 'J1', beds: 7 }, { code: 'J2', beds: 8 }]);
    // A file of the wrong type is refused at once, as without the preference: no job is started for it.
    const refused = await app.inject({ method: 'POST', url: '/api/things/import', headers: { ...headers('application/json'), prefer: 'respond-async' }, payload: '{}' });
    expect(refused.statusCode).toBe(400);
  });

  it('keeps the route behind its access rule, and the shared result schema can be extended', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/things/import', headers: { 'content-type': 'text/csv' }, payload: 'code,beds\n' })).statusCode).toBe(401);
    const extended = importResultWith({ alreadyImported: Type.Integer() });
    expect(Object.keys(extended.properties)).toEqual(['dryRun', 'rows', 'imported', 'errorCount', 'errors', 'alreadyImported']);
  });
});
