import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { createFacility } from '../facilities/facilities.service.js';
import { verifyAudit } from './audit.service.js';

for (const dialect of DIALECTS) {
  describe(`audit chain on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      for (let i = 0; i < 5; i++) await createFacility(testDb.database, systemContext('t'), buildFacility());
    });
    afterAll(() => testDb.drop());

    it('is intact after writes, and a failed write leaves no event', async () => {
      expect(await verifyAudit(testDb.database.db)).toEqual({ ok: true, count: 5 });
      await expect(createFacility(testDb.database, systemContext('t'), buildFacility({ areaKatottg: 'UA99000000000000000' }))).rejects.toMatchObject({ code: 'validation_failed' });
      expect(await verifyAudit(testDb.database.db)).toEqual({ ok: true, count: 5 });
    });

    it('names the altered, deleted or reordered event', async () => {
      const db = testDb.database.db;
      await db.updateTable('audit_events').set({ action: 'delete' }).where('seq', '=', 3).execute();
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenSeq: 3 });
      await db.updateTable('audit_events').set({ action: 'create' }).where('seq', '=', 3).execute();
      expect(await verifyAudit(db)).toMatchObject({ ok: true });

      const row4 = await db.selectFrom('audit_events').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
      await db.deleteFrom('audit_events').where('seq', '=', 4).execute();
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenSeq: 4 });
      await db.insertInto('audit_events').values(row4).execute();

      // Swap the contents of events 1 and 2 keeping their seq: the chain no longer links.
      const [a, b] = await db.selectFrom('audit_events').selectAll().where('seq', 'in', [1, 2]).orderBy('seq').execute();
      if (a === undefined || b === undefined) throw new Error('setup');
      await sql`update audit_events set seq = -1 where seq = 1`.execute(db);
      await db.updateTable('audit_events').set({ ...a, seq: 2 }).where('seq', '=', 2).execute();
      await db.updateTable('audit_events').set({ ...b, seq: 1 }).where('seq', '=', -1).execute();
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenSeq: 1 });
    });
  });
}
