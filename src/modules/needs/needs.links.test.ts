import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { createOrganization } from '../organizations/organizations.service.js';
import { addNeedLink, recordNeedReceipt } from './needs.links.js';
import type { Need, NeedLink } from './needs.schema.js';
import { withTransaction } from '../../db/transaction.js';

const LVIV = 'UA46000000000026241';
const ctx = systemContext('test');

for (const dialect of DIALECTS) {
  describe(`needs and what meets them on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { authorization: string };
    let facilityId = '';
    let projectId = '';
    let jica = '';
    const links = async () => Number((await testDb.database.db.selectFrom('need_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const newNeed = async (quantity: string, unit = 'unit', approve = true): Promise<Need> => {
      const created = (await app.inject({ method: 'POST', url: '/api/v1/needs', headers: admin, payload: { facilityId, category: 'generator', specification: '200 kVA set', quantity, unit, priority: 'critical' } })).json<Need>();
      if (!approve) return created;
      return (await app.inject({ method: 'POST', url: `/api/v1/needs/${created.id}/approve`, headers: admin, payload: { version: created.version } })).json<Need>();
    };
    const tx = async (type: string) =>
      (await app.inject({ method: 'POST', url: '/api/v1/transactions', headers: admin, payload: { projectId, type, amount: '1000', currency: 'USD', valueDate: '2024-05-01', providerOrgId: jica } })).json<{ id: string }>().id;
    const link = (needId: string, body: object) => app.inject({ method: 'POST', url: `/api/v1/needs/${needId}/links`, headers: admin, payload: body });
    const paths = (res: { json: <T>() => T }) => res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      facilityId = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
      jica = (await createOrganization(testDb.database, ctx, { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', iatiOrgId: 'XM-DAC-701-8' })).id;
      const p = await app.inject({
        method: 'POST', url: '/api/v1/projects', headers: admin,
        payload: { reportingOrgId: jica, localId: 'NL-1', title: { en: 'Generators' }, description: { en: 'Generators' }, status: '2', startDate: '2024-01-01', participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 100 }] },
      });
      projectId = p.json<{ id: string }>().id;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('rolls pledges, commitments and disbursements up into the need, pledges apart, and derives its status', async () => {
      const need = await newNeed('4');
      expect(need).toMatchObject({ status: 'approved', pledged: '0', committed: '0', delivered: '0', uncovered: '4' });
      const pledged = (await link(need.id, { transactionId: await tx('12'), quantity: '4' })).json<{ link: NeedLink; need: Need }>();
      expect(pledged.link.stage).toBe('pledged');
      expect(pledged.need).toMatchObject({ status: 'approved', pledged: '4', uncovered: '4' });
      const committed = (await link(need.id, { transactionId: await tx('2'), quantity: '3', unit: 'pcs' })).json<{ need: Need }>().need;
      expect(committed).toMatchObject({ status: 'partially_met', committed: '3', delivered: '0', uncovered: '1' });
      const delivered = (await link(need.id, { transactionId: await tx('3'), quantity: '1.5' })).json<{ need: Need }>().need;
      expect(delivered).toMatchObject({ status: 'partially_met', delivered: '1.5', uncovered: '1' });
      // Expenditure counts as delivered too; once delivered reaches the quantity the need is met.
      expect((await link(need.id, { transactionId: await tx('4'), quantity: '2.5' })).json<{ need: Need }>().need).toMatchObject({ status: 'met', delivered: '4', uncovered: '0' });
      const detail = (await app.inject({ url: `/api/v1/needs/${need.id}`, headers: admin })).json<Need>();
      expect(detail).toMatchObject({ status: 'met', pledged: '4', committed: '3', delivered: '4' });
      const listed = (await app.inject({ url: '/api/v1/needs?status=met', headers: admin })).json<{ items: Need[] }>().items;
      expect(listed.find((n) => n.id === need.id)).toMatchObject({ delivered: '4' });
      const linkList = (await app.inject({ url: `/api/v1/needs/${need.id}/links?limit=3`, headers: admin })).json<{ items: NeedLink[]; nextCursor: string | null }>();
      expect(linkList.items.map((l) => l.stage)).toEqual(['pledged', 'committed', 'delivered']);
      expect(linkList.nextCursor).not.toBeNull();
      const audit = await testDb.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', need.id).where('action', '=', 'roll_up').execute();
      expect(audit).toHaveLength(4);
    });

    it('refuses bad links naming the field and writes nothing', async () => {
      const need = await newNeed('10', 'l');
      const before = await links();
      const commitment = await tx('2');
      expect(paths(await link(need.id, { transactionId: '01900000-0000-7000-8000-000000000000', quantity: '1' }))).toEqual(['/transactionId']);
      expect(paths(await link(need.id, { transactionId: commitment, quantity: '-1' }))).toEqual(['/quantity']);
      expect(paths(await link(need.id, { transactionId: commitment, quantity: '1e3' }))).toEqual(['/quantity']);
      expect(paths(await link(need.id, { transactionId: commitment, quantity: '0' }))).toEqual(['/quantity']);
      expect(paths(await link(need.id, { transactionId: commitment, quantity: '5', unit: 'kg' }))).toEqual(['/unit']);
      expect(paths(await link(need.id, { transactionId: await tx('1'), quantity: '5' }))).toEqual(['/transactionId']);
      const unapproved = await newNeed('1', 'unit', false);
      expect(paths(await link(unapproved.id, { transactionId: commitment, quantity: '1' }))).toEqual(['/needId']);
      expect((await link('01900000-0000-7000-8000-000000000000', { transactionId: commitment, quantity: '1' })).statusCode).toBe(404);
      expect(await links()).toBe(before);
      // A donor officer links only transactions of projects their organisation takes part in.
      const other = (await createOrganization(testDb.database, ctx, { nameUk: 'Інший', nameEn: 'Other donor', type: 'ngo' })).id;
      const otherOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: other })).headers;
      expect((await app.inject({ method: 'POST', url: `/api/v1/needs/${need.id}/links`, headers: otherOfficer, payload: { transactionId: commitment, quantity: '1' } })).statusCode).toBe(403);
      expect(await links()).toBe(before);
      expect((await link(need.id, { transactionId: commitment, quantity: '5', unit: 'litres' })).statusCode).toBe(201);
      expect((await link(need.id, { transactionId: commitment, quantity: '5' })).statusCode).toBe(409);
      expect(await links()).toBe(before + 1);
      const after = (await app.inject({ url: `/api/v1/needs/${need.id}`, headers: admin })).json<Need>();
      expect(after).toMatchObject({ committed: '5', status: 'partially_met' });
    });

    it('removes a link made by mistake, rolling the need back, and keeps the link with its reason in the audit log', async () => {
      const need = await newNeed('2');
      const delivery = (await link(need.id, { transactionId: await tx('3'), quantity: '2' })).json<{ link: NeedLink; need: Need }>();
      expect(delivery.need.status).toBe('met');
      const unlink = (linkId: string, reason: string | undefined, headers = admin, needId = need.id) =>
        app.inject({ method: 'DELETE', url: `/api/v1/needs/${needId}/links/${linkId}${reason === undefined ? '' : `?reason=${encodeURIComponent(reason)}`}`, headers });
      // A reason is required; another donor may not remove it; a receipt's link belongs to supply.
      expect((await unlink(delivery.link.id, undefined)).statusCode).toBe(400);
      const other = (await createOrganization(testDb.database, ctx, { nameUk: 'Ще інший', nameEn: 'Another donor', type: 'ngo' })).id;
      expect((await unlink(delivery.link.id, 'not ours', (await userWithToken(testDb.database, 'donor_officer', { organizationId: other })).headers)).statusCode).toBe(403);
      const { database } = testDb;
      const other5 = await newNeed('5');
      const receipt = await withTransaction(database, (trx) => addNeedLink(trx, database.kind, ctx, { needId: other5.id, quantity: '1', sourceKind: 'receipt', sourceId: 'receipt-9', stage: 'delivered' }));
      expect((await unlink(receipt.link.id, 'wrong need', admin, receipt.need.id)).statusCode).toBe(409);
      expect((await unlink(receipt.link.id, 'wrong need')).statusCode).toBe(404);
      expect(await links()).toBeGreaterThan(0);

      const removed = await unlink(delivery.link.id, 'linked to the wrong need');
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json<Need>()).toMatchObject({ status: 'approved', delivered: '0', uncovered: '2' });
      expect((await app.inject({ url: `/api/v1/needs/${need.id}/links`, headers: admin })).json<{ items: NeedLink[] }>().items).toEqual([]);
      expect((await unlink(delivery.link.id, 'again')).statusCode).toBe(404);
      const audit = await database.db.selectFrom('audit_events').select(['action', 'change']).where('entity_id', '=', delivery.link.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
      expect(JSON.parse(String(audit[1]?.change))).toMatchObject({ reason: 'linked to the wrong need', link: { id: delivery.link.id, quantity: '2' } });
    });

    it('records supply receipts inside the caller transaction, rolling back with it', async () => {
      const need = await newNeed('100', 'pen');
      const { database } = testDb;
      const done = await withTransaction(database, (trx) => recordNeedReceipt(trx, database.kind, ctx, { needId: need.id, sourceId: 'receipt-1', accepted: 60, rejected: 0, countedIn: { unit: 'pens' } }));
      expect(done).toMatchObject({ status: 'partially_met', quantity_delivered: '60' });
      await expect(
        withTransaction(database, async (trx) => {
          await recordNeedReceipt(trx, database.kind, ctx, { needId: need.id, sourceId: 'receipt-2', accepted: 40, rejected: 0, countedIn: { unit: 'pen' } });
          throw new Error('the receipt failed later');
        }),
      ).rejects.toThrow('the receipt failed later');
      const row = await database.db.selectFrom('needs').selectAll().where('id', '=', need.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'partially_met', quantity_delivered: '60' });
      await expect(withTransaction(database, (trx) => recordNeedReceipt(trx, database.kind, ctx, { needId: '01900000-0000-7000-8000-000000000000', sourceId: 'r-x', accepted: 1, rejected: 0, countedIn: { unit: 'pen' } }))).rejects.toMatchObject({
        extra: { errors: [{ path: '/needId' }] },
      });
    });
  });
}
