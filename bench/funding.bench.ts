import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { systemContext } from '../src/context.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadFundingDemo } from '../src/demo/demo-funding.js';
import { DEMO_ORGANIZATIONS } from '../src/demo/demo-organizations.js';
import { Random } from '../src/demo/random.js';
import { buildFacility } from '../test/support/factories.js';
import { createFacility } from '../src/modules/facilities/facilities.service.js';
import { donorTotals } from '../src/modules/funding/donors.service.js';
import { exportIati } from '../src/modules/funding/projects.export.js';
import { exportHxl } from '../src/modules/funding/projects.hxl.js';
import { importIati } from '../src/modules/funding/projects.import.js';
import { newOrganizationRow, storeNewOrganizations } from '../src/modules/organizations/organizations.service.js';
import { nowIso } from '../src/ids.js';
import { totalsTimings, type TotalsTimings } from './funding-totals.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const CODELISTS = '../shared/data/iati-2.03/codelists';
const OBLASTS = ['UA46000000000026241', 'UA63000000000041885', 'UA80000000000093317', 'UA32000000000030281', 'UA12000000000090473', 'UA48000000000039575', 'UA14000000000091971', 'UA59000000000057109'];

/**
 * Runs `work` while sampling the heap; returns seconds and the peak growth of the live heap in MB. With
 * `--expose-gc` each sample follows a collection, so garbage waiting to be collected is not counted.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakHeapMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    global.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 250);
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { value, seconds, peakHeapMb: (peak - base) / 2 ** 20 };
}

async function fundingDemo(database: Database): Promise<void> {
  const ctx = systemContext('bench');
  await database.db.transaction().execute((trx) => storeNewOrganizations(trx, database, ctx, DEMO_ORGANIZATIONS.map((o) => newOrganizationRow(o, nowIso()))));
  const facilities = [];
  for (const area of OBLASTS) facilities.push(await createFacility(database, ctx, buildFacility({ areaKatottg: area })));
  await loadFundingDemo(database, ctx, new Random(1), facilities, 'national');
}

/** Counts bytes written to a file through a stream. */
async function toFile(stream: NodeJS.ReadableStream, file: string): Promise<number> {
  await pipeline(stream, fs.createWriteStream(file));
  return fs.statSync(file).size;
}

