import type BetterSqlite3 from 'better-sqlite3';

/**
 * Kysely prepares every query afresh; with better-sqlite3, preparing costs as much as running a small indexed
 * query. Queries are built from a fixed set of shapes (values are bound), so caching prepared statements by SQL
 * text pays for itself. Safe because a connection runs one statement at a time and we do not stream (a statement
 * is never reused while still iterating). The oldest statement goes first once `size` are cached.
 */
export function cachedPrepare(sqlite: BetterSqlite3.Database, size = 500): (sql: string) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = sqlite.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  };
}
