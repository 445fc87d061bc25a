import path from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemo, type DemoSummary } from '../../src/demo/demo.js';
import { PG_TEMPLATE_PREFIX, createTestDatabase, pgUrl, waitForSessionsToEnd, type DatabaseTemplate, type TestDatabase } from './databases.js';
import { currentRun, onceForRun } from './run-once.js';

/** The small demo that test files load unless they test the loading itself: 1,500 facilities and every module's data. */
const SCALE = 'small';

export interface DemoTestDatabase extends TestDatabase {
  /** What loadDemo returned (its accounts, to sign in as). */
  demo: DemoSummary;
}

/**
 * A new test database holding the small demo (seed 1 unless told). Loading it takes 10–25 s, so it is
 * loaded once per `vitest run` for each dialect and seed, and every file gets a copy: a file copy for
 * SQLite, `create database … template …` for PostgreSQL. Each copy is the file's own, as before.
 */
export async function createDemoDatabase(kind: DatabaseKind, seed = 1): Promise<DemoTestDatabase> {
  if (currentRun() === undefined) {
    const testDb = await createTestDatabase(kind);
    return { ...testDb, demo: await loadDemo(testDb.database, { scale: SCALE, seed }) };
  }
  const built = await demoTemplate(kind, seed);
  return { ...(await createTestDatabase(kind, { template: built.template })), demo: built.demo };
}

/** The run's demo database for this dialect and seed, built by the first file that asks. Copy it; never open it. */
export function demoTemplate(kind: DatabaseKind, seed = 1): Promise<{ template: DatabaseTemplate; demo: DemoSummary }> {
  return onceForRun(`demo-${kind}-${seed}`, (dir) => buildDemoTemplate(kind, seed, dir));
}

async function buildDemoTemplate(kind: DatabaseKind, seed: number, dir: string): Promise<{ template: DatabaseTemplate; demo: DemoSummary }> {
  const load = async (database: Database): Promise<DemoSummary> => {
    try {
      await migrateToLatest(database);
      return await loadDemo(database, { scale: SCALE, seed });
    } finally {
      await database.close();
    }
  };
  if (kind === 'sqlite') {
    const file = path.join(dir, 'demo.db');
    // Closing the last connection checkpoints the WAL into the file, so the file alone is the whole database.
    const demo = await load(openDatabase({ url: `sqlite:${file}`, kind, sqlitePath: file, sqliteSynchronous: 'normal' }));
    return { template: { sqliteFile: file }, demo };
  }
  const run = currentRun();
  if (pgUrl === undefined || run === undefined) throw new Error('PostgreSQL templates need DATABASE_URL=postgres://... and the global setup');
  const name = `${PG_TEMPLATE_PREFIX}${run.id}_demo_${seed}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const demo = await load(openDatabase({ url: url.toString(), kind, poolSize: 5 }));
    // A database is copied only while nobody is connected to it.
    await waitForSessionsToEnd(admin, name);
    return { template: { postgresDatabase: name }, demo };
  } finally {
    await admin.end();
  }
}
