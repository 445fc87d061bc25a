import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DB } from './tables.js';

/** A context inside an open transaction: `db` and `transaction` are that transaction (withTransaction makes it). */
export type InTransaction = Database & { readonly transaction: Transaction<DB> };

/**
 * The one way to open a transaction (lint forbids `.transaction().execute(` elsewhere). Runs `fn` in a new
 * transaction of `database`, or, when `database` is already a context inside one, in that same one: Kysely cannot
 * nest, and a service another calls inside its transaction must write with it, commit or roll back with it.
 * `joined` is the context to hand such services.
 */
export function withTransaction<T>(database: Database, fn: (trx: Transaction<DB>, joined: InTransaction) => Promise<T>): Promise<T> {
  if (database.transaction !== undefined) return fn(database.transaction, joined(database, database.transaction));
  return database.db.transaction().execute((trx) => fn(trx, joined(database, trx)));
}

/**
 * `database` as seen from inside `trx`. No `readDb` nor `callerDb`: the replica, SQLite's read workers and its
 * read-only connection are other connections, which do not see the transaction's uncommitted writes, so a service
 * given this context would check against rows the transaction has already changed. Without them, every read
 * (readerOf, cheapReaderOf, callerReaderOf) goes through the transaction. `close` does nothing: the connection is its owner's to close.
 */
export function joined(database: Database, trx: Transaction<DB>): InTransaction {
  return { db: trx, kind: database.kind, transaction: trx, close: () => Promise.resolve() };
}
