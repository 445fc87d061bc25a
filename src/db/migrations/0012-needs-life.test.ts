import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { newId } from '../../ids.js';
import { newFacilityRow, storeNewFacilities } from '../../modules/facilities/facilities.service.js';
import { areasByCode, type AreaRef } from '../../modules/geography/geography.service.js';
import { migrateToLatest } from '../migrate.js';
import { withTransaction } from '../transaction.js';

const LVIV = 'UA46000000000026241';

for (const dialect of DIALECTS) {
  describe(`migration 0012-needs-life on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect, { upTo: '0009-assets' });
    }, 60_000);
    afterAll(async () => testDb.drop());

    it('maps open needs to submitted or approved, units to the controlled list, and gives each need its history', async () => {
      const { database } = testDb;
      const at = '2024-03-01T10:00:00.000Z';
      const facility = newFacilityRow(buildFacility({ areaKatottg: LVIV }), (await areasByCode(database.db, [LVIV])).get(LVIV) as AreaRef, at);
      await withTransaction(database, (trx) => storeNewFacilities(trx, database, systemContext('test'), [facility]));
      // The table as 0005 made it is not in today's types.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pre-migration schema
      const old = database.db as unknown as Kysely<any>;
      const approver = await userWithToken(database, 'coordinator');
      const row = (status: string, unit: string, approvedAt: string | null) => ({
        id: newId(), facility_id: facility.id, area_path: facility.area_path, category: 'fuel', specification: 'diesel', quantity: '10', unit, priority: 'high', needed_by: null, status,
        quantity_pledged: '0', quantity_committed: status === 'partially_met' ? '4' : '0', quantity_delivered: '0', approved_by: approvedAt === null ? null : approver.id, approved_at: approvedAt, created_at: at, updated_at: at, version: 1,
      });
      const rows = [row('open', 'l', null), row('open', 'Units', '2024-03-02T09:00:00.000Z'), row('partially_met', 'litres', '2024-03-02T09:00:00.000Z'), row('cancelled', 'wombats', null)];
      await old.insertInto('needs').values(rows).execute();

      expect(await migrateToLatest(database)).toContain('0012-needs-life');

      const after = await database.db.selectFrom('needs').select(['id', 'status', 'unit', 'quantity_rejected', 'quantity_closed', 'unit_price']).orderBy('id').execute();
      expect(after.map((r) => [r.status, r.unit])).toEqual([['submitted', 'litre'], ['approved', 'piece'], ['partially_met', 'litre'], ['cancelled', 'wombats']]);
      expect(after.every((r) => r.quantity_rejected === '0' && r.quantity_closed === '0' && r.unit_price === null)).toBe(true);
      const steps = await database.db.selectFrom('need_transitions').select(['need_id', 'action', 'to_status', 'actor', 'at']).orderBy('need_id').orderBy('at').orderBy('id').execute();
      const of = (i: number) => steps.filter((s) => s.need_id === rows[i]?.id).map((s) => s.action);
      expect([of(0), of(1), of(2), of(3)]).toEqual([['submit'], ['submit', 'approve'], ['submit', 'approve', 'progress'], ['submit', 'cancel']]);
      expect(steps.find((s) => s.need_id === rows[1]?.id && s.action === 'approve')).toMatchObject({ actor: approver.email, at: '2024-03-02T09:00:00.000Z' });
    });
  });
}
