import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/** One event into the notification outbox, in the caller's transaction. */
export async function insertOutboxEvent(db: Kysely<DB>, row: DB['notification_outbox']): Promise<void> {
  await db.insertInto('notification_outbox').values(row).execute();
}
