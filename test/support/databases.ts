import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest, migrateUpTo } from '../../src/db/migrate.js';
import { currentRun, onceForRun } from './run-once.js';

/**
 * The dialects this run tests: SQLite always, PostgreSQL when DATABASE_URL
 * points to a server (CI always sets it). Each test database is new and is
 * dropped afterwards, so files run in parallel without seeing each other.
 */
export const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') === true ? process.env.DATABASE_URL : undefined;
export const DIALECTS: DatabaseKind[] = pgUrl === undefined ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase {
  database: Database;
  url: string;
  kind: DatabaseKind;
  drop(): Promise<void>;
}

/** Names of PostgreSQL databases that test files copy (see demo-database.ts); the global setup drops what is left. */
export const PG_TEMPLATE_PREFIX = 'carebridge_tpl_';

/** A built database that a test database may start as a copy of, instead of an empty migrated one. */
export interface DatabaseTemplate {
  /** SQLite: a closed database file. */
  sqliteFile?: string;
  /** PostgreSQL: a database nobody is connected to. */
  postgresDatabase?: string;
}

/**
 * `upTo` names the last migration to run (a migration's test builds the database as it was before it); default: all.
 * `template`: start as a copy of that database (already migrated) instead.
 */
export async function createTestDatabase(kind: DatabaseKind, options: { upTo?: string; template?: DatabaseTemplate } = {}): Promise<TestDatabase> {
  // Migrating a new PostgreSQL database took 2-5 s, and most files make two or more: within a run, copy one migrated once.
  const template = options.template ?? (options.upTo === undefined && (await currentRun()) !== undefined ? await migratedTemplate(kind) : undefined);
  const migrate = (database: Database) => (template !== undefined ? Promise.resolve() : options.upTo === undefined ? migrateToLatest(database) : migrateUpTo(database, options.upTo));
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-test-'));
    const file = path.join(dir, 'test.db');
    if (template !== undefined) {
      if (template.sqliteFile === undefined) throw new Error('the template has no SQLite file');
      fs.copyFileSync(template.sqliteFile, file);
    }
    // A test database never outlives a power cut, so it skips the per-commit sync (4 ms a commit here).
    const database = openDatabase({ url: `sqlite:${file}`, kind, sqlitePath: file, sqliteSynchronous: 'normal' });
    await migrate(database);
    return {
      database,
      url: `sqlite:${file}`,
      kind,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (pgUrl === undefined) throw new Error('PostgreSQL tests need DATABASE_URL=postgres://...');
  const name = `carebridge_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  if (template === undefined) await admin.query(`create database ${name}`);
  else {
    if (template.postgresDatabase === undefined) throw new Error('the template has no PostgreSQL database');
    await copyDatabase(admin, template.postgresDatabase, name);
  }
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), kind, poolSize: 5 });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    kind,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await waitForSessionsToEnd(c, name);
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * pg's pool resolves end() before its sockets have closed; a forced drop (or a copy) meanwhile would kill
 * those sessions and their clients would raise an uncaught error. Wait for them to go first.
 */
export async function waitForSessionsToEnd(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const open = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
    if (Number(open.rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `create database … template …` refuses while any session is connected to the template ("being accessed by
 * other users", 55006): a builder's pool closing its last sockets. Such a moment passes, so try again.
 */
async function copyDatabase(admin: pg.Client, template: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (e) {
      if (attempt >= 10 || (e as { code?: string }).code !== '55006') throw e;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}

/** An empty database with every migration applied, built once per run for each dialect. Copy it; never open it. */
async function migratedTemplate(kind: DatabaseKind): Promise<DatabaseTemplate> {
  const built = await onceForRun(`migrated-${kind}`, (dir) => buildTemplate(kind, dir, 'migrated', (database) => migrateToLatest(database)));
  return built.template;
}

/**
 * A template database filled by `fill` and closed: a file in `dir` for SQLite, a database named after the run for
 * PostgreSQL (the global setup drops it at the end).
 */
export async function buildTemplate<T>(kind: DatabaseKind, dir: string, name: string, fill: (database: Database) => Promise<T>): Promise<{ template: DatabaseTemplate; filled: T }> {
  const load = async (database: Database): Promise<T> => {
    try {
      return await fill(database);
    } finally {
      await database.close();
    }
  };
  if (kind === 'sqlite') {
    const file = path.join(dir, `${name}.db`);
    // Closing the last connection checkpoints the WAL into the file, so the file alone is the whole database.
    const filled = await load(openDatabase({ url: `sqlite:${file}`, kind, sqlitePath: file, sqliteSynchronous: 'normal' }));
    return { template: { sqliteFile: file }, filled };
  }
  const run = await currentRun();
  if (pgUrl === undefined || run === undefined) throw new Error('PostgreSQL templates need DATABASE_URL=postgres://... and the global setup');
  const database = `${PG_TEMPLATE_PREFIX}${run.id}_${name}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
    const url = new URL(pgUrl);
    url.pathname = `/${database}`;
    const filled = await load(openDatabase({ url: url.toString(), kind, poolSize: 5 }));
    // A database is copied only while nobody is connected to it.
    await waitForSessionsToEnd(admin, database);
    return { template: { postgresDatabase: database }, filled };
  } finally {
    await admin.end();
  }
}
