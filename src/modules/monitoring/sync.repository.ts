import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Scope } from '../../scope.js';
import type { SyncInboxTable, SyncRecordsTable } from './monitoring.tables.js';
import type { InboxState } from './sync.schema.js';

export async function findSyncRecord(db: Kysely<DB>, clientId: string): Promise<SyncRecordsTable | undefined> {
  return db.selectFrom('sync_records').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function insertSyncRecord(db: Kysely<DB>, row: SyncRecordsTable): Promise<void> {
  await db.insertInto('sync_records').values(row).execute();
}

export async function insertInbox(db: Kysely<DB>, row: SyncInboxTable): Promise<void> {
  await db.insertInto('sync_inbox').values(row).execute();
}

export async function findInboxEntry(db: Kysely<DB>, id: string): Promise<SyncInboxTable | undefined> {
  return db.selectFrom('sync_inbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the decision; false when someone resolved the entry first (so the caller can refuse). */
export async function markResolved(db: Kysely<DB>, row: SyncInboxTable): Promise<boolean> {
  const result = await db
    .updateTable('sync_inbox')
    .set({ resolution: row.resolution, resolved_at: row.resolved_at, resolved_by: row.resolved_by, resolution_note: row.resolution_note, resolution_result_id: row.resolution_result_id })
    .where('id', '=', row.id)
    .where('resolution', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A page of the review inbox, newest first, limited to the reviewer's scope in the query. */
export async function listInbox(db: Kysely<DB>, visible: Scope, state: InboxState, limit: number, after?: { value: string; id: string }): Promise<SyncInboxTable[]> {
  let q = db.selectFrom('sync_inbox').selectAll();
  if (!visible.all) {
    q = q.where((eb) =>
      eb.or([
        ...visible.areaPaths.map((p) => eb('area_path', 'like', `${p}%`)),
        ...(visible.facilityIds.length > 0 ? [eb('facility_id', 'in', visible.facilityIds)] : []),
        sql<SqlBool>`1 = 0`,
      ]),
    );
  }
  if (state !== 'all') q = q.where('resolution', state === 'open' ? 'is' : 'is not', null);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('received_at', '<', after.value), eb.and([eb('received_at', '=', after.value), eb('id', '<', after.id)])]));
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}
