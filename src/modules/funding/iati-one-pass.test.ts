import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { AppError, type RowError } from '../../errors.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { importIati } from './projects.import.js';

/**
 * Issue 18 item 1: one import, dry run or not, reports every problem of the file, those the first pass finds
 * (structure, codelists) and those the second finds (the API's schema and project rules) together, each naming
 * the activity and element, and writes nothing; with skipInvalid only the valid activities are written, nothing
 * of the refused ones (not even an organisation only they name). Also: transaction types 5 and 6 import.
 */
const CODELISTS = '../shared/data/iati-2.03/codelists';
const ctx = systemContext('test');
const UNKNOWN_AREA = 'UA99999999999999999';

interface Handmade {
  id: string;
  participant?: string;
  location?: string;
  sector?: string;
  transactions?: [type: string, value: string][];
}

/** A small IATI 2.03 activity of JICA's, valid unless a part says otherwise. */
function activity({ id, participant = 'JICA', location, sector = '12220', transactions = [['3', '1000']] }: Handmade): string {
  return `<iati-activity last-updated-datetime="2024-03-01T00:00:00Z" xml:lang="en" default-currency="USD">
  <iati-identifier>XM-DAC-701-8-${id}</iati-identifier>
  <reporting-org ref="XM-DAC-701-8" type="10"><narrative>JICA</narrative></reporting-org>
  <title><narrative>Activity ${id}</narrative></title>
  <description><narrative>Handmade for the one-pass test.</narrative></description>
  <participating-org ref="${participant === 'JICA' ? 'XM-DAC-701-8' : 'XI-TEST-1'}" role="4" type="${participant === 'JICA' ? '10' : '21'}"><narrative>${participant}</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2024-01-01"/>
  ${location === undefined ? '' : `<location ref="${location}"/>`}
  <sector vocabulary="1" code="${sector}" percentage="100"/>
  ${transactions.map(([type, value]) => `<transaction><transaction-type code="${type}"/><transaction-date iso-date="2024-02-01"/><value value-date="2024-02-01">${value}</value></transaction>`).join('\n  ')}
</iati-activity>`;
}

const file = (...activities: Handmade[]) => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-03-01T00:00:00Z">
${activities.map(activity).join('\n')}
</iati-activities>
`;

// Activity 1: a transaction type off the codelist (first pass). Activity 2: an area we do not hold (second pass),
// and the only activity naming "Only in two". Activity 3: both kinds at once. Activity 4: valid.
const MIXED = file(
  { id: 'OP-1', transactions: [['99', '1000']] },
  { id: 'OP-2', location: UNKNOWN_AREA, participant: 'Only in two' },
  { id: 'OP-3', location: UNKNOWN_AREA, sector: '99999' },
  { id: 'OP-4' },
);
const EXPECTED: RowError[] = [
  { row: 1, column: 'transaction[1]/transaction-type/@code', message: 'activity XM-DAC-701-8-OP-1: "99" is not on the IATI TransactionType codelist' },
  { row: 2, column: 'location[1]', message: `activity XM-DAC-701-8-OP-2: no area with code "${UNKNOWN_AREA}"` },
  { row: 3, column: 'sector[1]/@code', message: 'activity XM-DAC-701-8-OP-3: "99999" is not on the IATI Sector codelist' },
  { row: 3, column: 'location[1]', message: `activity XM-DAC-701-8-OP-3: no area with code "${UNKNOWN_AREA}"` },
];

for (const dialect of DIALECTS) {
  describe(`IATI import reports every problem in one pass on ${dialect}`, () => {
    let t: TestDatabase;
    const count = async (table: 'projects' | 'transactions' | 'organizations') => (await t.database.db.selectFrom(table).select('id').execute()).length;
    const counts = async () => ({ projects: await count('projects'), transactions: await count('transactions'), organizations: await count('organizations') });
    const none = { projects: 0, transactions: 0, organizations: 0 };
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('a dry run lists the codelist and the project-rule problems of different activities together, and writes nothing', async () => {
      const r = await importIati(t.database, ctx, () => [MIXED], CODELISTS, { dryRun: true });
      expect(r.errors).toEqual(EXPECTED);
      // Nothing would be written without skipInvalid: the counts say so.
      expect(r).toMatchObject({ dryRun: true, activities: 0, transactions: 0, organizationsCreated: 0, errorCount: 4, skipped: 3 });
      expect(await counts()).toEqual(none);
    });

    it('a real import refuses with the same list, and writes nothing', async () => {
      let refused: unknown;
      try {
        await importIati(t.database, ctx, () => [MIXED], CODELISTS);
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).message).toMatch(/^4 problem\(s\) in the IATI file; nothing was imported\./);
      expect((refused as AppError).extra.rowErrors).toEqual(EXPECTED);
      expect(await counts()).toEqual(none);
    });

    it('with skipInvalid writes only the valid activity, and nothing of the refused ones (not their organisations)', async () => {
      const dry = await importIati(t.database, ctx, () => [MIXED], CODELISTS, { dryRun: true, skipInvalid: true });
      expect(dry).toMatchObject({ activities: 1, transactions: 1, organizationsCreated: 1, errorCount: 4, skipped: 3 });
      expect(await counts()).toEqual(none);
      const r = await importIati(t.database, ctx, () => [MIXED], CODELISTS, { skipInvalid: true });
      expect(r.errors).toEqual(EXPECTED);
      expect(r).toMatchObject({ dryRun: false, activities: 1, transactions: 1, organizationsCreated: 1, skipped: 3 });
      expect(await t.database.db.selectFrom('projects').select('iati_identifier').execute()).toEqual([{ iati_identifier: 'XM-DAC-701-8-OP-4' }]);
      expect((await t.database.db.selectFrom('organizations').select('name_en').execute()).map((o) => o.name_en)).toEqual(['JICA']);
    });

    it('imports interest (type 5) and loan repayment (type 6), as loan-giving agencies publish them', async () => {
      const loan = file({ id: 'LOAN-1', transactions: [['2', '500000'], ['3', '500000'], ['5', '1250.50'], ['6', '20000']] });
      const r = await importIati(t.database, ctx, () => [loan], CODELISTS);
      expect(r).toMatchObject({ activities: 1, transactions: 4, errorCount: 0 });
      const project = await t.database.db.selectFrom('projects').select('id').where('iati_identifier', '=', 'XM-DAC-701-8-LOAN-1').executeTakeFirstOrThrow();
      const stored = await t.database.db.selectFrom('transactions').select(['type', 'amount']).where('project_id', '=', project.id).orderBy('type').execute();
      expect(stored.map((x) => [x.type, Number(x.amount)])).toEqual([['2', 500000], ['3', 500000], ['5', 1250.5], ['6', 20000]]);
    });
  });
}
