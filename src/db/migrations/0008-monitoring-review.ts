import { sql, type Kysely, type Migration } from 'kysely';
import { stateOf } from '../../modules/monitoring/indicators.state.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** Fills the packed indicator state of reports stored before this migration, in keyset batches (a no-op on a new database). */
async function backfillStates(db: AnyDb): Promise<void> {
  for (;;) {
    const rows = (await db.selectFrom('status_reports').select(['id', 'functionality', 'building_condition', 'power_source', 'services']).where('state', '=', '').orderBy('id').limit(2000).execute()) as {
      id: string;
      functionality: string;
      building_condition: string;
      power_source: string;
      services: string;
    }[];
    if (rows.length === 0) break;
    for (const r of rows) await db.updateTable('status_reports').set({ state: stateOf(r) }).where('id', '=', r.id).execute();
  }
  await db
    .updateTable('facility_status_current')
    .set({ state: sql`(select r.state from status_reports r where r.id = facility_status_current.report_id)` })
    .execute();
}

/**
 * Monitoring, second step (issue 4). A separate migration because 0003 already ran on existing databases.
 * - Review of the sync inbox: what a coordinator decided about each entry; the answer a replayed record gets
 *   (a stale offline facility edit is answered 409 again, not stored twice).
 * - Indicators at national scale: each report's packed state (indicators.state.ts), also kept in the
 *   current-status table, and a covering index so "latest state as of a date" is one index seek per facility.
 */
export function monitoringReview(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('sync_records').addColumn('status', 'integer', (c) => c.notNull().defaultTo(202)).execute();
      for (const column of ['resolution', 'resolved_at', 'resolved_by', 'resolution_note', 'resolution_result_id']) {
        await db.schema.alterTable('sync_inbox').addColumn(column, 'text').execute();
      }
      await db.schema.alterTable('status_reports').addColumn('state', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('facility_status_current').addColumn('state', 'text', (c) => c.notNull().defaultTo('')).execute();
      await backfillStates(db);
      // Replaces (facility_id, observed_at, id): same order, plus the state, so the seek needs no row.
      await db.schema.dropIndex('status_reports_facility_observed').execute();
      await db.schema.createIndex('status_reports_facility_state').on('status_reports').columns(['facility_id', 'observed_at', 'id', 'state']).execute();
    },
  };
}
