import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { appFor } from './api-client.js';
import type { TestDatabase } from './databases.js';
import { buildFacility, userWithToken } from './factories.js';

/**
 * What test/resilience/database-loss.test.ts and bench/recovery.bench.ts both do to a server whose
 * database goes away: serve the app over a real socket, keep clients reading and writing, end the
 * database's sessions, and watch for the server to answer again.
 */

export interface Outcome {
  status: number;
  /** The problem's `type`, when the answer was one. */
  code?: string;
  /** The facility a write tried to create. */
  facilityCode?: string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The application listening on a random local port, and an admin's headers for writing to it. */
export async function startServer(testDb: TestDatabase): Promise<{ app: FastifyInstance; url: string; headers: Record<string, string> }> {
  const app = await appFor(testDb);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await userWithToken(testDb.database, 'admin');
  return { app, url, headers: { ...admin.headers, 'content-type': 'application/json' } };
}

/** One client: alternately reads the facility list and creates a facility, until told to stop. */
export async function client(url: string, headers: Record<string, string>, until: () => boolean, outcomes: Outcome[]): Promise<void> {
  for (let i = 0; !until(); i++) {
    if (i % 2 === 0) {
      const res = await fetch(`${url}/api/v1/facilities?limit=20`, { headers, signal: AbortSignal.timeout(15_000) });
      const body = (await res.json()) as { type?: string };
      outcomes.push({ status: res.status, ...(body.type === undefined ? {} : { code: body.type }) });
    } else {
      const facility = buildFacility();
      const res = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(facility), signal: AbortSignal.timeout(15_000) });
      const body = (await res.json()) as { type?: string };
      outcomes.push({ status: res.status, facilityCode: facility.code, ...(body.type === undefined ? {} : { code: body.type }) });
    }
  }
}

/** Asks `/api/health` every `pollMs` until it answers `status`; the milliseconds that took, or an error after `withinMs`. */
export async function waitForHealth(url: string, status: number, withinMs: number, pollMs = 100): Promise<number> {
  const start = performance.now();
  for (;;) {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await res.text();
    if (res.status === status) return performance.now() - start;
    if (performance.now() - start > withinMs) throw new Error(`/api/health still answers ${res.status} after ${withinMs} ms (wanted ${status})`);
    await sleep(pollMs);
  }
}

/**
 * Ends every session of the named database but the caller's, as an operator or a failover would;
 * `admin` may be connected to any database of the server. Returns how many were ended.
 */
export async function terminateBackends(admin: pg.Client, database: string): Promise<number> {
  const ended = await admin.query<{ ended: boolean }>('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
  return ended.rows.filter((r) => r.ended).length;
}
