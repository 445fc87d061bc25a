import type { DatabaseKind } from '../../src/config.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemo, type DemoSummary } from '../../src/demo/demo.js';
import { buildTemplate, createTestDatabase, type DatabaseTemplate, type TestDatabase } from './databases.js';
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
  if ((await currentRun()) === undefined) {
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
  const { template, filled } = await buildTemplate(kind, dir, `demo_${seed}`, async (database) => {
    await migrateToLatest(database);
    return loadDemo(database, { scale: SCALE, seed });
  });
  return { template, demo: filled };
}
