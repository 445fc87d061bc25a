import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { systemContext } from '../../context.js';
import { newId } from '../../ids.js';
import { donorTotals } from '../../modules/funding/donors.service.js';
import { importFxRates } from '../../modules/funding/fx.service.js';
import { createProject } from '../../modules/funding/projects.service.js';
import { projectTotals } from '../../modules/funding/transactions.service.js';
import { insertTransactions } from '../../modules/funding/transactions.repository.js';
import { migrateToLatest } from '../migrate.js';

const ctx = systemContext('test');

for (const dialect of DIALECTS) {
  describe(`migration 0020-funding-rollups on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect, { upTo: '0019-notifications' });
    }, 60_000);
    afterAll(async () => testDb.drop());

    it('converts the transactions already stored and fills every roll-up from them', async () => {
      const { database } = testDb;
      await importFxRates(database, ctx, Readable.from(['currency,date,rate_per_usd,source\nJPY,2024-01-01,150,test\nEUR,2024-01-01,0.8,test\n']));
      // Written as the code before 0021 wrote organisations (no Japanese name): today's service would write name_ja.
      const jica = newId();
      await database.db.insertInto('organizations').values({ id: jica, name_uk: 'JICA', name_en: 'JICA', type: 'bilateral_agency', country: 'JP', iati_org_id: 'XM-DAC-701-8', parent_id: null, created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z', version: 1 }).execute();
      const project = (await createProject(database, ctx, { reportingOrgId: jica, localId: 'MIG-1', title: { en: 'Before 0020' }, description: { en: 'p' }, status: '2', startDate: '2024-01-01', endDate: null, humanitarian: false, participants: [{ organizationId: jica, role: 'funding' }], sectors: [{ vocabulary: '1', code: '12220', percentage: 60 }, { vocabulary: '1', code: '12230', percentage: 40 }], locations: { areas: [], facilities: [] } }, '../shared/data/iati-2.03/codelists')).id;
      const tx = (type: string, amount: string, currency: string) => ({ id: newId(), project_id: project, type, provider_org_id: jica, receiver_org_id: null, amount, currency, value_date: '2024-02-01', transaction_date: null, description: null, created_at: '2024-02-01T00:00:00.000Z' });
      // Written as the code before 0020 wrote them: no conversion, no roll-up.
      await insertTransactions(database.db, [tx('2', '1500000', 'JPY'), tx('3', '300000', 'JPY'), tx('2', '100.01', 'USD')]);

      expect(await migrateToLatest(database)).toContain('0020-funding-rollups');

      expect(await database.db.selectFrom('transaction_amounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toMatchObject({ n: 12 });
      const usd = await donorTotals(database, 'USD');
      expect(usd.donors).toEqual([expect.objectContaining({ organizationId: jica, committed: '10100.01', disbursed: '2000.00', projects: 1, transactions: 3 })]);
      expect(usd.countries[0]?.sectors.map((s) => [s.code, s.committed])).toEqual([['12220', '6060.01'], ['12230', '4040.00']]);
      expect(usd.rates).toEqual([expect.objectContaining({ currency: 'JPY', date: '2024-01-01', transactions: 2, ageDays: 31, stale: false })]);
      const eur = await projectTotals(database, project, 'EUR');
      expect([eur.committed.amount, eur.disbursed.amount]).toEqual(['8080.01', '1600.00']);
      expect(eur.committed.parts[0]?.rates.map((r) => [r.currency, r.ratePerUsd, r.source])).toEqual([['JPY', '150', 'test'], ['EUR', '0.8', 'test']]);
    });
  });
}
