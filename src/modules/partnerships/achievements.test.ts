import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import { createOrganization } from '../organizations/organizations.service.js';
import type { Achievement } from './achievements.schema.js';
import { createAgreement } from './agreements.service.js';
import type { FollowThrough } from './follow-through.schema.js';

const ctx = systemContext('test');
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(100, 0x20), Buffer.from('%%EOF\n')]);

for (const dialect of DIALECTS) {
  describe(`recorded achievements on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let partnerOfficer: { authorization: string };
    let otherOfficer: { authorization: string };
    let coordinatorId = '';
    let agreementId = '';
    let otherAgreementId = '';
    let evidence = '';
    let foreignDocument = '';
    const count = async (table: 'agreement_achievements' | 'audit_events') => Number((await testDb.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const upload = async (id: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/v1/agreements/${id}/documents?filename=training-report.pdf`, headers: { ...coordinator, 'content-type': 'application/pdf' }, payload: PDF });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const record = (payload: Record<string, unknown>, headers = coordinator, id = agreementId) => app.inject({ method: 'POST', url: `/api/v1/agreements/${id}/achievements`, headers, payload });
    const good = () => ({ area: 'mental_health', unit: 'specialists trained', value: '120', achievedOn: '2024-11-30', documentId: evidence, note: 'Lviv course, attendance list' });

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const partner = (await createOrganization(testDb.database, ctx, { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency' })).id;
      const other = (await createOrganization(testDb.database, ctx, { nameUk: 'Інший', nameEn: 'Other', type: 'ngo' })).id;
      const c = await userWithToken(testDb.database, 'coordinator');
      coordinator = c.headers;
      coordinatorId = c.id;
      partnerOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: partner })).headers;
      otherOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: other })).headers;
      const make = async (title: string) =>
        (await createAgreement(testDb.database, ctx, {
          kind: 'memorandum', title: { en: title }, status: 'in_force', signedOn: '2024-02-19', startDate: '2024-02-19', endDate: null, partnerIds: [partner], signatories: [], pledges: [],
          areas: [{ area: 'mental_health', targets: [{ quantity: '1000', unit: 'specialists trained' }, { quantity: '5', unit: 'facilities' }] }, { area: 'rehabilitation', targets: [] }],
        })).id;
      agreementId = await make('Memorandum');
      otherAgreementId = await make('Another memorandum');
      evidence = await upload(agreementId);
      foreignDocument = await upload(otherAgreementId);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('refuses a bad achievement naming each field, and writes nothing', async () => {
      const before = [await count('agreement_achievements'), await count('audit_events')];
      const cases: [Record<string, unknown>, string][] = [
        [{ area: 'workforce' }, '/area'],
        [{ area: 'no_such_area' }, '/area'],
        [{ unit: 'facilities' }, '/unit'],
        [{ unit: 'psychologists hired' }, '/unit'],
        [{ area: 'rehabilitation' }, '/unit'],
        [{ value: '0' }, '/value'],
        [{ value: '-3' }, '/value'],
        [{ achievedOn: '2999-01-01' }, '/achievedOn'],
        [{ documentId: foreignDocument }, '/documentId'],
      ];
      for (const [change, path] of cases) {
        const res = await record({ ...good(), ...change });
        expect(res.statusCode, JSON.stringify(change)).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
      }
      expect(await record(good(), partnerOfficer).then((r) => r.statusCode)).toBe(403);
      expect([await count('agreement_achievements'), await count('audit_events')]).toEqual(before);
    });

    it('records achievements with their evidence and recorder, audited, and progress shows their sum with the evidence', async () => {
      const audit = await count('audit_events');
      const first = await record(good());
      expect(first.statusCode, first.body).toBe(201);
      const a = first.json<Achievement>();
      expect(a).toMatchObject({ area: 'mental_health', unit: 'specialists trained', value: '120', achievedOn: '2024-11-30', evidence: { documentId: evidence, filename: 'training-report.pdf', mediaType: 'application/pdf' }, recordedBy: { userId: coordinatorId, name: 'coordinator' } });
      expect(await count('audit_events')).toBe(audit + 1);
      const audited = await testDb.database.db.selectFrom('audit_events').select(['action', 'entity']).where('entity_id', '=', a.id).execute();
      expect(audited).toEqual([{ action: 'create', entity: 'agreement_achievement' }]);
      expect((await record({ ...good(), value: '80.5', achievedOn: '2025-03-01' })).statusCode).toBe(201);

      const list = await app.inject({ url: `/api/v1/agreements/${agreementId}/achievements`, headers: partnerOfficer });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: Achievement[] }>().items.map((i) => i.value)).toEqual(['120', '80.5']);
      expect((await app.inject({ url: `/api/v1/agreements/${agreementId}/achievements`, headers: otherOfficer })).statusCode).toBe(404);

      const ft = (await app.inject({ url: `/api/v1/agreements/${agreementId}/follow-through`, headers: partnerOfficer })).json<FollowThrough>();
      const progress = ft.areas.find((x) => x.area === 'mental_health')?.progress ?? [];
      expect(progress[0]).toMatchObject({ unit: 'specialists trained', source: 'recorded', achieved: '200.5', percent: 20.1, installed: null });
      expect(progress[0]?.achievements.map((x) => x.evidence.sha256)).toEqual([a.evidence.sha256, a.evidence.sha256]);
      expect(progress[1]).toMatchObject({ unit: 'facilities', source: 'measured', achieved: '0', achievements: [] });
      // Another agreement's figures stay its own.
      const other = (await app.inject({ url: `/api/v1/agreements/${otherAgreementId}/follow-through`, headers: coordinator })).json<FollowThrough>();
      expect(other.areas.find((x) => x.area === 'mental_health')?.progress[0]).toMatchObject({ source: 'recorded', achieved: null, percent: null, achievements: [] });
    });
  });
}
