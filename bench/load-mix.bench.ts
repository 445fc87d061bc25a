import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from '../src/config.js';
import { systemContext } from '../src/context.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD, DEMO_SCALES, loadDemo, type DemoScale } from '../src/demo/demo.js';
import { Random } from '../src/demo/random.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/http/access-rule.js';
import { createUser } from '../src/modules/access/access.service.js';
import { mixedLoad, type LoadFigures, type LoadRequest, type MixedLoadResult } from './load.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const errorCount = (f: LoadFigures) => [...f.errors.values()].reduce((s, n) => s + n, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ADMIN_URL = process.env.CAREBRIDGE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The issue's targets, on each database. */
const TARGET_P99_MS = 500;
/** How often each kind of request comes up in a client's stream (relative weights). */
const MIX = { 'facility list page': 30, 'facility page': 30, 'national indicators': 10, 'donor total (USD)': 10, 'status report (POST)': 20 } as const;
type Kind = keyof typeof MIX;
/** Facilities each client reports for; the clients of one reporter account share its session. */
const FACILITIES_PER_CLIENT = 2;
const CLIENTS_PER_REPORTER = 10;
/** The server as `carebridge serve` runs it (from source, as `npm run dev` does); it has this long to answer its health check. */
const START_WITHIN_MS = 120_000;
/**
 * First one client alone, untimed: the server's first requests compile what it loads lazily (from source) and
 * start its SQLite read workers. Then one client alone, timed: the baseline, what each kind costs without a queue.
 * Their writes are checked afterwards with the rest.
 */
const WARM_UP_SECONDS = 3;
const ALONE_SECONDS = 10;

interface Options {
  scale: DemoScale;
  seconds: number;
  clients: number;
  maxRequests: number;
  timeoutMs: number;
}

/** `npm run bench load -- --scale small --seconds 20 --clients 200 --max-requests N --timeout-ms N`; the issue's run by default. */
function optionsFrom(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'string', default: 'national' }, seconds: { type: 'string', default: '60' }, clients: { type: 'string', default: '200' }, 'max-requests': { type: 'string', default: '1000000' }, 'timeout-ms': { type: 'string', default: '10000' } },
  });
  if (!(values.scale in DEMO_SCALES)) throw new Error(`--scale must be one of ${Object.keys(DEMO_SCALES).join(', ')} (got "${values.scale}")`);
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0 (got "${text}")`);
    return n;
  };
  return { scale: values.scale as DemoScale, seconds: positive('seconds', values.seconds), clients: positive('clients', values.clients), maxRequests: positive('max-requests', values['max-requests']), timeoutMs: positive('timeout-ms', values['timeout-ms']) };
}

/** A database of its own for each run: a SQLite file in a new folder, or a new PostgreSQL database; dropped after. */
async function freshDatabase(kind: DatabaseKind): Promise<{ url: string; open(): Database; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-bench-load-'));
    const file = path.join(dir, 'load.db');
    return { url: `sqlite:${file}`, open: () => openDatabase({ url: `sqlite:${file}`, kind, sqlitePath: file }), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `carebridge_bench_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openDatabase({ url: url.toString(), kind }),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

interface Accounts {
  /** Every open facility: the facility pages pick among them. */
  facilityIds: string[];
  /** Per client, the facilities it reports for. */
  reportsFor: string[][];
  /** Per client, its reporter account's email. */
  reporterOf: string[];
}

