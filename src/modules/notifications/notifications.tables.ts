/** Tables of the notifications module (migration 0019). Flags are integers 0/1, timestamps ISO-8601 UTC text. */
export interface NotificationOutboxTable {
  id: string;
  kind: string;
  payload: string;
  actor_user_id: string | null;
  created_at: string;
  processed_at: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  event_id: string;
  kind: string;
  params: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
  in_app: number;
  email_state: string;
  email_attempts: number;
  email_next_at: string | null;
  email_error: string | null;
}

export interface NotificationSubscriptionsTable {
  user_id: string;
  kind: string;
  in_app: number;
  email: number;
  updated_at: string;
}

export interface NotificationSettingsTable {
  user_id: string;
  email_digest: number;
  last_digest_at: string | null;
  updated_at: string;
}

export interface NotificationConditionsTable {
  key: string;
  since: string;
}

export interface WebhooksTable {
  id: string;
  url: string;
  kinds: string;
  secret: string;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  kind: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_status_code: number | null;
  created_at: string;
  delivered_at: string | null;
}

export interface NotificationsTables {
  notification_outbox: NotificationOutboxTable;
  notifications: NotificationsTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  notification_settings: NotificationSettingsTable;
  notification_conditions: NotificationConditionsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
