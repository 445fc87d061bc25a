import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import { createOrganization } from '../organizations/organizations.service.js';
import type { Totals } from './transactions.schema.js';

const RATES = ['currency,date,rate_per_usd,source', 'JPY,2024-01-02,141.5,test-a', 'JPY,2024-03-01,150,test-b', 'UAH,2024-01-02,37.5,test-a', 'EUR,2024-01-02,0.9,test-a'].join('\n');

for (const dialect of DIALECTS) {
  describe(`transactions and totals on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let projectId = '';
    let jica = '';
    const count = async () => Number((await testDb.database.db.selectFrom('transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const post = (body: object) => app.inject({ method: 'POST', url: '/api/v1/transactions', headers: coordinator, payload: { projectId, providerOrgId: jica, ...body } });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      jica = (await createOrganization(testDb.database, systemContext('test'), { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', iatiOrgId: 'XM-DAC-701-8' })).id;
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      await app.inject({ method: 'POST', url: '/api/v1/fx-rates/import', headers: { ...coordinator, 'content-type': 'text/csv' }, payload: RATES });
      const p = await app.inject({
        method: 'POST', url: '/api/v1/projects', headers: coordinator,
        payload: { reportingOrgId: jica, localId: 'TX-1', title: { en: 'Generators' }, description: { en: 'Generators' }, status: '2', startDate: '2024-01-01', participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 100 }] },
      });
      projectId = p.json<{ id: string }>().id;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('refuses unknown currency, negative or malformed amounts and unknown projects, naming the field, and writes nothing', async () => {
      const paths = async (body: object) => (await post(body)).json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
      expect(await paths({ type: '3', amount: '100', currency: 'XYZ', valueDate: '2024-02-01' })).toEqual(['/currency']);
      expect(await paths({ type: '3', amount: '-5', currency: 'JPY', valueDate: '2024-02-01' })).toEqual(['/amount']);
      expect(await paths({ type: '3', amount: '1,5', currency: 'JPY', valueDate: '2024-02-01' })).toEqual(['/amount']);
      expect(await paths({ type: '3', amount: '100', currency: 'JPY', valueDate: '2024-02-01', projectId: '01900000-0000-7000-8000-000000000000' })).toEqual(['/projectId']);
      expect(await count()).toBe(0);
    });

    it('totals in a chosen currency, pledges apart, each part with its rate, and USD totals equal the sum of the parts', async () => {
      for (const body of [
        { type: '12', amount: '300000000', currency: 'JPY', valueDate: '2024-01-15' },
        { type: '2', amount: '1415000', currency: 'JPY', valueDate: '2024-02-10' },
        { type: '3', amount: '1', currency: 'UAH', valueDate: '2024-02-10' },
        { type: '3', amount: '1', currency: 'UAH', valueDate: '2024-02-11' },
        { type: '3', amount: '333.33', currency: 'UAH', valueDate: '2024-03-05' },
        { type: '3', amount: '100.005', currency: 'USD', valueDate: '2024-03-05' },
      ]) expect((await post(body)).statusCode).toBe(201);
      const usd = (await app.inject({ url: `/api/v1/projects/${projectId}/totals?currency=USD`, headers: coordinator })).json<Totals>();
      expect(usd.pledged.amount).toBe('2120141.34');
      expect(usd.committed.amount).toBe('10000.00');
      expect(usd.committed.parts[0]?.rates).toEqual([{ currency: 'JPY', ratePerUsd: '141.5', date: '2024-01-02', source: 'test-a', ageDays: 39, stale: true }]);
      // 0.03 + 0.03 + 8.89 + 100.00 (100.005 rounds half to even) — not the rounding of the exact sum.
      expect(usd.disbursed.parts.map((p) => p.amount)).toEqual(['0.03', '0.03', '8.89', '100.00']);
      expect(usd.disbursed.amount).toBe('108.95');
      // Open data: HXL flows with the hashtag row under the header, the USD value and the rate used; public fields only.
      const hxl = (await app.inject({ url: '/api/v1/projects/export/hxl?kind=flows' })).body.split('\r\n');
      expect(hxl[1]).toBe('#activity+code,#meta+type+code,#org+name+funding,#org+name+impl,#date,#value,#currency,#value+c_usd,#indicator+num,#date+reported,#meta+source');
      expect(hxl).toContain('XM-DAC-701-8-TX-1,2,JICA,,2024-02-10,1415000,JPY,10000.00,141.5,2024-01-02,test-a');
      expect(hxl.join('\n')).not.toMatch(/lat|lon|facilit/i);
      const threeW = (await app.inject({ url: '/api/v1/projects/export/hxl?kind=3w' })).body.split('\r\n');
      expect(threeW[1]?.startsWith('#org+name,#org+type,#activity+name')).toBe(true);
      const list = (await app.inject({ url: `/api/v1/projects/${projectId}/transactions?limit=2`, headers: coordinator })).json<{ items: { amount: string }[]; nextCursor: string }>();
      expect(list.items.map((t) => t.amount)).toEqual(['300000000', '1415000']);
      expect(list.nextCursor).not.toBeNull();
    });

    it('reports a missing rate for totals instead of assuming 1:1', async () => {
      expect((await post({ type: '3', amount: '10', currency: 'GBP', valueDate: '2024-02-10' })).statusCode).toBe(201);
      const res = await app.inject({ url: `/api/v1/projects/${projectId}/totals?currency=EUR`, headers: coordinator });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(/no GBP rate on or before 2024-02-10/);
      // The same everywhere money is converted: donor totals and the HXL flows refuse before any row is sent.
      const donors = await app.inject({ url: '/api/v1/funding/donors?currency=USD' });
      expect(donors.statusCode).toBe(400);
      expect(donors.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(/no GBP rate on or before 2024-02-10/);
      const flows = await app.inject({ url: '/api/v1/projects/export/hxl?dataset=flows' });
      expect(flows.statusCode).toBe(400);
      expect(flows.body).toMatch(/no GBP rate on or before 2024-02-10/);
    });
  });
}
