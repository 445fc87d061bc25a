import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** Agreements with partners, their priority areas and documents, meetings with action items, and project links. */
export function partnerships(kind: DatabaseKind): Migration {
  const bytes = kind === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: AnyDb) {
      // Titles, signatories and stated pledges are JSON text: read and written with their agreement, never queried apart.
      await db.schema
        .createTable('agreements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('signed_on', 'text')
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .addColumn('signatories', 'text', (c) => c.notNull())
        .addColumn('pledges', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      // A row per partner: a donor officer's list is one indexed join on its organisation.
      await db.schema
        .createTable('agreement_partners')
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addPrimaryKeyConstraint('agreement_partners_pk', ['agreement_id', 'organization_id'])
        .execute();
      await db.schema.createIndex('agreement_partners_org').on('agreement_partners').columns(['organization_id', 'agreement_id']).execute();
      await db.schema
        .createTable('agreement_areas')
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('targets', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('agreement_areas_pk', ['agreement_id', 'area'])
        .execute();
      // Documents are kept in the database with their SHA-256, so a backup holds them and a changed byte shows.
      await db.schema
        .createTable('agreement_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', bytes, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agreement_documents_agreement').on('agreement_documents').columns(['agreement_id', 'id']).execute();

      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agreement_id', 'text', (c) => c.references('agreements.id'))
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('participants', 'text', (c) => c.notNull())
        .addColumn('areas', 'text', (c) => c.notNull())
        .addColumn('decisions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('meetings_held_on').on('meetings').columns(['held_on', 'id']).execute();
      await db.schema
        .createTable('meeting_organizations')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addPrimaryKeyConstraint('meeting_organizations_pk', ['meeting_id', 'organization_id'])
        .execute();
      await db.schema.createIndex('meeting_organizations_org').on('meeting_organizations').columns(['organization_id', 'meeting_id']).execute();
      await db.schema
        .createTable('action_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('area', 'text')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('owner_org_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      // "Overdue" is open items by due date: one range scan.
      await db.schema.createIndex('action_items_due').on('action_items').columns(['status', 'due_on', 'id']).execute();
      await db.schema.createIndex('action_items_meeting').on('action_items').columns(['meeting_id']).execute();

      // Funding's tables stay untouched: the link from a project to the agreement and area it serves lives here.
      await db.schema
        .createTable('project_links')
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_links_pk', ['agreement_id', 'area', 'project_id'])
        .execute();
      await db.schema.createIndex('project_links_project').on('project_links').column('project_id').execute();
    },
  };
}
