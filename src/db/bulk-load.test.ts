import fs from 'node:fs';
import { sql, type Selectable } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { bulkInsert, checkpointAfterBatch, withIndexesDeferred } from './bulk-load.js';
import type { DB } from './tables.js';

type AuditRow = Selectable<DB['audit_events']>;

/** 1,234 events: more than two of SQLite's 500-row statements, a null in every other row. */
const events = (): AuditRow[] =>
  Array.from({ length: 1234 }, (_, i) => ({
    seq: i + 1,
    at: '2025-01-01T00:00:00.000Z',
    actor: i % 2 === 0 ? null : `user${i}`,
    action: 'create',
    entity: 'thing',
    entity_id: `t${i}`,
    change: JSON.stringify({ n: i, text: 'ç’"\'' }),
    request_id: null,
    prev_hash: 'p',
    hash: `h${i}`,
  }));

async function indexNames(testDb: TestDatabase): Promise<string[]> {
  const q =
    testDb.kind === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'audit_events' order by name`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'audit_events' order by indexname`;
  return (await q.execute(testDb.database.db)).rows.map((r) => r.name);
}

for (const dialect of DIALECTS) {
  describe(`bulk load helpers on ${dialect}`, () => {
    let testDb: TestDatabase;
    beforeEach(async () => {
      testDb = await createTestDatabase(dialect);
    });
    afterEach(async () => {
      await testDb.drop();
    });

    it('bulkInsert writes every row as given, nulls and quotes included', async () => {
      const rows = events();
      await bulkInsert(testDb.database.db, dialect, 'audit_events', rows);
      const back = await testDb.database.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
      expect(back.map((r) => ({ ...r, seq: Number(r.seq) }))).toEqual(rows);
    });

    it('withIndexesDeferred drops the secondary indexes for the load and builds the same ones after, also when the load fails', async () => {
      const before = await indexNames(testDb);
      expect(before).toContain('audit_events_entity');
      const during = await withIndexesDeferred(testDb.database, ['audit_events'], async () => {
        await bulkInsert(testDb.database.db, dialect, 'audit_events', events());
        return indexNames(testDb);
      });
      expect(during).not.toContain('audit_events_entity');
      // The primary key's index stays: its check holds during the load.
      expect(during.length).toBe(before.length - 1);
      expect(await indexNames(testDb)).toEqual(before);
      await expect(withIndexesDeferred(testDb.database, ['audit_events'], () => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
      expect(await indexNames(testDb)).toEqual(before);
    });

    it('checkpointAfterBatch leaves an empty write-ahead log on SQLite', async () => {
      await testDb.database.db.transaction().execute((trx) => bulkInsert(trx, dialect, 'audit_events', events()));
      await checkpointAfterBatch(testDb.database);
      if (dialect === 'sqlite') expect(fs.statSync(`${testDb.url.slice('sqlite:'.length)}-wal`).size).toBe(0);
      expect(Number((await sql<{ n: number }>`select count(*) as n from audit_events`.execute(testDb.database.db)).rows[0]?.n)).toBe(1234);
    });
  });
}
