import { sql } from 'kysely';
import type { Database } from './database.js';

export interface TableStats {
  table: string;
  rows: number;
  /** Bytes on disk of the table with its indexes (and, on PostgreSQL, its TOAST data). */
  bytes: number;
}

export interface DatabaseStats {
  kind: Database['kind'];
  tables: TableStats[];
  /** The whole database file (SQLite) or database (PostgreSQL), free pages included. */
  totalBytes: number;
  /** How sizes were measured, said in the output. */
  method: string;
}

const quoted = (name: string) => sql.id(name);

async function countRows(database: Database, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${quoted(table)}`.execute(database.db);
  return Number(r.rows[0]?.n ?? 0);
}

async function sqliteStats(database: Database): Promise<DatabaseStats> {
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(database.db)).rows.map((r) => r.name);
  const pageSize = Number((await sql<{ page_size: number }>`pragma page_size`.execute(database.db)).rows[0]?.page_size ?? 4096);
  const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(database.db)).rows[0]?.page_count ?? 0);
  const bytesOf = new Map<string, number>();
  let method = 'SQLite dbstat (pages of each table and its indexes)';
  try {
    // dbstat names each b-tree; an index's pages count for the table it belongs to.
    const rows = await sql<{ tbl: string; bytes: number }>`select m.tbl_name as tbl, sum(s.pgsize) as bytes from dbstat s join sqlite_master m on m.name = s.name group by m.tbl_name`.execute(database.db);
    for (const r of rows.rows) bytesOf.set(r.tbl, Number(r.bytes));
  } catch {
    // Built without SQLITE_ENABLE_DBSTAT_VTAB: only the file's page count is known, not each table's share.
    method = 'SQLite page count (this build has no dbstat: sizes per table unknown, shown as 0)';
  }
  const out: TableStats[] = [];
  for (const table of tables) out.push({ table, rows: await countRows(database, table), bytes: bytesOf.get(table) ?? 0 });
  return { kind: 'sqlite', tables: out, totalBytes: pages * pageSize, method };
}

async function postgresStats(database: Database): Promise<DatabaseStats> {
  const rows = await sql<{ name: string; bytes: string | number }>`
    select c.relname as name, pg_total_relation_size(c.oid) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = current_schema()
    order by c.relname`.execute(database.db);
  const total = await sql<{ bytes: string | number }>`select pg_database_size(current_database()) as bytes`.execute(database.db);
  const out: TableStats[] = [];
  for (const r of rows.rows) out.push({ table: r.name, rows: await countRows(database, r.name), bytes: Number(r.bytes) });
  return { kind: 'postgres', tables: out, totalBytes: Number(total.rows[0]?.bytes ?? 0), method: 'PostgreSQL pg_total_relation_size (table, indexes and TOAST)' };
}

/** Size and rows of every table, largest first: what `carebridge stats` prints. */
export async function databaseStats(database: Database): Promise<DatabaseStats> {
  const stats = database.kind === 'sqlite' ? await sqliteStats(database) : await postgresStats(database);
  stats.tables.sort((a, b) => b.bytes - a.bytes || a.table.localeCompare(b.table));
  return stats;
}
