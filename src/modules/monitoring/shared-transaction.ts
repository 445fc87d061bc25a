import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';

/**
 * The database as seen from inside an open transaction: a service of another module that opens its own
 * transaction (database.db.transaction().execute(fn)) runs fn in this one instead, so its write and ours
 * (the sync record, the inbox resolution) commit or roll back together. Kysely cannot nest transactions.
 */
export function joinedTo(database: Database, trx: Transaction<DB>): Database {
  const db = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(fn: (t: Transaction<DB>) => Promise<T>) => fn(target) });
      const value = Reflect.get(target, property, target) as unknown;
      // Kysely keeps its state in private fields, so methods must run on the real transaction.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as Kysely<DB>;
  return { db, kind: database.kind, close: () => Promise.resolve() };
}
