import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Notifications (issue 15 item 3). An event is written to `notification_outbox` in the transaction of the write
 * that causes it, so a rolled-back write leaves nothing and a committed one is never lost; a worker in the server
 * turns each event into per-user notifications (in-app, email) and webhook deliveries. Flags are integers 0/1.
 */
export function notifications(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('notification_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        /** JSON: the ids the event is about; recipients and texts are worked out when it is drained. */
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('processed_at', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('notification_outbox_pending').on('notification_outbox').columns(['processed_at', 'created_at', 'id']).execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        /** JSON: what the text needs, already cut to what this recipient may see. */
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        /** 0 when the user turned the in-app channel off for the kind (the row then only carries the email). */
        .addColumn('in_app', 'integer', (c) => c.notNull())
        /** none | pending | digest | sent | failed */
        .addColumn('email_state', 'text', (c) => c.notNull())
        .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('email_next_at', 'text')
        .addColumn('email_error', 'text')
        .execute();
      await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'in_app', 'created_at', 'id']).execute();
      await db.schema.createIndex('notifications_email').on('notifications').columns(['email_state', 'email_next_at']).execute();
      // One notification per event and user, even if an event were drained twice.
      await db.schema.createIndex('notifications_event_user').on('notifications').columns(['event_id', 'user_id']).unique().execute();

      await db.schema
        .createTable('notification_subscriptions')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('in_app', 'integer', (c) => c.notNull())
        .addColumn('email', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_subscriptions_pk', ['user_id', 'kind'])
        .execute();
      await db.schema
        .createTable('notification_settings')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        /** 1: emails are gathered into one message a day instead of one per notification. */
        .addColumn('email_digest', 'integer', (c) => c.notNull())
        .addColumn('last_digest_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Conditions found by periodic checks (an overdue action item, low stock): an event is raised when one
      // appears, and again only after it has cleared.
      await db.schema
        .createTable('notification_conditions')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('since', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        /** JSON array of notification kinds. */
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        /** pending | delivered | failed (gave up after the last attempt) */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_deliveries_log').on('webhook_deliveries').columns(['webhook_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    },
  };
}
