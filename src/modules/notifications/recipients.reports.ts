import type { Database } from '../../db/database.js';
import type { NotificationEvent } from './notifications.events.js';
import type { Resolved } from './notifications.recipients.js';

/** A status report returned by its reviewer: its reporter (wired once report review lands). */
export async function reportRecipients(_database: Database, _e: Extract<NotificationEvent, { kind: 'report_returned' }>): Promise<Resolved[]> {
  return [];
}
