import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** The funding capability's tables: FX rates, projects, transactions and needs. */
export function funding(_kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      // Rates are units of the currency per 1 USD, kept as decimal text: money never passes through a float.
      await db.schema
        .createTable('fx_rates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('rate_date', 'text', (c) => c.notNull())
        .addColumn('rate_per_usd', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('fx_rates_currency_date', ['currency', 'rate_date'])
        .execute();

      // A project is an IATI activity. Multilingual texts, participants, sectors, locations, budgets and
      // milestones are JSON text: they are read and written with their project, never queried apart.
      await db.schema
        .createTable('projects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('iati_identifier', 'text', (c) => c.notNull().unique())
        .addColumn('reporting_org_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .addColumn('humanitarian', 'integer', (c) => c.notNull())
        .addColumn('participants', 'text', (c) => c.notNull())
        .addColumn('sectors', 'text', (c) => c.notNull())
        .addColumn('locations', 'text', (c) => c.notNull())
        .addColumn('budgets', 'text', (c) => c.notNull())
        .addColumn('results', 'text', (c) => c.notNull())
        .addColumn('reconstruction', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      // Donor officers see and edit projects their organisation takes part in: a row per participation.
      await db.schema
        .createTable('project_participants')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_participants_pk', ['project_id', 'organization_id', 'role'])
        .execute();
      await db.schema.createIndex('project_participants_org').on('project_participants').column('organization_id').execute();

      // Transactions keep the original amount, currency and value date for ever: conversions are computed on read.
      await db.schema
        .createTable('transactions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('provider_org_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('receiver_org_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('amount', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('value_date', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transactions_project').on('transactions').columns(['project_id', 'id']).execute();

      // A need keeps its facility's area path (as facilities do) so lists and gaps filter by scope in the query.
      await db.schema
        .createTable('needs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
        .addColumn('area_path', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('specification', 'text', (c) => c.notNull())
        .addColumn('quantity', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('needed_by', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        // Rolled up from need_links in the same transaction as each link (decimal text, in the need's unit).
        .addColumn('quantity_pledged', 'text', (c) => c.notNull())
        .addColumn('quantity_committed', 'text', (c) => c.notNull())
        .addColumn('quantity_delivered', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('needs_area').on('needs').columns(['area_path', 'category']).execute();

      // What meets a need: a project transaction (pledge, commitment, disbursement) or a supply receipt, with the
      // quantity it covers in the need's unit. One link per source and need, so nothing is counted twice.
      await db.schema
        .createTable('need_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('quantity', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('need_links_source', ['need_id', 'source_kind', 'source_id'])
        .execute();
      await db.schema.createIndex('need_links_source_id').on('need_links').columns(['source_kind', 'source_id']).execute();
    },
  };
}
