import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, sleep, startServer, terminateBackends, waitForHealth, type Outcome } from '../support/database-loss.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { buildFacility } from '../support/factories.js';

/**
 * The server outlives its database: a terminated PostgreSQL backend, a server that refuses
 * connections, a locked or full SQLite file. Requests in flight get 2xx or 503 problem+json, the
 * process stays up (an unhandled 'error' event would fail this file), and no write is half done.
 * Each test builds its own server and data.
 */

/** Facilities written, and whether each has its history row and audit event: a half write would lack one. */
async function writtenFacilities(testDb: TestDatabase): Promise<Map<string, { history: number; audit: number }>> {
  const { db } = testDb.database;
  const rows = await db
    .selectFrom('facilities as f')
    .select((eb) => [
      'f.code',
      eb.selectFrom('facility_history as h').whereRef('h.facility_id', '=', 'f.id').select((e) => e.fn.countAll<number>().as('n')).as('history'),
      eb.selectFrom('audit_events as a').whereRef('a.entity_id', '=', 'f.id').select((e) => e.fn.countAll<number>().as('n')).as('audit'),
    ])
    .execute();
  return new Map(rows.map((r) => [r.code, { history: Number(r.history), audit: Number(r.audit) }]));
}

function expectNoHalfWrites(outcomes: Outcome[], written: Map<string, { history: number; audit: number }>): void {
  for (const o of outcomes) expect([200, 201, 503], `unexpected status ${o.status} (${o.code ?? ''})`).toContain(o.status);
  for (const o of outcomes.filter((x) => x.status === 201)) expect(written.has(o.facilityCode ?? ''), `acknowledged write ${o.facilityCode} is missing`).toBe(true);
  for (const [code, parts] of written) {
    expect(parts.history, `facility ${code} has no history row`).toBeGreaterThan(0);
    expect(parts.audit, `facility ${code} has no audit event`).toBeGreaterThan(0);
  }
}

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL going away', () => {
  let testDb: TestDatabase;
  let admin: pg.Client;
  const dbName = () => new URL(testDb.url).pathname.slice(1);
  const terminate = () => terminateBackends(admin, dbName());

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`alter database ${dbName()} allow_connections true`);
    await admin.end();
    await testDb.drop();
  });

  it('survives its backends being terminated twice under 20 clients, answering 2xx or 503, losing no acknowledged write', async () => {
    const { app, url, headers } = await startServer(testDb);
    try {
      const outcomes: Outcome[] = [];
      let stop = false;
      const clients = Array.from({ length: 20 }, () => client(url, headers, () => stop, outcomes));
      await sleep(800);
      await terminate();
      await sleep(800);
      await terminate();
      await sleep(800);
      stop = true;
      await Promise.all(clients);
      expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(10);
      expect(outcomes.some((o) => o.status === 503), 'no request was caught by the termination').toBe(true);
      expect(outcomes.filter((o) => o.status === 503).every((o) => o.code?.endsWith('/unavailable') === true)).toBe(true);
      expect(await waitForHealth(url, 200, 5000)).toBeLessThan(5000);
      expectNoHalfWrites(outcomes, await writtenFacilities(testDb));
    } finally {
      await app.close();
    }
  });

  it('survives idle connections being terminated and serves the next request', async () => {
    const { app, url, headers } = await startServer(testDb);
    try {
      // Fill the pool with idle connections, then end them all while nobody is asking.
      await Promise.all(Array.from({ length: 5 }, () => fetch(`${url}/api/v1/facilities`, { headers, signal: AbortSignal.timeout(10_000) }).then((r) => r.text())));
      await terminate();
      await sleep(200);
      expect(await waitForHealth(url, 200, 5000)).toBeLessThan(5000);
      const res = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility()), signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('answers 503 problem+json while the database refuses connections, and 200 again within 5 s of its return', async () => {
    const { app, url, headers } = await startServer(testDb);
    try {
      await admin.query(`alter database ${dbName()} allow_connections false`);
      await terminate();
      const started = Date.now();
      const list = await fetch(`${url}/api/v1/facilities`, { headers, signal: AbortSignal.timeout(10_000) });
      expect(list.status).toBe(503);
      expect(list.headers.get('content-type')).toContain('application/problem+json');
      expect(list.headers.get('retry-after')).toMatch(/^[0-9]+$/);
      const problem = (await list.json()) as { detail: string };
      expect(problem.detail).not.toMatch(/pg|postgres|ECONN|allow/i);
      expect(Date.now() - started).toBeLessThan(8000);
      const write = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility()), signal: AbortSignal.timeout(10_000) });
      expect(write.status).toBe(503);
      await waitForHealth(url, 503, 5000);
      await admin.query(`alter database ${dbName()} allow_connections true`);
      const back = await waitForHealth(url, 200, 5000);
      expect(back).toBeLessThan(5000);
    } finally {
      await admin.query(`alter database ${dbName()} allow_connections true`);
      await app.close();
    }
  });
});

describe('SQLite locked or full', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
  });
  afterAll(() => testDb.drop());

  const sqliteFile = () => testDb.url.slice('sqlite:'.length);
  const facilityCount = async () => Number((await testDb.database.db.selectFrom('facilities').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('answers 503 with a short retry hint when another process holds the write lock past the busy timeout', async () => {
    const { app, url, headers } = await startServer(testDb);
    const other = new BetterSqlite3(sqliteFile());
    try {
      await sql`pragma busy_timeout = 200`.execute(testDb.database.db);
      const before = await facilityCount();
      other.exec('begin immediate');
      const res = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility()), signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { detail: string }).detail).toContain('Nothing was changed');
      other.exec('rollback');
      expect(await facilityCount()).toBe(before);
      const again = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility()), signal: AbortSignal.timeout(10_000) });
      expect(again.status).toBe(201);
    } finally {
      other.close();
      await sql`pragma busy_timeout = 5000`.execute(testDb.database.db);
      await app.close();
    }
  });

  it('answers 503 when the disk is full, writing nothing, and recovers when space returns', async () => {
    const { app, url, headers } = await startServer(testDb);
    try {
      const before = await facilityCount();
      // A database capped at its current size is what a full disk looks like to SQLite (SQLITE_FULL).
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(testDb.database.db);
      await sql.raw(`pragma max_page_count = ${pages.rows[0]?.page_count ?? 0}`).execute(testDb.database.db);
      let full: Response | undefined;
      for (let i = 0; i < 200 && full === undefined; i++) {
        const res = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility({ nameEn: `Hospital ${'x'.repeat(150)}` })) });
        if (res.status !== 201) full = res;
        else await res.body?.cancel();
      }
      expect(full?.status).toBe(503);
      expect(full?.headers.get('content-type')).toContain('application/problem+json');
      // A full disk is not a lock that clears in a moment: the hint is the longer wait.
      expect(full?.headers.get('retry-after')).toBe('5');
      expect(((await full?.json()) as { detail: string }).detail).toContain('Nothing was changed');
      const writtenBeforeFull = await facilityCount();
      expect(writtenBeforeFull).toBeGreaterThanOrEqual(before);
      await sql`pragma max_page_count = 1073741823`.execute(testDb.database.db);
      expect(await facilityCount()).toBe(writtenBeforeFull);
      const res = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility()), signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(201);
      expectNoHalfWrites([], await writtenFacilities(testDb));
    } finally {
      await app.close();
    }
  });
});
