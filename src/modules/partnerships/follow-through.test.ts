import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import { newId } from '../../ids.js';
import { importFxRates } from '../funding/fx.service.js';
import { createProject } from '../funding/projects.service.js';
import { createTransaction } from '../funding/transactions.service.js';
import { createOrganization } from '../organizations/organizations.service.js';
import { Readable } from 'node:stream';
import { createAgreement } from './agreements.service.js';
import type { FollowThrough } from './follow-through.schema.js';
import { linkProject } from './links.service.js';
import type { PriorityArea } from './partnerships.schema.js';

const CODELISTS = '../shared/data/iati-2.03/codelists';
const AREAS: readonly PriorityArea[] = ['medicines', 'rehabilitation', 'energy_autonomy'];
const ctx = systemContext('test');

/** Cents as an exact decimal string, the way the totals show money. */
const cents = (n: bigint): string => `${n < 0n ? '-' : ''}${(n < 0n ? -n : n) / 100n}.${String((n < 0n ? -n : n) % 100n).padStart(2, '0')}`;

const txArb = fc.record({ type: fc.constantFrom('1', '2', '3', '4', '11', '12' as const), cents: fc.bigInt({ min: 0n, max: 10_000_000_000n }) });
const projectArb = fc.record({ transactions: fc.array(txArb, { maxLength: 5 }), areas: fc.subarray([...AREAS]) });

