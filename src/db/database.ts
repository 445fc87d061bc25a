import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
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
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}
