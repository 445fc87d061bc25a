import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import { createOrganization } from '../organizations/organizations.service.js';
import type { Project, ProjectCreate } from './projects.schema.js';

const LVIV = 'UA46000000000026241';

for (const dialect of DIALECTS) {
  describe(`projects (IATI activities) on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let coordinator: { authorization: string };
    let jicaOfficer: { authorization: string };
    let otherOfficer: { authorization: string };
    let jica = '';
    let who = '';
    const count = async () => Number((await testDb.database.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const build = (overrides: Partial<ProjectCreate> = {}): ProjectCreate => ({
      reportingOrgId: jica,
      localId: `P-${Math.random().toString(36).slice(2, 8)}`,
      title: { en: 'Rebuilding Kharkiv hospital', uk: 'Відбудова лікарні', ja: '病院の再建' },
      description: { en: 'Reconstruction of a regional hospital' },
      status: '2',
      startDate: '2024-05-01',
      endDate: '2026-12-31',
      humanitarian: true,
      participants: [{ organizationId: jica, role: 'extending' }, { organizationId: who, role: 'implementing' }],
      sectors: [{ vocabulary: '1', code: '12220', percentage: 66.67 }, { vocabulary: '1', code: '12191', percentage: 33.33 }],
      locations: { areas: [LVIV], facilities: [] },
      budgets: [{ periodStart: '2024-05-01', periodEnd: '2024-12-31', amount: '150000000', currency: 'JPY', valueDate: '2024-05-01' }],
      reconstruction: { phase: 'procurement', percentComplete: 10, milestones: [{ name: 'Tender', due: '2024-06-01', done: true }], ocid: 'ocds-be6bcu-UA-2024-05-20-000123-a' },
      ...overrides,
    });
    const post = (body: unknown, headers = coordinator) => app.inject({ method: 'POST', url: '/api/v1/projects', headers, payload: body as object });
    const paths = (res: { json: <T>() => T }) => res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort();

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const ctx = systemContext('test');
      jica = (await createOrganization(testDb.database, ctx, { nameUk: 'JICA', nameEn: 'JICA', type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8' })).id;
      who = (await createOrganization(testDb.database, ctx, { nameUk: 'ВООЗ', nameEn: 'WHO', type: 'multilateral', iatiOrgId: 'XM-DAC-928' })).id;
      const other = (await createOrganization(testDb.database, ctx, { nameUk: 'Інша', nameEn: 'Other donor', type: 'ngo' })).id;
      coordinator = (await userWithToken(testDb.database, 'coordinator')).headers;
      jicaOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: jica })).headers;
      otherOfficer = (await userWithToken(testDb.database, 'donor_officer', { organizationId: other })).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('creates a reconstruction project with its IATI identifier and lists it by participant', async () => {
      const res = await post(build({ localId: 'KH-001' }), jicaOfficer);
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json<Project>();
      expect(p).toMatchObject({ iatiIdentifier: 'XM-DAC-701-8-KH-001', humanitarian: true, reconstruction: { phase: 'procurement' } });
      expect(p.title.ja).toBe('病院の再建');
      const list = await app.inject({ url: `/api/v1/projects?organizationId=${who}`, headers: otherOfficer });
      expect(list.json<{ items: Project[] }>().items.map((i) => i.id)).toContain(p.id);
      expect((await app.inject({ url: `/api/v1/projects/${p.id}` })).statusCode).toBe(401);
    });

    it('exports the projects of one reporting organisation as IATI 2.03 XML that xmllint validates against the official XSD', async () => {
      const res = await app.inject({ url: '/api/v1/projects/export/iati?org=XM-DAC-701-8' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<iati-identifier>XM-DAC-701-8-KH-001</iati-identifier>');
      expect(res.body).toContain('<narrative xml:lang="ja">病院の再建</narrative>');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iati-export-'));
      const file = path.join(dir, 'export.xml');
      fs.writeFileSync(file, res.body);
      try {
        execFileSync('xmllint', ['--noout', '--schema', '../shared/data/iati-2.03/iati-activities-schema.xsd', file], { stdio: 'pipe' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      expect((await app.inject({ url: '/api/v1/projects/export/iati?org=XM-DAC-000' })).statusCode).toBe(404);
    });

    it('refuses bad sectors, dates, OCIDs and unknown organisations, naming each field, and writes nothing', async () => {
      const before = await count();
      const unknownCode = await post(build({ sectors: [{ vocabulary: '1', code: '99999', percentage: 100 }] }));
      expect(paths(unknownCode)).toEqual(['/sectors/0/code']);
      const withdrawn = await post(build({ sectors: [{ vocabulary: '1', code: '11321', percentage: 100 }] }));
      expect(withdrawn.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(/withdrawn/);
      expect(paths(await post(build({ sectors: [{ vocabulary: '1', code: '12220', percentage: 60 }, { vocabulary: '1', code: '12191', percentage: 30 }] })))).toEqual(['/sectors']);
      expect(paths(await post(build({ startDate: '2025-01-01', endDate: '2024-01-01' })))).toEqual(['/endDate']);
      const ghost = await post(build({ participants: [{ organizationId: jica, role: 'funding' }, { organizationId: '01900000-0000-7000-8000-000000000000', role: 'implementing' }] }));
      expect(paths(ghost)).toEqual(['/participants/1/organizationId']);
      const ocid = await post(build({ reconstruction: { phase: 'design', percentComplete: 0, milestones: [], ocid: 'UA-2024-05-20' } }));
      expect(ocid.statusCode).toBe(400);
      expect(ocid.body).toContain('ocid');
      expect(paths(await post(build({ localId: 'KH-001' })))).toEqual(['/localId']);
      expect((await post(build(), otherOfficer)).statusCode).toBe(403);
      expect(await count()).toBe(before);
    });

    it('refuses bad budgets, unknown facilities and unknown currencies on create, naming the field', async () => {
      const before = await count();
      const budget = { periodStart: '2024-05-01', periodEnd: '2024-12-31', amount: '100', currency: 'JPY', valueDate: '2024-05-01' };
      expect(paths(await post(build({ budgets: [{ ...budget, currency: 'XYZ' }] })))).toEqual(['/budgets/0/currency']);
      expect(paths(await post(build({ budgets: [{ ...budget, amount: '-100' }] })))).toEqual(['/budgets/0/amount']);
      expect(paths(await post(build({ budgets: [{ ...budget, amount: '1,5' }] })))).toEqual(['/budgets/0/amount']);
      expect(paths(await post(build({ locations: { areas: [LVIV], facilities: ['01900000-0000-7000-8000-000000000000'] } })))).toEqual(['/locations/facilities/0']);
      expect(paths(await post(build({ startDate: '2024-02-30' })))).toEqual(['/startDate']);
      expect(await count()).toBe(before);
    });

    it('updates a project with its version, moves reconstruction phases forward only, and keeps results with indicators', async () => {
      const created = (await post(build({ localId: 'KH-PATCH' }))).json<Project>();
      const patch = (body: object, headers = coordinator) => app.inject({ method: 'PATCH', url: `/api/v1/projects/${created.id}`, headers, payload: body });
      const results = [
        {
          type: '1', aggregationStatus: true, title: { en: 'Beds restored', uk: 'Відновлені ліжка' },
          indicators: [{ measure: '1', ascending: true, title: { en: 'Beds in use' }, baseline: { year: 2024, value: '0' }, periods: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', target: '120', actual: '45' }] }],
        },
      ];
      const rec = { phase: 'construction', percentComplete: 40, milestones: [{ name: 'Roof closed', due: '2025-03-01', done: true }], ocid: 'ocds-be6bcu-UA-2024-05-20-000123-a' };
      const ok = await patch({ version: 1, reconstruction: rec, results, status: '2' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Project>()).toMatchObject({ version: 2, reconstruction: { phase: 'construction', percentComplete: 40 }, results, title: created.title });
      expect((await patch({ version: 1, status: '3' })).statusCode).toBe(409);
      const stored = async () => testDb.database.db.selectFrom('projects').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      const snapshot = await stored();
      expect(paths(await patch({ version: 2, reconstruction: { ...rec, phase: 'design' } }))).toEqual(['/reconstruction/phase']);
      expect(paths(await patch({ version: 2, reconstruction: { ...rec, phase: 'operational' } }))).toEqual(['/reconstruction/percentComplete']);
      // The union with null adds a second error on /reconstruction itself; the OCID is named.
      expect(paths(await patch({ version: 2, reconstruction: { ...rec, ocid: 'ocds-be6bcu-2024' } }))).toContain('/reconstruction/ocid');
      expect(paths(await patch({ version: 2, sectors: [{ vocabulary: '1', code: '12220', percentage: 99.99 }] }))).toEqual(['/sectors']);
      expect(paths(await patch({ version: 2, endDate: '2023-01-01' }))).toEqual(['/endDate']);
      expect(paths(await patch({ version: 2, results: [{ ...results[0], indicators: [{ ...results[0]?.indicators[0], periods: [{ periodStart: '2025-12-31', periodEnd: '2025-01-01', target: null, actual: null }] }] }] }))).toEqual(['/results/0/indicators/0/periods/0/periodEnd']);
      expect((await patch({ version: 2, status: '3' }, otherOfficer)).statusCode).toBe(403);
      expect(await stored()).toEqual(snapshot);
      const done = await patch({ version: 2, reconstruction: { ...rec, phase: 'operational', percentComplete: 100 } });
      expect(done.json<Project>()).toMatchObject({ version: 3, reconstruction: { phase: 'operational' } });
      expect(paths(await patch({ version: 3, reconstruction: { ...rec, phase: 'cancelled', percentComplete: 100 } }))).toEqual(['/reconstruction/phase']);
      const audit = await testDb.database.db.selectFrom('audit_events').select('change').where('entity_id', '=', created.id).where('action', '=', 'update').execute();
      expect(audit).toHaveLength(2);
      expect(JSON.parse(audit[1]?.change ?? '{}')).toMatchObject({ before: { reconstruction: expect.stringContaining('construction') as unknown } });
    });
  });
}
