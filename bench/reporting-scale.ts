import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { systemContext } from '../src/context.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { completenessFor } from '../src/modules/reporting/completeness.service.js';

/**
 * Reporting completeness at national scale: 30,000 facilities and 104 weekly reports each (3,120,000), written by
 * the database itself (no demo load), then `completenessFor` nationally and for one oblast, timed against
 * COUNT(*) over the reports in the same database. `tsx bench/reporting-scale.ts [sqlite|postgres]`.
 */
const FACILITIES = 30_000;
const WEEKS = 104;
const ADMIN_URL = process.env.CAREBRIDGE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function fill(database: Database): Promise<void> {
  const db = database.db;
  const pgsql = database.kind === 'postgres';
  const series = pgsql ? sql`generate_series(0, ${FACILITIES - 1}) as s(i)` : sql`(with recursive n(i) as (select 0 union all select i + 1 from n where i < ${FACILITIES - 1}) select i from n) as s`;
  await sql`insert into facilities (id, code, name_uk, name_en, type, tier, ownership, area_katottg, area_path, lat, lon, beds, staff, services, opened_on, search_text, created_at, updated_at, version)
    select 'f' || s.i, 'F' || s.i, 'Заклад ' || s.i, 'Facility ' || s.i, 'city_hospital', 'secondary', 'communal', o.katottg, o.katottg || '/', 49, 31, 10, 10, '[]', '2000-01-01', 'f' || s.i, '2024-01-01', '2024-01-01', 1
    from ${series} join (select katottg, row_number() over (order by katottg) - 1 as k from areas where level = 1) o on o.k = s.i % 27`.execute(db);
  // Weekly reports for two years up to today; one in ten arrives three to six days late, one in twenty never.
  const reports = pgsql
    ? sql`insert into status_reports (id, facility_id, observed_at, reporter, building_condition, functionality, functionality_reasons, accessibility, accessibility_barriers, power_source, services, created_at, state)
        select 'r' || f.i || '-' || w, 'f' || f.i, to_char(now() - make_interval(days => 7 * w) - make_interval(hours => (f.i * 7 + w) % 48), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'bench', 'not_damaged', 'fully', '[]', 'fully', '[]', 'grid', '[]',
          to_char(now() - make_interval(days => 7 * w) + make_interval(days => case when (f.i + w) % 10 = 0 then 3 + (f.i % 4) else 0 end), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ''
        from generate_series(0, ${FACILITIES - 1}) as f(i), generate_series(0, ${WEEKS - 1}) as g(w) where (f.i * 31 + w) % 20 <> 0`
    : sql`insert into status_reports (id, facility_id, observed_at, reporter, building_condition, functionality, functionality_reasons, accessibility, accessibility_barriers, power_source, services, created_at, state)
        with recursive f(i) as (select 0 union all select i + 1 from f where i < ${FACILITIES - 1}), g(w) as (select 0 union all select w + 1 from g where w < ${WEEKS - 1})
        select 'r' || f.i || '-' || w, 'f' || f.i, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (7 * w) || ' days', '-' || ((f.i * 7 + w) % 48) || ' hours'), 'bench', 'not_damaged', 'fully', '[]', 'fully', '[]', 'grid', '[]',
          strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (7 * w) || ' days', '+' || (case when (f.i + w) % 10 = 0 then 3 + (f.i % 4) else 0 end) || ' days'), ''
        from f, g where (f.i * 31 + w) % 20 <> 0`;
  await reports.execute(db);
  if (pgsql) await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
}

async function timed(n: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor((n - 1) / 2)] ?? 0;
}

async function measure(database: Database, reuse = false): Promise<void> {
  await migrateToLatest(database);
  const t0 = performance.now();
  if (!reuse) await fill(database);
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from status_reports`.execute(database.db)).rows[0]?.n ?? 0);
  console.info(`${database.kind}: ${await count()} reports written in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const ctx = systemContext('bench');
  const defaults = { period: 'week' as const, deadlineDays: 3 };
  const last = await completenessFor(database, ctx.principal, {}, defaults);
  console.info(`last week: ${JSON.stringify(last.totals)}`);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, () => Promise<unknown>][] = [
    ['baseline COUNT(*)', count],
    ['national, last week', () => completenessFor(database, ctx.principal, {}, defaults)],
    ['national, a week a year ago', () => completenessFor(database, ctx.principal, { asOf: yearAgo }, defaults)],
    ['national, last month', () => completenessFor(database, ctx.principal, { period: new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7) }, { period: 'month', deadlineDays: 3 })],
    ['one oblast (UA-46), last week', () => completenessFor(database, ctx.principal, { area: 'UA-46' }, defaults)],
  ];
  for (const [name, run] of cases) console.info(`${database.kind} | ${name} | ${(await timed(7, run)).toFixed(0)} ms`);
}

const kind = process.argv[2] ?? 'sqlite';
if (kind === 'sqlite') {
  // CAREBRIDGE_BENCH_KEEP=/path/file.db keeps (and reuses) the generated database, to look at query plans.
  const keep = process.env.CAREBRIDGE_BENCH_KEEP;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-bench-reporting-'));
  const file = keep ?? path.join(dir, 'national.db');
  const reuse = keep !== undefined && fs.existsSync(keep);
  const database = openDatabase({ url: `sqlite:${file}`, kind: 'sqlite', sqlitePath: file, sqliteSynchronous: 'normal' });
  try {
    await measure(database, reuse);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  const name = `carebridge_bench_reporting_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), kind: 'postgres' });
  try {
    await measure(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
