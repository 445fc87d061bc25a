import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/**
 * Rows and a SHA-256 of the contents of every table: two databases of the same dialect with equal
 * figures hold the same data. Rows are serialised and sorted, so physical order does not matter.
 */
export async function tableChecksums(database: Database): Promise<Record<string, { rows: number; sha256: string }>> {
  const names =
    database.kind === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(database.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  const result: Record<string, { rows: number; sha256: string }> = {};
  for (const { name } of names.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db);
    const lines = rows.rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
    result[name] = { rows: lines.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return result;
}
