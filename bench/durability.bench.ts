import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig, type SqliteSynchronous } from '../src/config.js';
import { systemContext } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { demoFacilities } from '../src/demo/demo-facilities.js';
import { Random } from '../src/demo/random.js';
import { buildApp } from '../src/http/app.js';
import { csvLine } from '../src/io/csv.js';
import { createToken, createUser } from '../src/modules/access/access.service.js';
import { IMPORT_COLUMNS } from '../src/modules/facilities/facilities.columns.js';
import { importFacilities } from '../src/modules/facilities/facilities.import.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

interface Figures {
  importRowsPerSecond: number;
  writeP50ms: number;
  writeP99ms: number;
}

/** One SQLite file at the given `synchronous` level: a CSV import, then single writes one after another over HTTP. */
async function measure(dir: string, level: SqliteSynchronous, rows: number, writes: number): Promise<Figures> {
  const file = path.join(dir, `${level}.db`);
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, CAREBRIDGE_LOG_LEVEL: 'silent', CAREBRIDGE_SQLITE_SYNCHRONOUS: level, CAREBRIDGE_WEB_DIR: '/nonexistent' }, process.cwd());
  const database = openDatabase({ url: config.databaseUrl, kind: 'sqlite', sqlitePath: file, sqliteSynchronous: level });
  await migrateToLatest(database);
  const records = demoFacilities(rows, new Random(3));
  const csv = [csvLine([...IMPORT_COLUMNS]), ...records.map((f) => csvLine([`D-${f.code}`, f.nameUk, f.nameEn, f.type, f.tier, f.ownership, f.areaKatottg, f.lat, f.lon, f.beds, f.staff, (f.services ?? []).join(';'), f.openedOn]))];
  const t0 = performance.now();
  await importFacilities(database, systemContext('bench'), Readable.from(csv), 'csv', { dryRun: false });
  const importSeconds = (performance.now() - t0) / 1000;

  await createUser(database, systemContext('bench'), { email: 'admin@bench.example', name: 'bench', memberships: [{ role: 'admin' }] });
  const { token } = await createToken(database, systemContext('bench'), { email: 'admin@bench.example' });
  const app = await buildApp({ config, database, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const latencies: number[] = [];
  for (let i = 0; i < writes; i++) {
    const f = records[i % records.length];
    if (f === undefined) break;
    const body = JSON.stringify({ ...f, code: `W-${level}-${i}` });
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/facilities`, { method: 'POST', headers, body });
    await res.text();
    if (res.status !== 201) throw new Error(`write ${i} answered ${res.status}`);
    latencies.push(performance.now() - started);
  }
  await app.close();
  await database.close();
  latencies.sort((a, b) => a - b);
  return { importRowsPerSecond: rows / importSeconds, writeP50ms: percentile(latencies, 0.5), writeP99ms: percentile(latencies, 0.99) };
}

/** What `synchronous=FULL` (the default: no acknowledged write lost on a power cut) costs against `NORMAL`, in the same run. */
export async function benchDurability(rows = 10_000, writes = 400): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-durability-'));
  try {
    const normal = await measure(dir, 'normal', rows, writes);
    const full = await measure(dir, 'full', rows, writes);
    return [
      `### Durability: SQLite \`synchronous=FULL\` against \`NORMAL\` (WAL)`,
      '',
      `CSV import of ${fmt(rows)} facilities (one transaction) and ${writes} single facility writes over HTTP, one after another, on the same disk:`,
      '',
      '| figure | NORMAL | FULL (default) | FULL / NORMAL |',
      '|---|---:|---:|---:|',
      `| CSV import, rows/s | ${fmt(normal.importRowsPerSecond)} | ${fmt(full.importRowsPerSecond)} | ${fmt(full.importRowsPerSecond / normal.importRowsPerSecond, 2)} |`,
      `| one write over HTTP, p50 ms | ${fmt(normal.writeP50ms, 2)} | ${fmt(full.writeP50ms, 2)} | ${fmt(full.writeP50ms / normal.writeP50ms, 2)} |`,
      `| one write over HTTP, p99 ms | ${fmt(normal.writeP99ms, 2)} | ${fmt(full.writeP99ms, 2)} | ${fmt(full.writeP99ms / normal.writeP99ms, 2)} |`,
      '',
      'A large import is one commit, so it pays the sync once; a single write pays it at each commit. `CAREBRIDGE_SQLITE_SYNCHRONOUS=normal` trades the last commits before a power cut (never corruption) for that latency.',
      '',
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