/** The same national funding data on PostgreSQL when DATABASE_URL points to one: load time, totals, plans. */
async function postgresTotals(): Promise<{ loadSeconds: number; timings: TotalsTimings } | undefined> {
  const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') === true ? process.env.DATABASE_URL : undefined;
  if (pgUrl === undefined) return undefined;
  const name = `bench_funding_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), kind: 'postgres', poolSize: 4 });
  try {
    await migrateToLatest(database);
    const load = await measured(() => fundingDemo(database));
    return { loadSeconds: load.seconds, timings: await totalsTimings(database) };
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * IATI export of the national-scale funding data on SQLite (time, activities,
 * MB, heap) against a plain read of the same rows in the same run; also the
 * HXL flows export, donor totals and the IATI import of the exported file.
 */
export async function benchFunding(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-bench-funding-'));
  const file = path.join(dir, 'funding.db');
  const loading = openDatabase({ url: `sqlite:${file}`, kind: 'sqlite', sqlitePath: file });
  await migrateToLatest(loading);
  const load = await measured(() => fundingDemo(loading));
  // Closing checkpoints the write-ahead log, so the reads below see the database as a running server would.
  await loading.close();
  const database = openDatabase({ url: `sqlite:${file}`, kind: 'sqlite', sqlitePath: file });
  const raw = new BetterSqlite3(file, { readonly: true });
  const projects = (raw.prepare('select count(*) as n from projects').get() as { n: number }).n;
  const transactions = (raw.prepare('select count(*) as n from transactions').get() as { n: number }).n;

  // Baseline: the same rows read with plain prepared statements (no JSON parsing, no XML, nothing written).
  const baseline = await measured(async () => {
    let bytes = 0;
    for (const row of raw.prepare('select * from projects order by id').iterate()) bytes += JSON.stringify(row).length;
    for (const row of raw.prepare('select * from transactions order by project_id, id').iterate()) bytes += JSON.stringify(row).length;
    for (const row of raw.prepare('select * from organizations').iterate()) bytes += JSON.stringify(row).length;
    return bytes;
  });
  raw.close();

  const iatiFile = path.join(dir, 'iati.xml');
  const iati = await measured(async () => {
    const { stream, activities } = await exportIati(database, undefined, nowIso());
    const bytes = await toFile(stream, iatiFile);
    return { bytes, activities: activities() };
  });
  const hxl = await measured(async () => {
    const { stream, rows } = await exportHxl(database, 'flows');
    let bytes = 0;
    await pipeline(stream, new Writable({ write: (chunk: Buffer, _e, done) => ((bytes += chunk.length), done()) }));
    return { bytes, rows: rows() };
  });
  const donors = await measured(() => donorTotals(database, 'USD'));
  const kept = await totalsTimings(database);
  await database.close();
  const onPostgres = await postgresTotals();

  // The exported national file imported into an empty database: all 20,000 activities checked, then written in one transaction.
  const importFile = path.join(dir, 'import.db');
  const target = openDatabase({ url: `sqlite:${importFile}`, kind: 'sqlite', sqlitePath: importFile });
  await migrateToLatest(target);
  const imported = await measured(() => importIati(target, systemContext('bench'), () => fs.createReadStream(iatiFile), CODELISTS));
  await target.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const mb = (b: number) => fmt(b / 2 ** 20, 1);
  const rows = [
    `| plain read of the same rows (baseline) | ${fmt(baseline.seconds, 2)} | ${fmt(projects)} projects, ${fmt(transactions)} transactions | ${mb(baseline.value)} (as JSON) | ${fmt(baseline.peakHeapMb, 0)} | 1.00 |`,
    `| IATI 2.03 XML export, streamed to a file | ${fmt(iati.seconds, 2)} | ${fmt(iati.value.activities)} activities | ${mb(iati.value.bytes)} | ${fmt(iati.peakHeapMb, 0)} | ${fmt(iati.seconds / baseline.seconds, 1)} |`,
    `| HXL flows export (USD + rate per row), streamed | ${fmt(hxl.seconds, 2)} | ${fmt(hxl.value.rows)} rows | ${mb(hxl.value.bytes)} | ${fmt(hxl.peakHeapMb, 0)} | ${fmt(hxl.seconds / baseline.seconds, 1)} |`,
    `| donor totals in USD, first call (from the roll-ups) | ${fmt(donors.seconds, 3)} | ${fmt(donors.value.donors.length)} donors | – | ${fmt(donors.peakHeapMb, 0)} | ${fmt(donors.seconds / baseline.seconds, 4)} |`,
    `| donor totals in USD, median of 21 calls (max ${fmt(kept.donorsMaxMs, 1)} ms) | ${fmt(kept.donorsMedianMs / 1000, 4)} | ${fmt(kept.donors)} donors | – | – | ${fmt(kept.donorsMedianMs / 1000 / baseline.seconds, 4)} |`,
    `| one project's totals in EUR with each part's rate, median | ${fmt(kept.projectMedianMs / 1000, 4)} | 1 project | – | – | ${fmt(kept.projectMedianMs / 1000 / baseline.seconds, 4)} |`,
    `| rebuild of every stored conversion and roll-up (migration 0020's backfill) | ${fmt(kept.rebuildSeconds, 2)} | ${fmt(transactions)} transactions × 4 currencies | – | – | ${fmt(kept.rebuildSeconds / baseline.seconds, 1)} |`,
    `| IATI import of that export into an empty database | ${fmt(imported.seconds, 2)} | ${fmt(imported.value.activities)} activities, ${fmt(imported.value.transactions)} transactions | ${mb(iati.value.bytes)} | ${fmt(imported.peakHeapMb, 0)} | ${fmt(imported.seconds / baseline.seconds, 1)} |`,
  ];
  return [
    '## Funding: IATI and HXL open data at national scale (SQLite)',
    '',
    `National-scale funding data (\`loadFundingDemo\` at \`--scale national\`: Japan's programme, other donors and ${fmt(projects)} activities with ${fmt(transactions)} transactions) loaded in ${fmt(load.seconds, 1)} s.`,
    'Heap is the peak growth of the live JavaScript heap while the step ran (sampled after a collection every 250 ms; run with `NODE_OPTIONS=--expose-gc`): the exports stream a batch of 500 activities at a time, so it stays far below the file size; the import streams the file twice (check, then write in one transaction), holding one activity at a time.',
    '',
    '| step | seconds | volume | MB | peak heap MB | × baseline |',
    '|---|---:|---|---:|---:|---:|',
    ...rows,
    '',
    `Donor totals read the roll-ups kept by every write (docs/funding.md § Totals kept): before migration 0020 they converted every transaction on each call (1.79 s in the run of 2026-11-24, 3.2 s measured in issue 14). Target < 50 ms: **${fmt(kept.donorsMedianMs, 1)} ms** median on SQLite${onPostgres === undefined ? '' : `, **${fmt(onPostgres.timings.donorsMedianMs, 1)} ms** on PostgreSQL`}.`,
    ...(onPostgres === undefined ? [] : [
      '',
      `PostgreSQL (the same national funding data, loaded with the roll-ups in ${fmt(onPostgres.loadSeconds, 1)} s): donor totals median ${fmt(onPostgres.timings.donorsMedianMs, 1)} ms (max ${fmt(onPostgres.timings.donorsMaxMs, 1)} ms), a project's totals median ${fmt(onPostgres.timings.projectMedianMs, 1)} ms, full rebuild ${fmt(onPostgres.timings.rebuildSeconds, 1)} s. Plans (\`EXPLAIN\` after \`ANALYZE\`) of the hot funding queries:`,
      '',
      '| query | plan nodes |',
      '|---|---|',
      ...onPostgres.timings.plans.map((p) => `| ${p.query} | ${p.plan} |`),
    ]),
  ].join('\n');
}
