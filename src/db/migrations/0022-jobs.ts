import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Job resources (issue 14 item 1): long work (plans, exports, imports) answers at once with a job that reports its
 * progress, can be cancelled and hands its result to its owner once. Text and integer columns only, so both
 * dialects store the same; timestamps are ISO-8601 UTC text as everywhere else.
 */
export function jobs(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        // Not a foreign key: the system context ('system') owns jobs started by the CLI.
        .addColumn('owner_user_id', 'text', (c) => c.notNull())
        /** queued | running | succeeded | failed | cancelled */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
        /** null while the total is not known (an export before its last batch). */
        .addColumn('progress_total', 'integer')
        .addColumn('progress_phase', 'text', (c) => c.notNull())
        /** A sentence for the user, never a stack. */
        .addColumn('error', 'text')
        /** The result (a plan as JSON, an export's file) until it is fetched; cleared then. */
        .addColumn('result', 'text')
        .addColumn('result_type', 'text')
        .addColumn('result_fetched_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      // The start-up sweep finds jobs left queued or running by a stopped server.
      await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
    },
  };
}
