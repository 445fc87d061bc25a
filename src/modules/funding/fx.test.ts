import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';

const GOOD = ['currency,date,rate_per_usd,source', 'JPY,2024-01-02,141.5,test-a', 'JPY,2024-03-01,150,test-b', 'UAH,2024-01-02,37.5,test-a', 'EUR,2024-01-02,0.9,test-a'].join('\n');

for (const dialect of DIALECTS) {
  describe(`FX rates on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let analyst: { authorization: string };
    const count = async () => Number((await testDb.database.db.selectFrom('fx_rates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const upload = (body: string, headers = coordinator) => app.inject({ method: 'POST', url: '/api/v1/fx-rates/import', headers: { ...headers, 'content-type': 'text/csv' }, payload: body });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('refuses a file with bad rows, naming row and column, and writes nothing', async () => {
      const bad = ['currency,date,rate_per_usd,source', 'JPY,2024-01-02,141.5,ok', 'XYZ,2024-01-02,1,src', 'EUR,2024-02-30,0.9,src', 'UAH,2024-01-02,-37,src', 'UAH,2024-01-03,1e3,src', 'JPY,2024-01-02,140,dup', 'GBP,2024-01-02,0.8,'].join('\n');
      const res = await upload(bad);
      expect(res.statusCode).toBe(400);
      const rowErrors = res.json<{ rowErrors: { row: number; column: string }[] }>().rowErrors.map((e) => `${e.row}:${e.column}`);
      expect(rowErrors).toEqual(['3:currency', '4:date', '5:rate_per_usd', '6:rate_per_usd', '7:date', '8:source']);
      expect(await count()).toBe(0);
      expect((await upload(GOOD, analyst)).statusCode).toBe(403);
    });

    it('imports rates, lists them by currency, and will not overwrite a stored rate', async () => {
      const res = await upload(GOOD);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ rows: 4, imported: 4 });
      const again = await upload(['currency,date,rate_per_usd,source', 'JPY,2024-01-02,999,other'].join('\n'));
      expect(again.json<{ rowErrors: { message: string }[] }>().rowErrors[0]?.message).toMatch(/already stored/);
      const list = await app.inject({ url: '/api/v1/fx-rates?currency=JPY&limit=1', headers: analyst });
      const page = list.json<{ items: { date: string; ratePerUsd: string }[]; nextCursor: string }>();
      expect(page.items).toEqual([expect.objectContaining({ date: '2024-01-02', ratePerUsd: '141.5' })]);
      const next = await app.inject({ url: `/api/v1/fx-rates?currency=JPY&limit=1&cursor=${page.nextCursor}`, headers: analyst });
      expect(next.json<{ items: { date: string }[]; nextCursor: null }>()).toMatchObject({ items: [{ date: '2024-03-01' }], nextCursor: null });
      expect((await app.inject({ url: '/api/v1/fx-rates' })).statusCode).toBe(401);
    });

    it('converts on the value date or the nearest earlier one, and reports a missing rate', async () => {
      const res = await app.inject({ url: '/api/v1/fx-rates/convert?amount=1415000&currency=JPY&to=USD&date=2024-02-10', headers: analyst });
      expect(res.json()).toEqual({ amount: '10000.00', currency: 'USD', original: { amount: '1415000', currency: 'JPY', valueDate: '2024-02-10' }, rates: [{ currency: 'JPY', ratePerUsd: '141.5', date: '2024-01-02', source: 'test-a', ageDays: 39, stale: true }] });
      const missing = await app.inject({ url: '/api/v1/fx-rates/convert?amount=100&currency=JPY&to=USD&date=2023-12-01', headers: analyst });
      expect(missing.statusCode).toBe(400);
      expect(missing.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({ path: '/currency', message: expect.stringMatching(/no JPY rate on or before 2023-12-01/) as unknown });
      const unknown = await app.inject({ url: '/api/v1/fx-rates/convert?amount=100&currency=XYZ&to=USD&date=2024-02-01', headers: analyst });
      expect(unknown.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/currency');
      const negative = await app.inject({ url: '/api/v1/fx-rates/convert?amount=1e5&currency=JPY&to=USD&date=2024-02-01', headers: analyst });
      expect(negative.statusCode).toBe(400);
    });
  });
}
