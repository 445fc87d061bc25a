import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { userWithToken } from '../../../test/support/factories.js';
import type { Organization } from './organizations.schema.js';

for (const dialect of DIALECTS) {
  describe(`organisations API on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { authorization: string };
    const count = async () => Number((await testDb.database.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('creates an agency under its government, updates it with a version, and lists by type and text', async () => {
      const gov = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Уряд Японії', nameEn: 'Government of Japan', type: 'donor_government', country: 'JP', iatiOrgId: 'XM-DAC-701' } });
      expect(gov.statusCode, gov.body).toBe(201);
      const jica = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'JICA', nameEn: 'Japan International Cooperation Agency', type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8', parentId: gov.json<Organization>().id } });
      expect(jica.statusCode, jica.body).toBe(201);
      const id = jica.json<Organization>().id;
      const upd = await app.inject({ method: 'PATCH', url: `/api/v1/organizations/${id}`, headers: admin, payload: { version: 1, nameUk: 'Японське агентство міжнародного співробітництва' } });
      expect(upd.json<Organization>()).toMatchObject({ version: 2, nameUk: 'Японське агентство міжнародного співробітництва' });
      expect((await app.inject({ method: 'PATCH', url: `/api/v1/organizations/${id}`, headers: admin, payload: { version: 1, nameEn: 'x' } })).statusCode).toBe(409);
      const list = await app.inject({ url: '/api/v1/organizations?type=bilateral_agency&q=japan' });
      expect(list.json<{ items: Organization[] }>().items.map((o) => o.iatiOrgId)).toEqual(['XM-DAC-701-8']);
      expect((await app.inject({ url: `/api/v1/organizations/${id}` })).json<Organization>().parentId).toBe(gov.json<Organization>().id);
    });

    it('stores, changes and clears a Japanese name, and refuses one over 300 characters without writing', async () => {
      const created = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Посольство Японії в Україні', nameEn: 'Embassy of Japan in Ukraine', nameJa: '在ウクライナ日本国大使館', type: 'donor_government', country: 'JP' } });
      expect(created.statusCode, created.body).toBe(201);
      const embassy = created.json<Organization>();
      expect(embassy.nameJa).toBe('在ウクライナ日本国大使館');
      expect((await app.inject({ url: `/api/v1/organizations/${embassy.id}` })).json<Organization>().nameJa).toBe('在ウクライナ日本国大使館');
      expect((await app.inject({ url: `/api/v1/organizations?q=${encodeURIComponent('日本国大使館')}` })).json<{ items: Organization[] }>().items.map((o) => o.id)).toEqual([embassy.id]);

      const before = await count();
      const tooLong = '大'.repeat(301);
      const refusedCreate = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Довга', nameEn: 'Long', nameJa: tooLong, type: 'ngo' } });
      expect(refusedCreate.statusCode).toBe(400);
      expect(refusedCreate.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/nameJa');
      const refusedUpdate = await app.inject({ method: 'PATCH', url: `/api/v1/organizations/${embassy.id}`, headers: admin, payload: { version: 1, nameJa: tooLong } });
      expect(refusedUpdate.statusCode).toBe(400);
      expect(refusedUpdate.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/nameJa');
      expect(await count()).toBe(before);
      expect((await app.inject({ url: `/api/v1/organizations/${embassy.id}` })).json<Organization>()).toMatchObject({ version: 1, nameJa: '在ウクライナ日本国大使館' });

      const cleared = await app.inject({ method: 'PATCH', url: `/api/v1/organizations/${embassy.id}`, headers: admin, payload: { version: 1, nameJa: null } });
      expect(cleared.json<Organization>()).toMatchObject({ version: 2, nameJa: null, nameEn: 'Embassy of Japan in Ukraine' });
    });

    it('refuses duplicates, unknown parents, bad codes and unknown ids, and writes nothing', async () => {
      const before = await count();
      const dup = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Дубль', nameEn: 'Duplicate', type: 'ngo', iatiOrgId: 'XM-DAC-701-8' } });
      expect(dup.statusCode).toBe(400);
      expect(dup.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/iatiOrgId');
      const orphan = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: 'Сирота', nameEn: 'Orphan', type: 'ngo', parentId: '01900000-0000-7000-8000-000000000000' } });
      expect(orphan.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/parentId');
      const bad = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { nameUk: '', nameEn: 'X', type: 'club', country: 'Japan' } });
      expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['/country', '/nameUk', '/type']);
      expect((await app.inject({ url: '/api/v1/organizations/01900000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
      expect(await count()).toBe(before);
    });
  });
}
