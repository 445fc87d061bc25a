import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from '../config.js';
import type { DB } from './tables.js';

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  kind: DatabaseKind;
  sqlitePath?: string | undefined;
  poolSize?: number;
}

// PostgreSQL returns int8 (count(*)) and numeric as strings; counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Kysely prepares every query afresh; with better-sqlite3, preparing costs as
 * much as running a small indexed query. Queries are built from a fixed set of
 * shapes (values are bound), so caching prepared statements by SQL text pays
 * for itself. Safe because the driver runs one statement at a time and we do
 * not stream (a statement is never reused while still iterating).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Opens the database named by the configuration: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.kind === 'sqlite') {
    const file = options.sqlitePath ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle connection can die (a server restart, a failover): the pool drops it and opens another on
  // the next query. Without a listener, Node would treat the pool's 'error' event as a crash.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost while idle: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}
