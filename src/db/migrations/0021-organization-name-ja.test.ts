import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { systemContext } from '../../context.js';
import { newId } from '../../ids.js';
import { presentOrganization } from '../../modules/organizations/organizations.presenter.js';
import { getOrganization, listOrganizationPage, updateOrganizationRecord } from '../../modules/organizations/organizations.service.js';
import { migrateToLatest } from '../migrate.js';

for (const dialect of DIALECTS) {
  describe(`migration 0021-organization-name-ja on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect, { upTo: '0020-funding-rollups' });
    }, 60_000);
    afterAll(async () => testDb.drop());

    it('keeps the organisations stored before with no Japanese name, then stores and finds one', async () => {
      const { database } = testDb;
      // The table as 0001 made it has no name_ja, which today's row type requires.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pre-migration schema
      const old = database.db as unknown as Kysely<any>;
      const at = '2025-03-01T10:00:00.000Z';
      const jica = { id: newId(), name_uk: 'Японське агентство міжнародного співробітництва', name_en: 'Japan International Cooperation Agency', type: 'bilateral_agency', country: 'JP', iati_org_id: 'XM-DAC-701-8', parent_id: null, created_at: at, updated_at: at, version: 4 };
      await old.insertInto('organizations').values(jica).execute();

      expect((await migrateToLatest(database))[0]).toBe('0021-organization-name-ja');

      expect(presentOrganization(await getOrganization(database, jica.id))).toEqual({
        id: jica.id, nameUk: jica.name_uk, nameEn: jica.name_en, nameJa: null, type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8', parentId: null, createdAt: at, updatedAt: at, version: 4,
      });
      const named = await updateOrganizationRecord(database, systemContext('test'), jica.id, { version: 4, nameJa: '独立行政法人国際協力機構（JICA）' });
      expect([named.name_ja, named.name_en, named.version]).toEqual(['独立行政法人国際協力機構（JICA）', jica.name_en, 5]);
      // The search reads the new column: in Japanese, and the Latin letters of a Japanese name in any case.
      for (const q of ['国際協力機構', 'jica）']) expect((await listOrganizationPage(database, { q })).rows.map((r) => r.id), q).toEqual([jica.id]);
      expect((await listOrganizationPage(database, { q: '日本国政府' })).rows).toEqual([]);
    });
  });
}
