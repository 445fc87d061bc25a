import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import { createOrganization } from '../organizations/organizations.service.js';
import type { Meeting, MeetingCreate, OverdueItem } from './meetings.schema.js';
import type { Agreement, AgreementCreate } from './partnerships.schema.js';

const DOCUMENT_LIMIT = 4096;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(200, 0x20), Buffer.from('%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

for (const dialect of DIALECTS) {
  describe(`agreements, documents and meetings on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let analyst: { authorization: string };
    let jicaOfficer: { authorization: string };
    let whoOfficer: { authorization: string };
    let jica = '';
    let who = '';
    let agreementId = '';
    const count = async (table: 'agreements' | 'agreement_areas' | 'agreement_partners' | 'agreement_documents' | 'meetings' | 'action_items' | 'audit_events') =>
      Number((await testDb.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const counts = async () => Promise.all((['agreements', 'agreement_areas', 'agreement_partners', 'agreement_documents', 'meetings', 'action_items', 'audit_events'] as const).map(count));
    const build = (overrides: Partial<AgreementCreate> = {}): AgreementCreate => ({
      kind: 'memorandum',
      title: { en: 'Memorandum on health cooperation', uk: 'Меморандум про співпрацю в охороні здоров’я', ja: '保健協力覚書' },
      status: 'in_force',
      signedOn: '2024-02-19',
      startDate: '2024-02-19',
      endDate: '2027-02-18',
      partnerIds: [jica],
      signatories: [{ name: 'A. Signatory', position: 'Chief Representative', organizationId: jica }],
      areas: [
        { area: 'energy_autonomy', targets: [{ quantity: '110', unit: 'generators' }, { quantity: '135', unit: 'MW' }] },
        { area: 'rehabilitation', targets: [] },
      ],
      pledges: [{ amount: '15000000000', currency: 'JPY' }],
      ...overrides,
    });
    const meeting = (overrides: Partial<MeetingCreate> = {}): MeetingCreate => ({
      agreementId,
      heldOn: '2024-05-16',
      title: { en: 'Steering meeting', uk: 'Координаційна зустріч' },
      participants: [{ organizationId: jica, role: 'Chief Representative' }],
      areas: ['energy_autonomy'],
      decisions: [{ text: { en: 'Continue support for the autonomous operation of facilities' }, area: 'energy_autonomy' }],
      actionItems: [
        { text: { en: 'Send the list of hospitals' }, owner: 'Ministry, energy unit', dueOn: '2024-06-30' },
        { text: { en: 'Report deliveries' }, owner: 'JICA Ukraine office', dueOn: '2099-01-31' },
        { text: { en: 'Closed item' }, owner: 'JICA', dueOn: '2024-06-01', status: 'done' },
      ],
      ...overrides,
    });
    const postAgreement = (body: unknown) => app.inject({ method: 'POST', url: '/api/v1/agreements', headers: coordinator, payload: body as object });
    const upload = (bytes: Buffer, contentType: string, filename = 'memorandum.pdf') =>
      app.inject({ method: 'POST', url: `/api/v1/agreements/${agreementId}/documents?filename=${encodeURIComponent(filename)}`, headers: { ...coordinator, 'content-type': contentType }, payload: bytes });
    const paths = (res: { json: <T>() => T }) => res.json<{ errors?: { path: string }[] }>().errors?.map((e) => e.path) ?? [];

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb, { CAREBRIDGE_DOCUMENT_LIMIT: String(DOCUMENT_LIMIT) });
      jica = (await createOrganization(testDb.database, systemContext('test'), { nameUk: 'JICA', nameEn: 'Japan International Cooperation Agency', nameJa: '独立行政法人国際協力機構（JICA）', type: 'bilateral_agency', iatiOrgId: 'XM-DAC-701-8' })).id;
      who = (await createOrganization(testDb.database, systemContext('test'), { nameUk: 'ВООЗ', nameEn: 'World Health Organization', type: 'multilateral', iatiOrgId: 'XM-DAC-928' })).id;
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      analyst = (await userWithToken(testDb.database, 'analyst')).headers;
      jicaOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: jica })).headers;
      whoOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: who })).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('refuses an unknown priority area, an end before the start and an unknown partner, naming each field, and writes nothing', async () => {
      const before = await counts();
      const res = await postAgreement(build({ endDate: '2023-12-31', partnerIds: [jica, '01900000-0000-7000-8000-000000000000'], areas: [{ area: 'space_programme', targets: [] }, { area: 'medicines', targets: [] }] }));
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(paths(res).sort()).toEqual(['/areas/0/area', '/endDate', '/partnerIds/1']);
      expect(res.json<{ detail: string }>().detail).toContain('space_programme');
      expect(await postAgreement(build({ areas: [{ area: 'medicines', targets: [] }, { area: 'medicines', targets: [] }] })).then(paths)).toEqual(['/areas/1/area']);
      expect(await postAgreement(build({ areas: [{ area: 'medicines', targets: [{ quantity: 'many', unit: 'packs' }] }] })).then(paths)).toEqual(['/areas/0/targets/0/quantity']);
      expect(await postAgreement(build({ pledges: [{ amount: '-5', currency: 'JPY' }, { amount: '1.5', currency: 'XYZ' }] })).then(paths)).toEqual(['/pledges/0/amount', '/pledges/1/currency']);
      expect(await postAgreement(build({ status: 'signed', signedOn: null })).then(paths)).toEqual(['/signedOn']);
      expect(await counts()).toEqual(before);
    });

    it('records an agreement with partners, areas and targets; a donor officer reads only its own organisation’s', async () => {
      const res = await postAgreement(build());
      expect(res.statusCode).toBe(201);
      const created = res.json<Agreement>();
      agreementId = created.id;
      expect(created.partners.map((p) => [p.id, p.nameJa])).toEqual([[jica, '独立行政法人国際協力機構（JICA）']]);
      expect(created.areas).toEqual([
        { area: 'energy_autonomy', targets: [{ quantity: '110', unit: 'generators' }, { quantity: '135', unit: 'MW' }] },
        { area: 'rehabilitation', targets: [] },
      ]);
      expect((await app.inject({ url: `/api/v1/agreements/${agreementId}`, headers: jicaOfficer })).statusCode).toBe(200);
      expect((await app.inject({ url: `/api/v1/agreements/${agreementId}`, headers: whoOfficer })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/agreements', headers: whoOfficer })).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await app.inject({ url: '/api/v1/agreements', headers: analyst })).json<{ items: { id: string }[] }>().items.map((a) => a.id)).toContain(agreementId);
      expect((await app.inject({ method: 'POST', url: '/api/v1/agreements', headers: analyst, payload: build() })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/v1/agreements', headers: jicaOfficer, payload: build() })).statusCode).toBe(403);
    });

    it('refuses a status change that would end the agreement before it starts, and a stale version', async () => {
      const patch = (body: object) => app.inject({ method: 'PATCH', url: `/api/v1/agreements/${agreementId}`, headers: coordinator, payload: body });
      expect(paths(await patch({ version: 1, endDate: '2020-01-01' }))).toEqual(['/endDate']);
      expect((await patch({ version: 1, status: 'expired' })).json<Agreement>().status).toBe('expired');
      expect((await patch({ version: 1, status: 'in_force' })).statusCode).toBe(409);
      expect((await patch({ version: 2, status: 'in_force' })).json<Agreement>().version).toBe(3);
    });

    it('attaches a PDF and an image with their SHA-256, and gives them back only to those who may read the agreement', async () => {
      const res = await upload(PDF, 'application/pdf');
      expect(res.statusCode).toBe(201);
      const doc = res.json<{ id: string; sha256: string; mediaType: string; sizeBytes: number }>();
      expect(doc).toMatchObject({ mediaType: 'application/pdf', sizeBytes: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
      expect((await upload(PNG, 'application/octet-stream', 'site photo.png')).json<{ mediaType: string }>().mediaType).toBe('image/png');
      const download = await app.inject({ url: `/api/v1/agreements/${agreementId}/documents/${doc.id}`, headers: jicaOfficer });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect((await app.inject({ url: `/api/v1/agreements/${agreementId}/documents/${doc.id}`, headers: whoOfficer })).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/v1/agreements/${agreementId}`, headers: analyst })).json<Agreement>().documents).toHaveLength(2);
    });

    it('refuses a document of a forbidden type, one whose content contradicts its declared type, and one over the size limit, naming the file, and writes nothing', async () => {
      const before = await counts();
      for (const [bytes, type] of [[GIF, 'image/gif'], [EXE, 'application/octet-stream'], [PNG, 'application/pdf'], [Buffer.alloc(0), 'application/pdf']] as const) {
        const res = await upload(bytes, type);
        expect(res.statusCode).toBe(400);
        expect(paths(res)).toEqual(['/file']);
      }
      const big = Buffer.concat([PDF, Buffer.alloc(DOCUMENT_LIMIT, 0x20)]);
      const res = await upload(big, 'application/pdf');
      expect(res.statusCode).toBe(413);
      expect(paths(res)).toEqual(['/file']);
      expect(await counts()).toEqual(before);
    });

    it('refuses action items without an owner or a due date, and unknown areas, naming each item, and writes nothing', async () => {
      const before = await counts();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: coordinator,
        payload: meeting({
          areas: ['energy_autonomy', 'astrology'],
          actionItems: [{ text: { en: 'No owner' }, dueOn: '2024-06-30' }, { text: { en: 'Blank owner' }, owner: '  ', dueOn: '2024-06-30' }, { text: { en: 'No due date' }, owner: 'Ministry' }],
        }),
      });
      expect(res.statusCode).toBe(400);
      expect(paths(res).sort()).toEqual(['/actionItems/0/owner', '/actionItems/1/owner', '/actionItems/2/dueOn', '/areas/1']);
      expect(await counts()).toEqual(before);
    });

    it('records a meeting with decisions and action items, lists the overdue ones by scope, and moves an item to done', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/meetings', headers: coordinator, payload: meeting() });
      expect(res.statusCode).toBe(201);
      const m = res.json<Meeting>();
      expect(m.participants[0]?.organizationName).toEqual({ en: 'Japan International Cooperation Agency', uk: 'JICA', ja: '独立行政法人国際協力機構（JICA）' });
      // Ordered by due date: the done item is never overdue, the 2099 one not yet.
      expect(m.actionItems.map((a) => [a.dueOn, a.overdue])).toEqual([['2024-06-01', false], ['2024-06-30', true], ['2099-01-31', false]]);
      const overdue = async (headers: { authorization: string }, asOf = '2025-01-01') =>
        (await app.inject({ url: `/api/v1/action-items/overdue?asOf=${asOf}`, headers })).json<{ items: OverdueItem[] }>().items;
      const items = await overdue(coordinator);
      expect(items.map((i) => i.text.en)).toEqual(['Send the list of hospitals']);
      expect(items[0]?.daysOverdue).toBe(185);
      expect(items[0]?.meetingTitle.en).toBe('Steering meeting');
      expect(await overdue(jicaOfficer)).toHaveLength(1);
      expect(await overdue(whoOfficer)).toEqual([]);
      expect((await app.inject({ url: `/api/v1/meetings/${m.id}`, headers: whoOfficer })).statusCode).toBe(404);
      const item = items[0] as OverdueItem;
      const done = await app.inject({ method: 'PATCH', url: `/api/v1/action-items/${item.id}`, headers: coordinator, payload: { version: item.version, status: 'done' } });
      expect(done.json<{ status: string; overdue: boolean }>()).toMatchObject({ status: 'done', overdue: false });
      expect(await overdue(coordinator)).toEqual([]);
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/action-items/${item.id}`, headers: coordinator, payload: { version: item.version, status: 'open' } })).statusCode).toBe(409);
    });
  });
}
