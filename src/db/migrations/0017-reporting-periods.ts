import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Reporting completeness (issue 15 item 1).
 * - Per-facility-type overrides of the reporting period and its deadline; types without a row follow
 *   CAREBRIDGE_REPORTING_PERIOD and CAREBRIDGE_REPORTING_DEADLINE_DAYS.
 * - "Which facilities sent a report observed in this period, and when did the first one reach the server" is a
 *   range over observed_at that needs only the facility and the receipt time: this index answers it without
 *   reading a report's row (30,000 entries a week at national scale instead of 3 M rows).
 */
export function reportingPeriods(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('reporting_periods')
        .addColumn('facility_type', 'text', (c) => c.primaryKey())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('deadline_days', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_reports_observed_received').on('status_reports').columns(['observed_at', 'facility_id', 'created_at']).execute();
    },
  };
}
