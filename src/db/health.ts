import { sql } from 'kysely';
import type { Database } from './database.js';

/** Resolves when the database answers a trivial query (the health check); rejects when it cannot. */
export async function databaseAnswers(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