/** One facility-reporter account per CLIENTS_PER_REPORTER clients, scoped to exactly those clients' facilities. */
async function createReporters(database: Database, clients: number): Promise<Accounts> {
  const facilityIds = (await database.db.selectFrom('facilities').select('id').where('closed_on', 'is', null).orderBy('id').execute()).map((f) => f.id);
  const reportsFor = Array.from({ length: clients }, (_, c) => Array.from({ length: FACILITIES_PER_CLIENT }, (__, k) => facilityIds[(c * FACILITIES_PER_CLIENT + k) % facilityIds.length] ?? ''));
  const reporterOf = reportsFor.map((_, c) => `load-reporter-${Math.floor(c / CLIENTS_PER_REPORTER)}@demo.carebridge`);
  const ctx = systemContext('bench');
  for (const email of new Set(reporterOf)) {
    const scopeFacilities = [...new Set(reportsFor.filter((_, c) => reporterOf[c] === email).flat())];
    await createUser(database, ctx, { email, name: email.split('@')[0] ?? email, password: DEMO_PASSWORD, memberships: [{ role: 'facility_reporter', scopeFacilities }] });
  }
  return { facilityIds, reportsFor, reporterOf };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `carebridge serve` in a child process over the database, with its default settings, on loopback: the server
 * gets its own process (and event loop), as in production, and the clients here do not share it.
 */
async function serve(databaseUrl: string, logFile: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', log, log] });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exitCode === undefined) child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killed);
    fs.closeSync(log);
  };
  const started = performance.now();
  for (;;) {
    if (exitCode !== undefined) throw new Error(`carebridge serve exited (${exitCode}) before answering; its log: ${logFile}`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return { url, stop };
    if (performance.now() - started > START_WITHIN_MS) {
      await stop();
      throw new Error(`carebridge serve did not answer /api/health within ${START_WITHIN_MS / 1000} s; its log: ${logFile}`);
    }
    await sleep(250);
  }
}

/** Signs in through the API as the web app does: the session cookie and the CSRF token for writes. */
async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }), signal: AbortSignal.timeout(30_000) });
  if (res.status !== 201) throw new Error(`signing in as ${email} answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string | null };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (cookie === undefined || csrfToken === null) throw new Error(`signing in as ${email} set no session`);
  return { cookie: cookie.split(';')[0] ?? cookie, [CSRF_HEADER]: csrfToken };
}

/** A write the server acknowledged (2xx), to be found in the database afterwards. */
interface Acknowledged {
  id: string;
  key: string;
}

/**
 * Each client's stream: the MIX drawn from a generator seeded by the client's number (the same streams every run).
 * Reads as the national coordinator; list pages follow the cursor to the end and start again; reports for the
 * client's own facilities as its reporter, each with a new Idempotency-Key.
 */
function clientStreams(accounts: Accounts, coordinator: Record<string, string>, reporters: Map<string, Record<string, string>>, acknowledged: Acknowledged[]): (client: number) => LoadRequest {
  const randoms = accounts.reportsFor.map((_, c) => new Random(c + 1));
  const cursors: (string | null)[] = accounts.reportsFor.map(() => null);
  return (client) => {
    const random = randoms[client] ?? new Random(client + 1);
    const kind: Kind = random.weighted(MIX);
    switch (kind) {
      case 'facility list page': {
        const cursor = cursors[client];
        return {
          kind,
          method: 'GET',
          path: `/api/v1/facilities?limit=50${cursor === null || cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
          headers: coordinator,
          onSuccess: (body) => {
            cursors[client] = (JSON.parse(body) as { nextCursor: string | null }).nextCursor;
          },
        };
      }
      case 'facility page':
        return { kind, method: 'GET', path: `/api/v1/facilities/${random.pick(accounts.facilityIds)}`, headers: coordinator };
      case 'national indicators':
        return { kind, method: 'GET', path: '/api/v1/indicators', headers: coordinator };
      case 'donor total (USD)':
        return { kind, method: 'GET', path: '/api/v1/funding/donors?currency=USD', headers: coordinator };
      case 'status report (POST)': {
        const key = randomUUID();
        const body = {
          facilityId: random.pick(accounts.reportsFor[client] ?? []),
          observedAt: new Date().toISOString(),
          buildingCondition: random.pick(['not_damaged', 'slightly_damaged'] as const),
          functionality: random.pick(['fully', 'partially'] as const),
          accessibility: 'fully',
          powerSource: random.pick(['grid', 'generator'] as const),
        };
        return {
          kind,
          method: 'POST',
          path: '/api/v1/status-reports',
          headers: { ...(reporters.get(accounts.reporterOf[client] ?? '') ?? {}), 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
          onSuccess: (answer) => acknowledged.push({ id: (JSON.parse(answer) as { id: string }).id, key }),
        };
      }
    }
  };
}

/** Acknowledged writes whose report (by id) or idempotency record (by key) the database does not hold. */
async function missingAfter(database: Database, acknowledged: Acknowledged[]): Promise<{ reports: number; keys: number }> {
  let reports = 0;
  let keys = 0;
  for (let i = 0; i < acknowledged.length; i += 500) {
    const chunk = acknowledged.slice(i, i + 500);
    const ids = new Set((await database.db.selectFrom('status_reports').select('id').where('id', 'in', chunk.map((a) => a.id)).execute()).map((r) => r.id));
    const stored = new Set((await database.db.selectFrom('idempotency_keys').select('key').where('key', 'in', chunk.map((a) => a.key)).execute()).map((r) => r.key));
    reports += chunk.filter((a) => !ids.has(a.id)).length;
    keys += chunk.filter((a) => !stored.has(a.key)).length;
  }
  return { reports, keys };
}

interface DatabaseRun {
  kind: DatabaseKind;
  loadSeconds: number;
  loadAverage: number;
  facilities: number;
  reports: number;
  /** The untimed load before: only its errors are reported. */
  warmUp: MixedLoadResult;
  /** One client alone, after the warm-up: the baseline. */
  alone: MixedLoadResult;
  result: MixedLoadResult;
  /** CPU seconds the clients (this process) used during the run: they share the machine with the server. */
  clientCpuSeconds: number;
  acknowledged: number;
  missing: { reports: number; keys: number };
  /** Where the server's log was kept, when there were errors or missing writes. */
  serverLog?: string;
}

