import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgUrl, type TestDatabase } from '../../test/support/databases.js';
import { loadConfig } from '../config.js';
import { systemContext } from '../context.js';
import { donorTotals } from '../modules/funding/donors.service.js';
import { importFxRates } from '../modules/funding/fx.service.js';
import { projectBatches } from '../modules/funding/projects.export.js';
import { openDatabase, type Database } from './database.js';
import pg from 'pg';

/** The sessions of one database by pool (application_name), with the last statement each ran, read from outside the pools. */
async function sessions(url: string, name: string): Promise<{ pid: number; application_name: string; query: string }[]> {
  const probe = new pg.Client({ connectionString: url, application_name: 'probe' });
  await probe.connect();
  try {
    return (await probe.query<{ pid: number; application_name: string; query: string }>('select pid, application_name, query from pg_stat_activity where datname = $1', [name])).rows;
  } finally {
    await probe.end();
  }
}

// The same server twice stands in for a replica: what matters is which connection a read takes.
describe.runIf(pgUrl !== undefined)('PostgreSQL pool size and read replica', () => {
  let testDb: TestDatabase;
  let database: Database;
  let name = '';
  /** The test harness's own pool (also "carebridge"), not counted as the pool under test. */
  let harness = new Set<number>();
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    name = new URL(testDb.url).pathname.slice(1);
    await importFxRates(testDb.database, systemContext('test'), Readable.from(['currency,date,rate_per_usd,source\nEUR,2024-01-01,0.9,test\n']));
    harness = new Set((await sessions(testDb.url, name)).map((s) => s.pid));
    database = openDatabase({ url: testDb.url, kind: 'postgres', poolSize: 3, readUrl: testDb.url });
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('reads configuration: CAREBRIDGE_PG_POOL and DATABASE_READ_URL (PostgreSQL only)', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/x', DATABASE_READ_URL: 'postgres://replica/x', CAREBRIDGE_PG_POOL: '40' });
    expect(config.pgPoolSize).toBe(40);
    expect(config.databaseReadUrl).toBe('postgres://replica/x');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }).databaseReadUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:./x.db', DATABASE_READ_URL: 'postgres://replica/x' })).toThrow(/DATABASE_READ_URL: a read replica is for PostgreSQL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', CAREBRIDGE_PG_POOL: '0' })).toThrow(/CAREBRIDGE_PG_POOL: must be an integer from 1/);
  });

  it('sends donor totals and exports to the read connection, writes to the primary', async () => {
    await donorTotals(database, 'EUR');
    const afterTotals = await sessions(testDb.url, name);
    expect(afterTotals.filter((s) => s.application_name === 'carebridge-read').map((s) => s.query).join('\n')).toMatch(/funding_rollups/);
    for await (const batch of projectBatches(database)) expect(batch.projects).toEqual([]);
    const afterExport = await sessions(testDb.url, name);
    expect(afterExport.filter((s) => s.application_name === 'carebridge-read').map((s) => s.query).join('\n')).toMatch(/from "projects"/);
    expect(afterExport.filter((s) => s.application_name === 'carebridge' && !harness.has(s.pid)).map((s) => s.query).join('\n')).not.toMatch(/from "projects"/);
  });

  it('opens at most CAREBRIDGE_PG_POOL connections per pool', async () => {
    await Promise.all(Array.from({ length: 8 }, () => database.db.selectNoFrom((eb) => eb.fn<number>('pg_sleep', [eb.val(0.2)]).as('s')).execute()));
    const primary = (await sessions(testDb.url, name)).filter((s) => s.application_name === 'carebridge' && !harness.has(s.pid));
    expect(primary.length).toBeGreaterThan(0);
    expect(primary.length).toBeLessThanOrEqual(3);
  });
});
