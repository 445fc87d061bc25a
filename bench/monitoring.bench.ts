import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/demo.js';
import { EVERYTHING } from '../src/scope.js';
import { indicatorsFor } from '../src/modules/monitoring/indicators.service.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ADMIN_URL = process.env.CAREBRIDGE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Timing {
  median: number;
  p95: number;
}

/** One warm-up, then `n` timed runs (ms): median and 95th percentile (nearest rank). */
async function timed(n: number, run: () => Promise<unknown>): Promise<Timing> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor((n - 1) / 2)] ?? 0, p95: ms[Math.ceil(0.95 * n) - 1] ?? 0 };
}

const CASES: [string, (database: Database, past: string) => Promise<unknown>][] = [
  ['national, now (current-status table)', (d) => indicatorsFor(d, EVERYTHING, {})],
  ['national, as of a date one year ago', (d, past) => indicatorsFor(d, EVERYTHING, { asOf: past })],
  ['one oblast (UA-14 Donetsk), now', (d) => indicatorsFor(d, EVERYTHING, { area: 'UA-14' })],
  ['one oblast (UA-14 Donetsk), as of a date one year ago', (d, past) => indicatorsFor(d, EVERYTHING, { area: 'UA-14', asOf: past })],
];

interface DialectRun {
  loadSeconds: number;
  /** CPU seconds of this process during the load (SQLite's engine runs in it; PostgreSQL's does not). */
  loadCpuSeconds: number;
  reports: number;
  baseline: Timing;
  cases: Timing[];
}

/** Loads the national demo into an empty database and times the indicator queries against COUNT(*) in the same database. */
async function runOn(database: Database, repetitions: number): Promise<DialectRun> {
  await migrateToLatest(database);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await loadDemo(database, { scale: 'national', seed: 1 });
  const loadSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const loadCpuSeconds = (cpu.user + cpu.system) / 1e6;
  // What autovacuum does on a live server soon after a bulk load: statistics, and the visibility map for index-only scans.
  if (database.kind === 'postgres') await sql`vacuum analyze status_reports`.execute(database.db);
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from status_reports`.execute(database.db)).rows[0]?.n ?? 0);
  const reports = await count();
  const past = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const baseline = await timed(repetitions, count);
  const cases: Timing[] = [];
  for (const [, run] of CASES) cases.push(await timed(repetitions, () => run(database, past)));
  return { loadSeconds, loadCpuSeconds, reports, baseline, cases };
}

async function onSqlite(repetitions: number): Promise<DialectRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-bench-monitoring-'));
  const file = path.join(dir, 'national.db');
  const database = openDatabase({ url: `sqlite:${file}`, kind: 'sqlite', sqlitePath: file });
  try {
    return await runOn(database, repetitions);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(repetitions: number): Promise<DialectRun> {
  const name = `carebridge_bench_monitoring_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), kind: 'postgres' });
  try {
    return await runOn(database, repetitions);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

const cell = (t: Timing, baseline: Timing) => `${fmt(t.median)} | ${fmt(t.p95)} | ${fmt(t.median / baseline.median, 2)}`;

/** The national indicator query on SQLite and PostgreSQL, each against a plain COUNT(*) of the same 3 M reports. */
export async function benchMonitoring(repetitions = 11): Promise<string> {
  const load = os.loadavg()[0] ?? 0;
  const runs: Record<DatabaseKind, DialectRun> = { sqlite: await onSqlite(repetitions), postgres: await onPostgres(repetitions) };
  const { sqlite, postgres } = runs;
  return [
    '### Monitoring indicators at national scale (SQLite and PostgreSQL)',
    '',
    `The national demo (\`carebridge demo --scale national\`): 30,000 facilities with two years of weekly reports, **${fmt(sqlite.reports)}** status reports (${fmt(postgres.reports)} on PostgreSQL), loaded in **${fmt(sqlite.loadSeconds, 0)} s** on SQLite (${fmt(sqlite.loadCpuSeconds, 0)} s of CPU, engine included) and **${fmt(postgres.loadSeconds, 0)} s** on PostgreSQL (${fmt(postgres.loadCpuSeconds, 0)} s of CPU in the loader, server not counted): the whole demo, every capability; wall time on a busy machine is mostly waiting for a core. Load average at the start of the run: ${fmt(load, 1)} on ${os.cpus().length} cores (shared machine: figures vary between runs).`,
    '',
    `Each case is \`indicatorsFor\` (query and aggregation: facilities by functionality and building condition, power, service availability by domain, incidents by month) for every facility, one warm-up then ${repetitions} runs, in ms. The baseline is \`SELECT COUNT(*) FROM status_reports\` in the same database, same run.`,
    '',
    '| case | SQLite median | p95 | × baseline | PostgreSQL median | p95 | × baseline |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| baseline: COUNT(*) over all reports | ${cell(sqlite.baseline, sqlite.baseline)} | ${cell(postgres.baseline, postgres.baseline)} |`,
    ...CASES.map(([label], i) => `| ${label} | ${cell(sqlite.cases[i] ?? sqlite.baseline, sqlite.baseline)} | ${cell(postgres.cases[i] ?? postgres.baseline, postgres.baseline)} |`),
    '',
    'How: see docs/monitoring.md, "Indicators at national scale".',
    '',
  ].join('\n');
}
