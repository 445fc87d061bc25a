import os from 'node:os';
import pg from 'pg';
import { client, sleep, startServer, terminateBackends, waitForHealth, type Outcome } from '../test/support/database-loss.js';
import { createTestDatabase, pgUrl } from '../test/support/databases.js';
import { buildFacility } from '../test/support/factories.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
/** Both probes give up after this long: the issue asks for health within 5 s, so 30 s is a failure, not a figure. */
const GIVE_UP_MS = 30_000;
/** How often each probe asks again: the figures are as fine as this. */
const POLL_MS = 10;

/** Milliseconds from now until a facility write is acknowledged (201), trying again every POLL_MS. */
async function firstWrite(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  for (;;) {
    const res = await fetch(`${url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(buildFacility()), signal: AbortSignal.timeout(10_000) });
    await res.text();
    if (res.status === 201) return performance.now() - start;
    if (performance.now() - start > GIVE_UP_MS) throw new Error(`no write acknowledged ${GIVE_UP_MS} ms after the termination (last answer ${res.status})`);
    await sleep(POLL_MS);
  }
}

interface Trial {
  /** The same two probes just before the termination: what 20 clients on this machine cost anyway. */
  baselineHealthMs: number;
  baselineWriteMs: number;
  sessionsEnded: number;
  healthMs: number;
  writeMs: number;
  /** Clients' requests answered 503 in this trial: the termination caught requests in flight. */
  unavailable: number;
  answered: number;
}

/**
 * The PostgreSQL recovery time the issue's "Done when" asks for: the real app over a fresh test database,
 * 20 clients reading and writing, every session of the database terminated from a separate connection;
 * from the termination to the first `GET /api/health` 200 and to the first acknowledged write.
 */
export async function benchRecovery(trials = 5, clients = 20): Promise<string> {
  if (pgUrl === undefined) throw new Error('npm run bench recovery needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench recovery');
  const testDb = await createTestDatabase('postgres');
  const name = new URL(testDb.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const { app, url, headers } = await startServer(testDb);
  const load = os.loadavg()[0] ?? 0;
  const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`;
  const results: Trial[] = [];
  try {
    for (let t = 0; t < trials; t++) {
      const outcomes: Outcome[] = [];
      let stop = false;
      const running = Array.from({ length: clients }, () => client(url, headers, () => stop, outcomes));
      // Every pooled connection busy or idle-but-used before the termination.
      await sleep(1000);
      const [baselineHealthMs, baselineWriteMs] = await Promise.all([waitForHealth(url, 200, GIVE_UP_MS, POLL_MS), firstWrite(url, headers)]);
      const before = outcomes.length;
      const sessionsEnded = await terminateBackends(admin, name);
      const [healthMs, writeMs] = await Promise.all([waitForHealth(url, 200, GIVE_UP_MS, POLL_MS), firstWrite(url, headers)]);
      await sleep(500);
      stop = true;
      await Promise.all(running);
      const after = outcomes.slice(before);
      const unexpected = outcomes.filter((o) => ![200, 201, 503].includes(o.status));
      if (unexpected.length > 0) throw new Error(`trial ${t + 1}: clients got ${unexpected.map((o) => `${o.status} ${o.code ?? ''}`).join(', ')} (only 2xx or 503 is acceptable)`);
      results.push({ baselineHealthMs, baselineWriteMs, sessionsEnded, healthMs, writeMs, unavailable: after.filter((o) => o.status === 503).length, answered: after.length });
      // Let the pool settle before the next trial.
      await sleep(500);
    }
  } finally {
    await app.close();
    await admin.end();
    await testDb.drop();
  }
  return [
    '### Recovery: PostgreSQL sessions terminated under load',
    '',
    `The app over a fresh PostgreSQL database (pool of 5 connections, as the tests open it), ${clients} clients each alternately listing facilities and creating one. After 1 s, every session of the database is ended from a separate connection (\`select pg_terminate_backend(pid) from pg_stat_activity where datname = … and pid <> pg_backend_pid()\`); then \`GET /api/health\` and a facility write are each tried every ${POLL_MS} ms (the write probe and the clients keep going meanwhile). Time from the termination's return to the first health 200 and to the first acknowledged write (201), ${trials} trials; the baseline is one health answer and one write just before each termination, under the same clients. ${cpu}, load average ${fmt(load, 1)} at the start (shared machine).`,
    '',
    `| | median | all runs | baseline: the same probe just before, median |`,
    '|---|---:|---|---:|',
    `| termination → first \`/api/health\` 200, ms | **${fmt(median(results.map((r) => r.healthMs)))}** | ${results.map((r) => fmt(r.healthMs)).join(', ')} | ${fmt(median(results.map((r) => r.baselineHealthMs)))} |`,
    `| termination → first write acknowledged, ms | **${fmt(median(results.map((r) => r.writeMs)))}** | ${results.map((r) => fmt(r.writeMs)).join(', ')} | ${fmt(median(results.map((r) => r.baselineWriteMs)))} |`,
    `| sessions ended | | ${results.map((r) => r.sessionsEnded).join(', ')} | |`,
    `| clients' requests answered 503 / answered after the termination | | ${results.map((r) => `${r.unavailable} / ${r.answered}`).join(', ')} | |`,
    '',
    `Against that baseline: health ${fmt(median(results.map((r) => r.healthMs)) / median(results.map((r) => r.baselineHealthMs)), 2)}×, write ${fmt(median(results.map((r) => r.writeMs)) / median(results.map((r) => r.baselineWriteMs)), 2)}×. Under ${clients} clients every request already waits its turn for one of 5 connections (and for a core); a ratio near or below 1 means the termination added no wait beyond that queueing.`,
    '',
    'A request whose connection is ended gets a 503 problem+json; the pool drops that connection and the next request opens a new one, so the server is back as soon as PostgreSQL accepts a connection (the issue asks for health within 5 s of the database\'s return). Every client request in these trials was answered 2xx or 503 (the bench stops on anything else); test/resilience/database-loss.test.ts checks the same and that no acknowledged write is lost. Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench recovery`.',
    '',
  ].join('\n');
}
