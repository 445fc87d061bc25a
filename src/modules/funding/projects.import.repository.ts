import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/**
 * Runs `step` inside a savepoint of the open transaction: when it answers false, what it wrote is undone
 * and the rest of the transaction kept (SQLite and PostgreSQL alike). The IATI import uses it with
 * skipInvalid, so a refused activity leaves nothing behind, not even the new organisations it named.
 */
export async function undoneUnlessKept(trx: Kysely<DB>, step: () => Promise<boolean>): Promise<boolean> {
  await sql`SAVEPOINT iati_activity`.execute(trx);
  const kept = await step();
  if (!kept) await sql`ROLLBACK TO SAVEPOINT iati_activity`.execute(trx);
  await sql`RELEASE SAVEPOINT iati_activity`.execute(trx);
  return kept;
}
