import type { Kysely } from 'kysely';
import type { DB, IdempotencyKeysTable } from '../../db/tables.js';

export async function findKey(db: Kysely<DB>, scope: string, key: string): Promise<IdempotencyKeysTable | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

/** Stores the first answer under a key; a concurrent duplicate loses the race and keeps the first. */
export async function storeKey(db: Kysely<DB>, row: IdempotencyKeysTable): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).onConflict((oc) => oc.columns(['scope', 'key']).doNothing()).execute();
}
