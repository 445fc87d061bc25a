import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Area access status over time (DESIGN §4 "Area access status", issue 17): one row per area and period, as the
 * Ministry of Reintegration publishes its list of territories (by KATOTTG code, with dates). `valid_to` is the
 * first day the status no longer holds (null: still in force). A facility inherits the status of its smallest
 * area that has one, so the index serves "every status in force on a date" and "this area's periods".
 */
export function areaStatus(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('area_statuses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('area_katottg', 'text', (c) => c.notNull().references('areas.katottg'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('area_statuses_period', ['area_katottg', 'status', 'valid_from'])
        .execute();
      await db.schema.createIndex('area_statuses_from').on('area_statuses').columns(['valid_from', 'valid_to']).execute();
    },
  };
}
