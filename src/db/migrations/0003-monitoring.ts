import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** Status reports (append-only) with the latest per facility, and incidents. */
export function monitoring(kind: DatabaseKind): Migration {
  const float = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('status_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
        .addColumn('observed_at', 'text', (c) => c.notNull())
        .addColumn('reporter', 'text', (c) => c.notNull())
        .addColumn('building_condition', 'text', (c) => c.notNull())
        .addColumn('building_cause', 'text')
        .addColumn('functionality', 'text', (c) => c.notNull())
        .addColumn('functionality_reasons', 'text', (c) => c.notNull())
        .addColumn('accessibility', 'text', (c) => c.notNull())
        .addColumn('accessibility_barriers', 'text', (c) => c.notNull())
        .addColumn('power_source', 'text', (c) => c.notNull())
        .addColumn('outage_hours_7d', float)
        .addColumn('backup_kw', float)
        .addColumn('fuel_litres', float)
        .addColumn('water', 'text')
        .addColumn('cold_chain', 'text')
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('rehab_beds', 'integer')
        .addColumn('therapists', 'integer')
        .addColumn('psychologists', 'integer')
        .addColumn('psychiatrists', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // "Latest report ≤ date per facility" walks this index backwards from the date, one seek per facility.
      await db.schema.createIndex('status_reports_facility_observed').on('status_reports').columns(['facility_id', 'observed_at', 'id']).execute();
      // Keyset pagination of the list, newest first.
      await db.schema.createIndex('status_reports_observed_id').on('status_reports').columns(['observed_at', 'id']).execute();

      await db.schema
        .createTable('facility_status_current')
        .addColumn('facility_id', 'text', (c) => c.primaryKey().references('facilities.id'))
        .addColumn('report_id', 'text', (c) => c.notNull().references('status_reports.id'))
        .addColumn('observed_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('facility_id', 'text', (c) => c.references('facilities.id'))
        .addColumn('facility_type', 'text')
        .addColumn('area_katottg', 'text', (c) => c.notNull().references('areas.katottg'))
        .addColumn('area_path', 'text', (c) => c.notNull())
        .addColumn('attack_types', 'text', (c) => c.notNull())
        .addColumn('resources_affected', 'text', (c) => c.notNull())
        .addColumn('health_workers_killed', 'integer', (c) => c.notNull())
        .addColumn('health_workers_injured', 'integer', (c) => c.notNull())
        .addColumn('patients_killed', 'integer', (c) => c.notNull())
        .addColumn('patients_injured', 'integer', (c) => c.notNull())
        .addColumn('certainty', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('narrative', 'text')
        .addColumn('reporter', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_occurred_id').on('incidents').columns(['occurred_at', 'id']).execute();
      await db.schema.createIndex('incidents_area_path').on('incidents').column('area_path').execute();

      await db.schema
        .createTable('sync_records')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('result_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sync_inbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('facility_id', 'text')
        .addColumn('area_path', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sync_inbox_received_id').on('sync_inbox').columns(['received_at', 'id']).execute();
    },
  };
}
