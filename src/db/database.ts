import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseKind, SqliteSynchronous } from '../config.js';
import { SqliteReadDialect, SqliteReadPool } from './sqlite-read-pool.js';
import { cachedPrepare } from './statement-cache.js';
import type { DB } from './tables.js';

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /**
   * Heavy reads (indicators, exports) go here: PostgreSQL's replica when DATABASE_READ_URL is set;
   * for a SQLite file, worker threads with their own read-only connections (CAREBRIDGE_READ_WORKERS);
   * else undefined: use `db`. It runs single reads only (no transactions).
   */
  readonly readDb?: Kysely<DB>;
  /**
   * For a SQLite file, a second, read-only connection on this thread for the short reads every request makes
   * before its work (who is calling): a long write transaction (an import writes for seconds) holds the main
   * connection, and the caller of a job's progress or Cancel must not wait for its commit. Undefined elsewhere.
   */
  readonly callerDb?: Kysely<DB>;
  /**
   * Set only on a context inside an open transaction (made by withTransaction, transaction.ts): `db` is then this
   * same transaction, and withTransaction runs in it instead of opening another, so a service called inside another's
   * transaction writes, commits and rolls back with it. Such a context has no `readDb` nor `callerDb`: its reads go
   * through the transaction too. Undefined on the database openDatabase returns.
   */
  readonly transaction?: Transaction<DB>;
  close(): Promise<void>;
}

/** Where a heavy read outside a transaction runs: the replica or SQLite's read workers when there are, else the primary. */
export const readerOf = (database: Database): Kysely<DB> => database.readDb ?? database.db;

/**
 * Where a cheap read outside a transaction runs (a few indexed rows, milliseconds): PostgreSQL's replica when there
 * is one, else the primary; on SQLite the main connection, never the read workers. Those threads are few (two by
 * default) and run reads of seconds, so a cheap read queued behind them waits seconds for work it would finish in
 * milliseconds on this thread (issue 14: donor totals, 7 ms alone, waited 10 s under load behind the indicators).
 * It is the sign-in check's read-only connection, not the main one: a read there sees the last commit without
 * waiting for a long write (an import's steps) to finish on the main connection.
 */
export const cheapReaderOf = (database: Database): Kysely<DB> => (database.kind === 'postgres' ? readerOf(database) : callerReaderOf(database));

/** Where a request's sign-in check reads: SQLite's own connection for it when there is one, else the primary. */
export const callerReaderOf = (database: Database): Kysely<DB> => database.callerDb ?? database.db;

export interface DatabaseOptions {
  url: string;
  kind: DatabaseKind;
  sqlitePath?: string | undefined;
  poolSize?: number;
  /** PostgreSQL: a second URL (a replica) for heavy reads, with its own pool of `poolSize`. */
  readUrl?: string | undefined;
  /** SQLite only; default `full`: with WAL, `normal` can lose the last commits on a power cut (never corrupts). */
  sqliteSynchronous?: SqliteSynchronous;
  /** SQLite file only: threads for heavy reads (sqlite-read-pool.ts), started on the first; 0 or omitted: none, reads block the event loop. */
  sqliteReadWorkers?: number;
}

// PostgreSQL returns int8 (count(*)) and numeric as strings; counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** The main connection for Kysely, preparing through the statement cache (statement-cache.ts). */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const prepare = cachedPrepare(sqlite);
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      // SQLite rolls a transaction back by itself on SQLITE_FULL, SQLITE_IOERR and some SQLITE_BUSY
      // cases; Kysely's own rollback would then fail ("no transaction is active") and hide the real cause.
      if (sql === 'rollback' && !sqlite.inTransaction) return ROLLED_BACK_ALREADY;
      return prepare(sql);
    },
  };
}

const ROLLED_BACK_ALREADY = { reader: false, all: () => [], run: () => ({ changes: 0, lastInsertRowid: 0 }), iterate: () => [][Symbol.iterator]() };

/** How long a SQLite connection waits for a lock before SQLITE_BUSY (then 503 with Retry-After). */
const BUSY_TIMEOUT_MS = 5000;

/** Opens the database named by the configuration: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.kind === 'sqlite') {
    const file = options.sqlitePath ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // FULL syncs the write-ahead log at every commit, so an acknowledged write survives a power cut:
    // facilities run on generators that stop. It costs milliseconds per commit (docs/benchmarks.md).
    sqlite.pragma(`synchronous = ${options.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    if (file === ':memory:') return { db, kind: 'sqlite', close: () => db.destroy() };
    // Read-only: in WAL mode it reads the last commit while the main connection's transaction is open, never waiting.
    const callerSqlite = new BetterSqlite3(file, { readonly: true });
    callerSqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const callerDb = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(callerSqlite) }) });
    const workers = options.sqliteReadWorkers ?? 0;
    if (workers === 0) return { db, callerDb, kind: 'sqlite', close: () => closeAll(db, [callerDb]) };
    const readDb = new Kysely<DB>({ dialect: new SqliteReadDialect(new SqliteReadPool({ file, size: workers, busyTimeoutMs: BUSY_TIMEOUT_MS })) });
    return { db, readDb, callerDb, kind: 'sqlite', close: () => closeAll(db, [callerDb, readDb]) };
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pgPool(options.url, options.poolSize ?? 10, 'carebridge') }) });
  if (options.readUrl === undefined) return { db, kind: 'postgres', close: () => db.destroy() };
  const readDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pgPool(options.readUrl, options.poolSize ?? 10, 'carebridge-read') }) });
  return {
    db,
    readDb,
    kind: 'postgres',
    close: () => closeAll(db, [readDb]),
  };
}

/** Readers first: on SQLite the last connection to close checkpoints the write-ahead log into the file, and only the main one can. */
async function closeAll(db: Kysely<DB>, readers: readonly Kysely<DB>[]): Promise<void> {
  for (const reader of readers) await reader.destroy();
  await db.destroy();
}

/** One PostgreSQL pool; its application_name shows in pg_stat_activity which pool (primary or reads) a session is. */
function pgPool(url: string, max: number, applicationName: string): pg.Pool {
  // A request waits at most this long for a connection: with the server away, it gets a 503 rather than a hang.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, application_name: applicationName });
  // An idle connection can die (a server restart, a failover): the pool drops it and opens another on
  // the next query. Without a listener, Node would treat the pool's 'error' event as a crash.
  // The client's own listener below reports it.
  pool.on('error', () => undefined);
  // The pool listens only while a client is idle. A checked-out client whose backend is terminated
  // (pg_terminate_backend, a failover) between two queries emits 'error' with nobody listening, which
  // would end the process. The query in flight, if any, fails on its own and the pool drops the client
  // on release (it is no longer queryable), so this listener only has to report the loss.
  pool.on('connect', (client) => {
    client.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  });
  return pool;
}
