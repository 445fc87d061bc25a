import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.js';
import { systemContext } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/demo.js';
import { demoFacilities } from '../src/demo/demo-facilities.js';
import { Random } from '../src/demo/random.js';
import { buildApp } from '../src/http/app.js';
import { csvLine } from '../src/io/csv.js';
import { IMPORT_COLUMNS } from '../src/modules/facilities/facilities.columns.js';
import { importFacilities } from '../src/modules/facilities/facilities.import.js';
import { createToken, createUser } from '../src/modules/access/access.service.js';
import { loadTest } from './load.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Seconds to load the national demo, list throughput against a bare Fastify route, import rate against a bare insert. */
export async function benchFacilities(seconds = 5): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-bench-'));
  const file = path.join(dir, 'national.db');
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, CAREBRIDGE_LOG_LEVEL: 'silent' }, process.cwd());
  const database = openDatabase({ url: config.databaseUrl, kind: 'sqlite', sqlitePath: file });
  await migrateToLatest(database);
  const t0 = performance.now();
  await loadDemo(database, { scale: 'national', seed: 1 });
  const demoSeconds = (performance.now() - t0) / 1000;

  // The figures are for a signed-in partner (an analyst with a bearer token): authentication is part of the cost.
  await createUser(database, systemContext('bench'), { email: 'bench@bench.example', name: 'bench', memberships: [{ role: 'analyst' }] });
  const { token } = await createToken(database, systemContext('bench'), { email: 'bench@bench.example' });
  const auth = { authorization: `Bearer ${token}` };
  const app = await buildApp({ config, database, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const samplePage = await (await fetch(`${base}/api/v1/facilities?limit=50`, { headers: auth })).text();
  const bare = Fastify({ logger: false });
  bare.get('/page', (_req, reply) => reply.type('application/json').send(samplePage));
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });

  const baseline = await loadTest(`${bareBase}/page`, seconds);
  const cases: [string, string][] = [
    ['first page, sorted by name', '/api/v1/facilities?limit=50'],
    ['oblast filter, sorted by beds desc', '/api/v1/facilities?limit=50&area=UA-46&sort=-beds'],
    ['text search (Cyrillic)', `/api/v1/facilities?limit=50&q=${encodeURIComponent('лікарня №3')}`],
  ];
  const rows: string[] = [];
  rows.push(`| bare Fastify route, same 50-item body | ${fmt(baseline.perSecond)} | ${fmt(baseline.p50ms, 1)} | ${fmt(baseline.p99ms, 1)} | 1.00 |`);
  for (const [label, url] of cases) {
    const r = await loadTest(`${base}${url}`, seconds, 8, auth);
    rows.push(`| ${label} | ${fmt(r.perSecond)} | ${fmt(r.p50ms, 1)} | ${fmt(r.p99ms, 1)} | ${fmt(r.perSecond / baseline.perSecond, 2)} |`);
  }
  await app.close();
  await bare.close();
  await database.close();

  // Import: our full path (parse, validate, look up areas, insert with history and audit) against a bare prepared insert of the same rows.
  const records = demoFacilities(30000, new Random(2));
  const csv = [csvLine([...IMPORT_COLUMNS]), ...records.map((f) => csvLine([`B-${f.code}`, f.nameUk, f.nameEn, f.type, f.tier, f.ownership, f.areaKatottg, f.lat, f.lon, f.beds, f.staff, (f.services ?? []).join(';'), f.openedOn]))];
  const importFile = path.join(dir, 'import.db');
  const importDb = openDatabase({ url: `sqlite:${importFile}`, kind: 'sqlite', sqlitePath: importFile });
  await migrateToLatest(importDb);
  const i0 = performance.now();
  await importFacilities(importDb, systemContext('bench'), Readable.from(csv), 'csv', { dryRun: false });
  const importSeconds = (performance.now() - i0) / 1000;
  await importDb.close();

  const raw = new BetterSqlite3(path.join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec('create table f (code text primary key, name_uk text, name_en text, type text, tier text, ownership text, area text, lat real, lon real, beds integer, staff integer, services text, opened_on text)');
  const insert = raw.prepare('insert into f values (?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const r0 = performance.now();
  raw.transaction(() => {
    for (const f of records) insert.run(f.code, f.nameUk, f.nameEn, f.type, f.tier, f.ownership, f.areaKatottg, f.lat, f.lon, f.beds ?? 0, f.staff ?? 0, (f.services ?? []).join(';'), f.openedOn ?? null);
  })();
  const rawSeconds = (performance.now() - r0) / 1000;
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });

  return [
    `### Facility registry at national scale (SQLite, 30,000 facilities)`,
    '',
    `Loading the national demo (\`carebridge demo --scale national\`): **${fmt(demoSeconds, 1)} s**.`,
    '',
    `List endpoint as a signed-in analyst (bearer token), ${seconds} s per case, 8 keep-alive connections from the same process:`,
    '',
    '| case | req/s | p50 ms | p99 ms | ratio to bare route |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
    'CSV import of 30,000 rows:',
    '',
    '| path | seconds | rows/s | ratio |',
    '|---|---:|---:|---:|',
    `| bare prepared insert (better-sqlite3, one transaction, no parsing or checks) | ${fmt(rawSeconds, 2)} | ${fmt(30000 / rawSeconds)} | 1.00 |`,
    `| \`importFacilities\`: stream-parse, validate every row, check areas and codes, insert with history and audit, one transaction | ${fmt(importSeconds, 2)} | ${fmt(30000 / importSeconds)} | ${fmt(rawSeconds / importSeconds, 3)} |`,
    '',
  ].join('\n');
}
