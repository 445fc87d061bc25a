import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { callerReaderOf, cheapReaderOf, readerOf } from './database.js';
import type { IdempotencyKeysTable } from './tables.js';
import { withTransaction } from './transaction.js';

const row = (key: string): IdempotencyKeysTable => ({ key, scope: 'transaction-test', body_hash: 'h', status: 200, response: '{}', created_at: '2024-01-01T00:00:00.000Z' });

describe.each(DIALECTS)('withTransaction (%s)', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const keys = async (): Promise<string[]> =>
    (await testDb.database.db.selectFrom('idempotency_keys').select('key').where('scope', '=', 'transaction-test').orderBy('key').execute()).map((r) => r.key);

  it('commits a top-level transaction', async () => {
    const value = await withTransaction(testDb.database, async (trx) => {
      await trx.insertInto('idempotency_keys').values(row('top')).execute();
      return 42;
    });
    expect(value).toBe(42);
    expect(await keys()).toContain('top');
  });

  it('runs a nested one in the outer transaction: the inner sees the outer write, and rolls back with it', async () => {
    let innerSaw: string[] = [];
    await expect(
      withTransaction(testDb.database, async (trx, joined) => {
        await trx.insertInto('idempotency_keys').values(row('outer')).execute();
        // What a service of another module does when handed `joined`: it opens "its own" transaction.
        await withTransaction(joined, async (inner, again) => {
          expect(inner).toBe(trx);
          expect(again.transaction).toBe(trx);
          innerSaw = (await inner.selectFrom('idempotency_keys').select('key').where('key', '=', 'outer').execute()).map((r) => r.key);
          await inner.insertInto('idempotency_keys').values(row('inner')).execute();
        });
        throw new Error('the outer fails after the inner wrote');
      }),
    ).rejects.toThrow('the outer fails');
    expect(innerSaw).toEqual(['outer']);
    expect(await keys()).not.toContain('outer');
    expect(await keys()).not.toContain('inner');
  });

  it('commits the inner write with the outer one', async () => {
    await withTransaction(testDb.database, async (_trx, joined) => {
      await withTransaction(joined, (inner) => inner.insertInto('idempotency_keys').values(row('inner-kept')).execute());
    });
    expect(await keys()).toContain('inner-kept');
  });

  it('gives a joined context the dialect and no other connection: every reader is the transaction', async () => {
    await withTransaction(testDb.database, async (trx, joined) => {
      expect(joined.kind).toBe(kind);
      expect(joined.db).toBe(trx);
      expect(joined.readDb).toBeUndefined();
      expect(joined.callerDb).toBeUndefined();
      for (const reader of [readerOf(joined), cheapReaderOf(joined), callerReaderOf(joined)]) expect(reader).toBe(trx);
      await trx.insertInto('idempotency_keys').values(row('uncommitted')).execute();
      // The test database's own read-only connection (SQLite) does not see it yet; the joined context's readers do.
      const seen = await cheapReaderOf(joined).selectFrom('idempotency_keys').select('key').where('key', '=', 'uncommitted').execute();
      expect(seen).toHaveLength(1);
      const outside = await callerReaderOf(testDb.database).selectFrom('idempotency_keys').select('key').where('key', '=', 'uncommitted').execute();
      if (testDb.database.callerDb !== undefined) expect(outside).toHaveLength(0);
    });
  });
});
