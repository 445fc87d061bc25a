import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../config.js';
import type { Database } from './database.js';
import type { DB } from './tables.js';

/**
 * Called after each batch's commit of a long load. On SQLite it copies the write-ahead log into the file and
 * truncates it, so the log holds at most one batch: the automatic checkpoint reuses the log but never shrinks it,
 * and a load written as one transaction grew it to 2.8 GB (issue 14). PostgreSQL checkpoints by itself.
 */
export async function checkpointAfterBatch(database: Database): Promise<void> {
  if (database.kind === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
}

/**
 * Runs a bulk load into empty tables with their secondary indexes dropped, then builds them again (also when the
 * load fails): one sort per index instead of millions of inserts at random places in it. The definitions are read
 * from the database, so they are exactly the migrations' own. Primary keys and unique indexes and constraints stay,
 * with the checks they make. Only for a load that nothing else reads meanwhile (the demo, into an empty database).
 */
export async function withIndexesDeferred<T>(database: Database, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const all = database.kind === 'sqlite' ? await sqliteIndexes(database.db, tables) : await postgresIndexes(database.db, tables);
  const indexes = all.filter((i) => !/^\s*create\s+unique\b/i.test(i.definition));
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(database.db);
  try {
    return await load();
  } finally {
    if (database.kind === 'postgres') {
      // One transaction, so the setting holds on the pooled connection that builds: 64 MB by default sorts on disk.
      await database.db.transaction().execute(async (trx) => {
        await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
        for (const index of indexes) await sql.raw(index.definition).execute(trx);
      });
    } else {
      await withSortMemory(database, async () => {
        for (const index of indexes) {
          await sql.raw(index.definition).execute(database.db);
          // Each index is written to the log in one statement: empty it before the next.
          await checkpointAfterBatch(database);
        }
      });
    }
    for (const table of tables) await sql`analyze ${sql.id(table)}`.execute(database.db);
  }
}

/**
 * SQLite sorts for an index within its page cache (2 MB by default), in many runs merged from temporary files:
 * 128 MiB meanwhile, and a second thread for the sort (7 s → 5.7 s for an index of 3.1 M reports here).
 */
async function withSortMemory(database: Database, build: () => Promise<void>): Promise<void> {
  const cache = Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db)).rows[0]?.cache_size ?? -2000);
  const threads = Number((await sql<{ threads: number }>`pragma threads`.execute(database.db)).rows[0]?.threads ?? 0);
  await sql`pragma cache_size = -131072`.execute(database.db);
  await sql`pragma threads = 2`.execute(database.db);
  try {
    await build();
  } finally {
    await sql.raw(`pragma cache_size = ${cache}`).execute(database.db);
    await sql.raw(`pragma threads = ${threads}`).execute(database.db);
  }
}

interface IndexDefinition {
  name: string;
  definition: string;
}

async function sqliteIndexes(db: Kysely<DB>, tables: readonly string[]): Promise<IndexDefinition[]> {
  // `sql` is null for the indexes SQLite makes itself for primary keys and unique constraints.
  const rows = await sql<IndexDefinition>`select name, sql as definition from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)}) order by name`.execute(db);
  return rows.rows;
}

async function postgresIndexes(db: Kysely<DB>, tables: readonly string[]): Promise<IndexDefinition[]> {
  // Indexes behind a constraint (primary key, unique) stay: dropping them would drop the constraint.
  const rows = await sql<IndexDefinition>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname in (${sql.join(tables)})
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`.execute(db);
  return rows.rows;
}

/** Rows per statement on SQLite; its limit of 32,766 bound values caps it lower for wide tables. */
const SQLITE_ROWS = 500;
/** Rows per statement on PostgreSQL: one JSON parameter each. */
const POSTGRES_ROWS = 5000;

/**
 * Inserts many rows of one shape (every row the keys of the first), with almost nothing for the query builder to
 * compile. On PostgreSQL each chunk travels as one JSON parameter that the server expands (json_populate_recordset):
 * one round trip, one value to bind. On SQLite (in process, no round trips) a statement of bound values per chunk,
 * prepared once through the statement cache (every full chunk has the same text): parsing rows back out of JSON
 * (json_each, json_extract per column) cost 3 times as much, and the query builder's compiling of thousands of
 * values as much as the insert itself.
 */
export async function bulkInsert<T extends object>(db: Kysely<DB>, kind: DatabaseKind, table: Extract<keyof DB, string>, rows: readonly T[]): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first) as (keyof T & string)[];
  const list = columns.map((c) => `"${c}"`).join(', ');
  if (kind === 'postgres') {
    for (let i = 0; i < rows.length; i += POSTGRES_ROWS) {
      const text = `insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", $1::json)`;
      await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows.slice(i, i + POSTGRES_ROWS))]));
    }
    return;
  }
  const perStatement = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(32_766 / columns.length)));
  const head = `insert into "${table}" (${list}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const text = head + Array.from({ length: chunk.length }, () => tuple).join(', ');
    const values: unknown[] = new Array(chunk.length * columns.length);
    let k = 0;
    for (const r of chunk) for (const c of columns) values[k++] = r[c] ?? null;
    await db.executeQuery(CompiledQuery.raw(text, values));
  }
}
