import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseKind } from '../config.js';
import { AppError } from '../errors.js';

/** The database a backup is taken from or restored into, as the configuration names it. */
export interface BackupTarget {
  kind: DatabaseKind;
  url: string;
  sqlitePath: string | undefined;
}

export interface BackupOptions {
  /** Called as the work advances: pages (SQLite) or tables (PostgreSQL) done out of total. */
  onProgress?: (done: number, total: number) => void;
  /** Replace an existing output file (backup) or a database that is not empty (restore). */
  force?: boolean;
  /** SQLite pages copied per step; between steps other connections go on reading and writing. */
  pagesPerStep?: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_CUSTOM_MAGIC = 'PGDMP';
/**
 * Tables a freshly migrated database already has rows in, and is still empty: Kysely's bookkeeping, and
 * `areas`, which migration 0001 seeds with the 27 oblasts. Any later write to areas (a KATOTTG import)
 * appends audit events, and those count.
 */
const isBookkeeping = (table: string): boolean => table.startsWith('kysely_') || table.startsWith('sqlite_') || table === 'areas';

function sqliteFile(target: BackupTarget): string {
  if (target.sqlitePath === undefined || target.sqlitePath === ':memory:') throw new AppError('validation_failed', 'DATABASE_URL names an in-memory SQLite database: there is nothing on disk to back up or restore into.');
  return target.sqlitePath;
}

/** Application tables with rows, and how many; none for an empty or freshly migrated database. */
export async function nonEmptyTables(target: BackupTarget): Promise<{ table: string; rows: number }[]> {
  if (target.kind === 'sqlite') {
    const file = sqliteFile(target);
    if (!fs.existsSync(file)) return [];
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const tables = (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((t) => t.name).filter((t) => !isBookkeeping(t));
      return tables.map((table) => ({ table, rows: (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n })).filter((t) => t.rows > 0);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name")).rows.map((t) => t.name).filter((t) => !isBookkeeping(t));
    const counts: { table: string; rows: number }[] = [];
    for (const table of tables) counts.push({ table, rows: Number((await client.query<{ n: string }>(`select count(*) as n from "${table}"`)).rows[0]?.n ?? 0) });
    return counts.filter((t) => t.rows > 0);
  } finally {
    await client.end();
  }
}

/** The URL without its password, which goes to the tool in PGPASSWORD instead of its command line (visible in `ps`). */
function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password === '' ? {} : { PGPASSWORD: password }) } };
}

/**
 * Runs pg_dump or pg_restore, feeding its --verbose lines to `onLine`, and answers its standard output;
 * a missing tool or a failure is a sentence.
 */
async function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void = () => undefined): Promise<string> {
  const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const problems: string[] = [];
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    if (/\b(error|fatal):/i.test(line)) problems.push(line);
    onLine(line);
  });
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c ?? 1));
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new AppError('unavailable', `${tool} is not installed (not found on the PATH): PostgreSQL backups and restores use it. Install the PostgreSQL client tools of the server's major version (Debian: apt-get install postgresql-client) and run again.`);
    throw e;
  });
  if (code !== 0) throw new AppError('unavailable', `${tool} failed (exit ${code}): ${problems.slice(-3).join(' | ') || 'no message'}`);
  return stdout;
}

/** Writes to FILE.partial, renamed when complete: a half-written backup never carries the final name. */
function partialOf(output: string, force: boolean): string {
  if (fs.existsSync(output) && !force) throw new AppError('validation_failed', `${output} already exists: choose another name, or add --force to replace it.`);
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  const partial = `${output}.partial`;
  fs.rmSync(partial, { force: true });
  return partial;
}

/**
 * Backs the database up into one file while the server keeps running. SQLite: the online backup API from
 * a read transaction held across every step, so the copy is one consistent snapshot however much the
 * server writes meanwhile (without it SQLite restarts the copy at each commit of another connection, and
 * a busy server could keep it from ever finishing). PostgreSQL: pg_dump's custom format (one snapshot too).
 */