for (const dialect of DIALECTS) {
  describe(`follow-through on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let analyst: { authorization: string };
    let jica = '';
    let run = 0;
    const read = async (agreementId: string, currency = 'USD') => {
      const res = await app.inject({ url: `/api/v1/agreements/${agreementId}/follow-through?currency=${currency}`, headers: analyst });
      expect(res.statusCode).toBe(200);
      return res.json<FollowThrough>();
    };
    const newAgreement = async (targets: { quantity: string; unit: string }[] = []) =>
      (await createAgreement(testDb.database, ctx, {
        kind: 'programme', title: { en: `Programme ${run++}` }, status: 'in_force', signedOn: '2024-01-01', startDate: '2024-01-01', endDate: null,
        partnerIds: [jica], signatories: [], pledges: [], areas: AREAS.map((area) => ({ area, targets: area === 'energy_autonomy' ? targets : [] })),
      })).id;
    const newProject = async (facilities: string[] = []) =>
      (await createProject(testDb.database, ctx, {
        reportingOrgId: jica, localId: `FT-${run}-${newId().slice(-12)}`, title: { en: 'Linked project' }, description: { en: 'Linked project' }, status: '2', startDate: '2024-01-01', endDate: null, humanitarian: false,
        participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 100 }], locations: { areas: [], facilities },
      }, CODELISTS)).id;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      jica = (await createOrganization(testDb.database, ctx, { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', iatiOrgId: 'XM-DAC-701-8' })).id;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      await importFxRates(testDb.database, ctx, Readable.from(['currency,date,rate_per_usd,source\nJPY,2024-01-01,150,test\n']));
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('totals per agreement and per area equal the sums of the linked projects’ transactions, pledges apart (property over random links)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(projectArb, { minLength: 1, maxLength: 4 }), async (projects) => {
          const agreementId = await newAgreement();
          const ids: string[] = [];
          for (const p of projects) {
            const projectId = await newProject();
            ids.push(projectId);
            for (const t of p.transactions) await createTransaction(testDb.database, ctx, { projectId, type: t.type, amount: cents(t.cents), currency: 'USD', valueDate: '2024-02-01' });
            for (const area of p.areas) await linkProject(testDb.database, ctx, agreementId, { projectId, area });
          }
          const sum = (list: typeof projects, bucket: readonly string[]) => cents(list.flatMap((p) => p.transactions).filter((t) => bucket.includes(t.type)).reduce((s, t) => s + t.cents, 0n));
          const expectMoney = (list: typeof projects) => ({ pledged: sum(list, ['12']), committed: sum(list, ['2', '11']), disbursed: sum(list, ['3']) });
          const result = await read(agreementId);
          const linked = projects.filter((p) => p.areas.length > 0);
          expect(result.money).toEqual(expectMoney(linked));
          expect(result.projects.map((p) => p.id).sort()).toEqual(ids.filter((_, i) => (projects[i]?.areas.length ?? 0) > 0).sort());
          for (const area of AREAS) {
            const inArea = projects.filter((p) => p.areas.includes(area));
            const got = result.areas.find((a) => a.area === area);
            expect(got?.money).toEqual(expectMoney(inArea));
            expect(got?.projectIds.length).toBe(inArea.length);
            expect(got?.progress).toEqual([]);
          }
        }),
        { numRuns: dialect === 'sqlite' ? 30 : 15 },
      );
    }, 120_000);

    it('rolls a priority area up across agreements, counting a project linked under two agreements once', async () => {
      // Workforce is used by no other test here, so the roll-up holds exactly these agreements.
      const workforceAgreement = async () =>
        (await createAgreement(testDb.database, ctx, {
          kind: 'programme', title: { en: `Workforce ${run++}` }, status: 'draft', signedOn: null, startDate: '2024-01-01', endDate: null,
          partnerIds: [jica], signatories: [], pledges: [], areas: [{ area: 'workforce', targets: [{ quantity: '4', unit: 'projects' }] }],
        })).id;
      const [first, second] = [await workforceAgreement(), await workforceAgreement()];
      const [shared, own] = [await newProject(), await newProject()];
      await createTransaction(testDb.database, ctx, { projectId: shared, type: '3', amount: '100.10', currency: 'USD', valueDate: '2024-03-01' });
      await createTransaction(testDb.database, ctx, { projectId: own, type: '2', amount: '50', currency: 'USD', valueDate: '2024-03-01' });
      await linkProject(testDb.database, ctx, first, { projectId: shared, area: 'workforce' });
      await linkProject(testDb.database, ctx, second, { projectId: shared, area: 'workforce' });
      await linkProject(testDb.database, ctx, second, { projectId: own, area: 'workforce' });
      const res = await app.inject({ url: '/api/v1/priority-areas/workforce/follow-through?currency=USD', headers: analyst });
      expect(res.statusCode).toBe(200);
      const rollup = res.json<{ money: Record<string, string>; projectCount: number; agreements: { agreement: { id: string }; followThrough: { money: Record<string, string>; progress: { achieved: string | null }[] } }[] }>();
      expect(rollup.agreements.map((a) => [a.agreement.id, a.followThrough.money.disbursed, a.followThrough.money.committed, a.followThrough.progress[0]?.achieved])).toEqual([
        [first, '100.10', '0.00', '1'],
        [second, '100.10', '50.00', '2'],
      ]);
      expect(rollup.money).toEqual({ pledged: '0.00', committed: '50.00', disbursed: '100.10' });
      expect(rollup.projectCount).toBe(2);
      const unknown = await app.inject({ url: '/api/v1/priority-areas/astrology/follow-through', headers: analyst });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/area');
    });

    it('links a project over HTTP only to an area the agreement lists, once, and unlinks it', async () => {
      const coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      const agreementId = await newAgreement();
      const projectId = await newProject();
      const count = async () => Number((await testDb.database.db.selectFrom('project_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const link = (body: object) => app.inject({ method: 'POST', url: `/api/v1/agreements/${agreementId}/projects`, headers: coordinator, payload: body });
      const paths = async (body: object) => (await link(body)).json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
      expect(await paths({ projectId, area: 'workforce' })).toEqual(['/area']);
      expect(await paths({ projectId, area: 'cosmetics' })).toEqual(['/area']);
      expect(await paths({ projectId: '01900000-0000-7000-8000-000000000000', area: 'medicines' })).toEqual(['/projectId']);
      expect(await count()).toBe(before);
      expect((await link({ projectId, area: 'medicines' })).statusCode).toBe(201);
      expect((await link({ projectId, area: 'medicines' })).statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: `/api/v1/agreements/${agreementId}/projects`, headers: analyst, payload: { projectId, area: 'rehabilitation' } })).statusCode).toBe(403);
      expect((await read(agreementId)).projects.map((p) => p.id)).toEqual([projectId]);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/agreements/${agreementId}/projects/${projectId}?area=medicines`, headers: coordinator })).statusCode).toBe(204);
      expect((await read(agreementId)).projects).toEqual([]);
      expect(await count()).toBe(before);
    });

    it('converts every linked project’s transactions into the chosen currency as the project totals do', async () => {
      const agreementId = await newAgreement();
      const a = await newProject();
      const b = await newProject();
      await createTransaction(testDb.database, ctx, { projectId: a, type: '12', amount: '1500000', currency: 'JPY', valueDate: '2024-03-01' });
      await createTransaction(testDb.database, ctx, { projectId: a, type: '3', amount: '300000', currency: 'JPY', valueDate: '2024-03-01' });
      await createTransaction(testDb.database, ctx, { projectId: b, type: '3', amount: '1000.50', currency: 'USD', valueDate: '2024-03-01' });
      await linkProject(testDb.database, ctx, agreementId, { projectId: a, area: 'medicines' });
      await linkProject(testDb.database, ctx, agreementId, { projectId: b, area: 'medicines' });
      await linkProject(testDb.database, ctx, agreementId, { projectId: b, area: 'rehabilitation' });
      const usd = await read(agreementId, 'USD');
      // 1,500,000 JPY at 150 per USD is a pledge of 10,000 USD, not money committed or paid.
      expect(usd.money).toEqual({ pledged: '10000.00', committed: '0.00', disbursed: '3000.50' });
      expect(usd.areas.find((x) => x.area === 'rehabilitation')?.money).toEqual({ pledged: '0.00', committed: '0.00', disbursed: '1000.50' });
      const jpy = await read(agreementId, 'JPY');
      expect(jpy.money.disbursed).toBe('450075.00');
      // A rate that is missing is an error naming the field, not 1:1.
      const eur = await app.inject({ url: `/api/v1/agreements/${agreementId}/follow-through?currency=EUR`, headers: analyst });
      expect(eur.statusCode).toBe(400);
      expect(eur.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/currency');
    });
  });
}