async function runOn(kind: DatabaseKind, options: Options): Promise<DatabaseRun> {
  const fresh = await freshDatabase(kind);
  const logFile = path.join(os.tmpdir(), `carebridge-bench-load-${kind}-${process.pid}.log`);
  try {
    const database = fresh.open();
    let accounts: Accounts;
    let loadSeconds: number;
    let reports: number;
    try {
      await migrateToLatest(database);
      const t0 = performance.now();
      await loadDemo(database, { scale: options.scale, seed: 1 });
      loadSeconds = (performance.now() - t0) / 1000;
      // What autovacuum does on a live server soon after a bulk load (as bench/monitoring.bench.ts).
      if (kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
      accounts = await createReporters(database, options.clients);
      reports = Number((await sql<{ n: number }>`select count(*) as n from status_reports`.execute(database.db)).rows[0]?.n ?? 0);
    } finally {
      await database.close();
    }
    const server = await serve(fresh.url, logFile);
    let warmUp: MixedLoadResult;
    let alone: MixedLoadResult;
    let result: MixedLoadResult;
    let clientCpuSeconds: number;
    const acknowledged: Acknowledged[] = [];
    const loadAverage = os.loadavg()[0] ?? 0;
    try {
      const coordinator = await signIn(server.url, 'coordinator@demo.carebridge');
      const reporters = new Map<string, Record<string, string>>();
      for (const email of new Set(accounts.reporterOf)) reporters.set(email, await signIn(server.url, email));
      const next = clientStreams(accounts, coordinator, reporters, acknowledged);
      warmUp = await mixedLoad(server.url, { seconds: WARM_UP_SECONDS, concurrency: 1, timeoutMs: options.timeoutMs }, next);
      alone = await mixedLoad(server.url, { seconds: ALONE_SECONDS, concurrency: 1, timeoutMs: options.timeoutMs }, next);
      const cpu0 = process.cpuUsage();
      result = await mixedLoad(server.url, { seconds: options.seconds, concurrency: options.clients, maxRequests: options.maxRequests, timeoutMs: options.timeoutMs }, next);
      const cpu = process.cpuUsage(cpu0);
      clientCpuSeconds = (cpu.user + cpu.system) / 1e6;
    } finally {
      await server.stop();
    }
    const after = fresh.open();
    try {
      const missing = await missingAfter(after, acknowledged);
      // The server's log is kept only when something went wrong: it says why.
      const clean = errorCount(warmUp.all) + errorCount(alone.all) + errorCount(result.all) + missing.reports + missing.keys === 0;
      if (clean) fs.rmSync(logFile, { force: true });
      return { kind, loadSeconds, loadAverage, facilities: accounts.facilityIds.length, reports, warmUp, alone, result, clientCpuSeconds, acknowledged: acknowledged.length, missing, ...(clean ? {} : { serverLog: logFile }) };
    } finally {
      await after.close();
    }
  } finally {
    await fresh.drop();
  }
}

const errorsText = (f: LoadFigures) => (f.errors.size === 0 ? '0' : [...f.errors].map(([error, n]) => `${fmt(n)} × ${error}`).join(', '));
const row = (label: string, f: LoadFigures, alone: LoadFigures | undefined) =>
  `| ${label} | ${fmt(f.requests)} | ${fmt(f.perSecond, 1)} | ${fmt(f.p50ms)} | ${fmt(f.p99ms)} | ${fmt(f.p999ms)} | ${errorsText(f)} | ${alone === undefined ? '' : fmt(alone.p50ms)} | ${alone === undefined || alone.p50ms === 0 ? '' : `${fmt(f.p50ms / alone.p50ms, 1)}×`} |`;
const NAMES: Record<DatabaseKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function section(run: DatabaseRun, options: Options): string[] {
  const { all, byKind } = run.result;
  const alone = run.alone.byKind;
  const met = errorCount(all) === 0 && run.missing.reports === 0 && all.p99ms < TARGET_P99_MS;
  return [
    `#### ${NAMES[run.kind]}`,
    '',
    `${fmt(run.facilities)} open facilities, ${fmt(run.reports)} status reports before the run (demo loaded in ${fmt(run.loadSeconds)} s). ${options.clients} clients for ${fmt(run.result.seconds, 1)} s; load average ${fmt(run.loadAverage, 1)} when the clients started; the clients used ${fmt(run.clientCpuSeconds, 1)} s of CPU on the same machine.`,
    '',
    `| requests | count | per second | p50 ms | p99 ms | p99.9 ms | errors | baseline: 1 client alone, p50 ms | p50 × baseline |`,
    '|---|---:|---:|---:|---:|---:|---|---:|---:|',
    row('**all**', all, run.alone.all),
    ...Object.keys(MIX).map((kind) => {
      const f = byKind.get(kind);
      return f === undefined ? `| ${kind} | 0 | | | | | | | |` : row(kind, f, alone.get(kind));
    }),
    '',
    `Errors before the timed run: ${errorsText(run.warmUp.all)} of ${fmt(run.warmUp.all.requests)} requests in the warm-up, ${errorsText(run.alone.all)} of ${fmt(run.alone.all.requests)} from the client alone (${fmt(run.alone.all.perSecond, 1)} requests/s).`,
    '',
    `Writes acknowledged (201), warm-up included: ${fmt(run.acknowledged)}; missing from the database afterwards: **${fmt(run.missing.reports)}** by report id, ${fmt(run.missing.keys)} by Idempotency-Key.`,
    '',
    ...(run.serverLog === undefined ? [] : [`The server's log is kept in ${run.serverLog}.`, '']),
    `Targets (0 errors, 0 lost writes, p99 < ${TARGET_P99_MS} ms): **${met ? 'met' : 'not met'}** (errors ${fmt(errorCount(all))}, lost writes ${fmt(run.missing.reports)}, p99 ${fmt(all.p99ms)} ms).`,
    '',
  ];
}

/**
 * The load the issue asks for: the real server (`carebridge serve`) over the demo at a scale, on SQLite then
 * PostgreSQL, under `clients` closed-loop clients on loopback for `seconds`, reading and writing; every
 * acknowledged write is looked for in the database afterwards.
 */
export async function benchLoad(options: Options = optionsFrom(process.argv.slice(3))): Promise<string> {
  const loadAverage = os.loadavg()[0] ?? 0;
  const runs = [await runOn('sqlite', options), await runOn('postgres', options)];
  const command = `npm run bench load -- --scale ${options.scale} --seconds ${options.seconds} --clients ${options.clients}`;
  const mix = Object.entries(MIX).map(([kind, weight]) => `${kind} ${weight} %`).join(', ');
  return [
    `### Load: ${options.clients} clients, mixed reads and writes`,
    '',
    `Command: \`${command}\` (timeout ${fmt(options.timeoutMs)} ms a request, at most ${fmt(options.maxRequests)} requests). Demo scale **${options.scale}** (${fmt(DEMO_SCALES[options.scale])} facilities, seed 1). ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${fmt(loadAverage, 1)} at the start.`,
    '',
    `For each database (a SQLite file, then a PostgreSQL database of its own on 127.0.0.1), the demo is loaded into a new database (PostgreSQL then \`vacuum analyze\`d), ${Math.ceil(options.clients / CLIENTS_PER_REPORTER)} facility-reporter accounts are added (one per ${CLIENTS_PER_REPORTER} clients, scoped to those clients' ${FACILITIES_PER_CLIENT} facilities each), and \`carebridge serve\` starts in its own process with its defaults (PostgreSQL pool of 10, 2 SQLite read workers, SQLite synchronous=full, info log to a file). ${options.clients} clients in this process, on keep-alive connections to 127.0.0.1, each send their next request when the last is answered (closed loop). Mix: ${mix}. Reads are signed in as the national coordinator (so the donor total is neither rate-limited nor served from the public cache), list pages are 50 facilities following \`nextCursor\`, reports are minimal (condition, functionality, access, power; observed now) with a new \`Idempotency-Key\` each. Before the timed run, one client alone sends the same mix for ${WARM_UP_SECONDS} s untimed (a warm-up: the server compiles what it loads lazily and starts its read workers), then for ${ALONE_SECONDS} s timed: the baseline, each kind's latency without a queue (writes from both are checked too). Latencies include timeouts (at the timeout); an error is a non-2xx answer, a timeout or a socket error. After the server stops, every acknowledged report is looked up by id and by its key.`,
    '',
    ...runs.flatMap((run) => section(run, options)),
    `The issue's figures are at national scale: \`npm run bench load\` (the defaults: \`--scale national --seconds 60 --clients 200\`; loading the national demo takes about 7 minutes per database on this machine). The clients run on the same cores as the server, so on a loaded machine these figures include their cost and the wait for a core. With no pause between a client's requests, the mean latency is ${options.clients} ÷ requests per second (Little's law): p99 under ${TARGET_P99_MS} ms for ${options.clients} clients needs well over ${fmt((options.clients * 1000) / TARGET_P99_MS)} requests/s, so the baseline column (what one request of each kind costs alone) says how far a machine is from it.`,
    '',
  ].join('\n');
}