export async function backupDatabase(target: BackupTarget, output: string, options: BackupOptions = {}): Promise<{ bytes: number }> {
  const { onProgress, force = false, pagesPerStep = 1000 } = options;
  if (target.kind === 'sqlite') {
    const file = sqliteFile(target);
    if (!fs.existsSync(file)) throw new AppError('validation_failed', `There is no database at ${file} to back up.`);
    const partial = partialOf(output, force);
    const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      source.exec('BEGIN');
      source.prepare('select count(*) from sqlite_master').get(); // BEGIN is deferred: this read takes the snapshot.
      await source.backup(partial, {
        progress: ({ totalPages, remainingPages }) => {
          onProgress?.(totalPages - remainingPages, totalPages);
          return pagesPerStep;
        },
      });
      source.exec('COMMIT');
    } finally {
      source.close();
    }
    // The copy keeps the source's WAL flag; a backup is one self-contained file.
    const copy = new BetterSqlite3(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
  } else {
    const partial = partialOf(output, force);
    const { dbname, env } = pgConnection(target.url);
    const total = (await pgTableCount(target.url)) || 1;
    let done = 0;
    await runPgTool('pg_dump', ['--format=custom', '--verbose', `--file=${partial}`, `--dbname=${dbname}`], env, (line) => {
      if (line.includes('dumping contents of table')) onProgress?.(++done, Math.max(total, done));
    });
  }
  fs.renameSync(`${output}.partial`, output);
  return { bytes: fs.statSync(output).size };
}

async function pgTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function formatOf(file: string): 'sqlite' | 'postgres' | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (text === SQLITE_MAGIC) return 'sqlite';
    if (text.startsWith(PG_CUSTOM_MAGIC)) return 'postgres';
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Restores a backup into the configured database, which must be empty (a freshly migrated one is) unless
 * `force`. SQLite: the backup API copies the file into the database's own path page by page under a write
 * lock; run it with the server stopped, or the server goes on from caches of data that no longer exists.
 * PostgreSQL: pg_restore in one transaction (all or nothing), replacing the tables the backup holds.
 */
export async function restoreDatabase(target: BackupTarget, file: string, options: BackupOptions = {}): Promise<void> {
  const { onProgress, force = false, pagesPerStep = 1000 } = options;
  if (!fs.existsSync(file)) throw new AppError('validation_failed', `No such backup file: ${file}`);
  const format = formatOf(file);
  if (format === undefined) throw new AppError('validation_failed', `${file} is not a Carebridge backup: neither a SQLite database nor a PostgreSQL custom-format dump.`);
  if (format !== target.kind) {
    throw new AppError('validation_failed', `${file} is a ${format === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but DATABASE_URL names a ${target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database: restore it into the kind of database it came from.`);
  }
  const filled = await nonEmptyTables(target);
  if (filled.length > 0 && !force) {
    const shown = filled.slice(0, 5).map((t) => `${t.table}: ${t.rows} rows`).join(', ');
    throw new AppError('conflict', `The database is not empty (${shown}${filled.length > 5 ? ', …' : ''}): restore only into an empty database, or add --force to replace its contents.`);
  }
  if (target.kind === 'sqlite') {
    const destination = sqliteFile(target);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppError('validation_failed', `${file} is damaged (SQLite quick_check: ${String(check)}): nothing was restored.`);
      await source.backup(destination, {
        progress: ({ totalPages, remainingPages }) => {
          onProgress?.(totalPages - remainingPages, totalPages);
          return pagesPerStep;
        },
      });
    } finally {
      source.close();
    }
    return;
  }
  const { dbname, env } = pgConnection(target.url);
  const listing = await runPgTool('pg_restore', ['--list', file], env);
  const total = listing.split('\n').filter((l) => l.includes(' TABLE DATA ')).length || 1;
  let done = 0;
  await runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--verbose', `--dbname=${dbname}`, file], env, (line) => {
    if (line.includes('processing data for table')) onProgress?.(++done, Math.max(total, done));
  });
}
